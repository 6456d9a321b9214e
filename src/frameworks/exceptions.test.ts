import { describe, expect, it } from 'vitest';
import { makeReport, testFramework } from '../../test/compliance-fixture.js';
import { parseConfig } from '../config/config.js';
import { applyCompliance } from './index.js';
import { parseExceptionsFile } from './exceptions.js';

const known = { ruleIds: new Set(['test-privileged', 'image-tag-mutable', 'test-node-check']), frameworks: [testFramework()] };

describe('exceptions file', () => {
  it('reads rule and control entries with selector, justification, acceptedBy and expiry', () => {
    const { exceptions, diagnostics } = parseExceptionsFile(
      `exceptions:
  - rule: test-privileged
    resources: { kind: Deployment, namespace: shop, name: "w*" }
    justification: The CNI agent needs it
    acceptedBy: jane@example.com
    expires: 2026-12-31
  - control: test-fw/W-2
    justification: Images are pinned by the registry
    acceptedBy: ops
`,
      'waivers.yaml',
      known,
    );
    expect(diagnostics).toEqual([]);
    expect(exceptions).toMatchObject([
      { rule: 'test-privileged', selector: { kind: 'Deployment', namespace: 'shop', name: 'w*' }, acceptedBy: 'jane@example.com', expires: '2026-12-31', origin: 'waivers.yaml:2' },
      { rule: 'control:test-fw/W-2', selector: {}, origin: 'waivers.yaml:7' },
    ]);
  });

  it('reports bad dates, unknown rules and controls, missing fields, with lines; keeps the good entries', () => {
    const { exceptions, diagnostics } = parseExceptionsFile(
      `- rule: test-privileged
  justification: ok
  acceptedBy: a
  expires: 2026-02-30
- rule: no-such-rule
  justification: typo
  acceptedBy: a
- control: test-fw/Z-9
  justification: x
  acceptedBy: a
- control: nofw
  justification: x
  acceptedBy: a
- rule: test-privileged
  acceptedBy: a
- rule: image-tag-mutable
  justification: fine
  expires: next week
- rule: image-tag-mutable
  justification: no acceptor
`,
      'bad.yaml',
      known,
    );
    const lines = diagnostics.map((d) => `${d.level}:${d.line}:${d.message.replace('bad.yaml: ', '')}`);
    expect(lines).toEqual([
      'error:1:entry 1: expires must be a date YYYY-MM-DD (got "2026-02-30")',
      'warning:5:entry 2: unknown rule "no-such-rule" (see rampart rules list)',
      'warning:8:entry 3: framework test-fw has no control "Z-9"',
      'warning:11:entry 4: control must be <framework>/<control>, e.g. cis-k8s/5.2.2 (got "nofw")',
      'error:14:entry 5 needs a justification',
      'warning:16:entry 6 does not say who accepted it (acceptedBy)',
      'error:16:entry 6: expires must be a date YYYY-MM-DD (got "next week")',
      'warning:19:entry 7 does not say who accepted it (acceptedBy)',
    ]);
    expect(exceptions.map((e) => e.rule)).toEqual(['no-such-rule', 'control:test-fw/Z-9', 'control:nofw', 'image-tag-mutable']);
  });

  it('a syntax error is one diagnostic, not a crash', () => {
    const { exceptions, diagnostics } = parseExceptionsFile('exceptions: [\n', 'x.yaml', known);
    expect(exceptions).toEqual([]);
    expect(diagnostics[0]).toMatchObject({ level: 'error', code: 'exceptions-syntax', file: 'x.yaml' });
  });
});

describe('waivers in the report', () => {
  it('waived findings stay, marked with the record; the control becomes waived; counts are recomputed', () => {
    const report = makeReport();
    const before = report.summary.findings;
    const { exceptions } = parseExceptionsFile(
      `- rule: test-privileged
  resources: { name: web }
  justification: Needed for the demo
  acceptedBy: jane
  expires: 2026-12-31
`,
      'w.yaml',
      known,
    );
    const [fw] = applyCompliance(report, { available: [testFramework()], exceptions }).frameworks;
    const f = report.findings.find((x) => x.ruleId === 'test-privileged')!;
    expect(f.waiver).toEqual({ source: 'exceptions-file', justification: 'Needed for the demo', acceptedBy: 'jane', expires: '2026-12-31', origin: 'w.yaml:1' });
    expect(fw!.controls.find((c) => c.id === 'W-1')!.status).toBe('waived');
    expect(report.summary.findings).toBe(before - 1);
    expect(report.summary.waived).toBe(1);
    expect(report.rules.find((r) => r.ruleId === 'test-privileged')!.waived).toBe(1);
    expect(report.exceptions).toEqual([expect.objectContaining({ ruleId: 'test-privileged', matched: 1, expired: false })]);
  });

  it('an expired waiver stops waiving and is flagged, on the record and on the finding', () => {
    const report = makeReport(undefined, { now: new Date('2027-01-05T00:00:00Z') });
    const { exceptions } = parseExceptionsFile('- control: test-fw/W-1\n  justification: old\n  acceptedBy: bob\n  expires: 2026-12-31\n', 'w.yaml', known);
    const [fw] = applyCompliance(report, { available: [testFramework()], exceptions }).frameworks;
    const f = report.findings.find((x) => x.ruleId === 'test-privileged')!;
    expect(f.waiver).toBeUndefined();
    expect(f.properties?.expiredException).toBe('w.yaml:1');
    expect(fw!.controls.find((c) => c.id === 'W-1')!.status).toBe('fail');
    expect(report.exceptions).toEqual([expect.objectContaining({ ruleId: 'control:test-fw/W-1', expired: true, matched: 1 })]);
  });

  it('control exceptions from .rampart.yaml apply too, by the rules and check ids of the control', () => {
    const { config, diagnostics } = parseConfig(
      'exceptions:\n  - control: test-fw/N-2\n    justification: token file is managed\n    acceptedBy: sec\n',
      '.rampart.yaml',
      new Set(['test-privileged']),
    );
    expect(diagnostics).toEqual([]);
    const report = makeReport(undefined, { config });
    // The engine lists the control exception without matching anything (it knows no frameworks)...
    expect(report.exceptions).toEqual([expect.objectContaining({ ruleId: 'control:test-fw/N-2', matched: 0 })]);
    const [fw] = applyCompliance(report, { available: [testFramework()] }).frameworks;
    // ...and the framework step applies it, updating that same record.
    expect(fw!.controls.find((c) => c.id === 'N-2')!.status).toBe('waived');
    expect(report.exceptions).toHaveLength(1);
    expect(report.exceptions[0]!.matched).toBe(1);
  });
});
