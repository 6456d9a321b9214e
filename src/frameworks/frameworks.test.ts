import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeReport, testFramework, testOutputDir, testRules } from '../../test/compliance-fixture.js';
import { builtinRules } from '../rules/index.js';
import { applyCompliance } from './index.js';
import { coverageOf, loadFrameworks, parseFramework, unmappedRules } from './load.js';

describe('shipped frameworks', () => {
  const { frameworks, diagnostics } = loadFrameworks();

  it('all load without problems, with unique control ids', () => {
    expect(diagnostics).toEqual([]);
    expect(frameworks.map((f) => f.id).sort()).toEqual(['cis-ck8s', 'cis-k8s', 'disa-stig-k8s', 'nsa-cisa', 'pss-baseline', 'pss-restricted']);
    for (const f of frameworks) expect(new Set(f.controls.map((c) => c.id)).size).toBe(f.controls.length);
  });

  it('carry the control counts of their sources', () => {
    const count = (id: string) => frameworks.find((f) => f.id === id)!.controls.length;
    expect(count('cis-k8s')).toBe(131);
    expect(count('cis-ck8s')).toBe(124);
    expect(count('disa-stig-k8s')).toBe(91);
    expect(count('pss-baseline')).toBe(12);
    expect(count('pss-restricted')).toBe(18);
  });

  it('map node checks by check id and policies by rule id', () => {
    const cis = frameworks.find((f) => f.id === 'cis-k8s')!;
    expect(cis.controls.find((c) => c.id === '1.2.1')!.rules).toEqual([{ rule: '*', benchmark: 'cis-kubeadm', checkId: '1.2.1' }]);
    expect(cis.controls.find((c) => c.id === '5.2.2')!.rules).toEqual([{ rule: 'pss-privileged' }]);
    const stig = frameworks.find((f) => f.id === 'disa-stig-k8s')!;
    expect(stig.controls.filter((c) => c.applicability === 'not-applicable').map((c) => c.id)).toEqual(['V-242386', 'V-242398', 'V-242399', 'V-242437', 'V-242454', 'V-242455']);
  });

  // The coverage listing: which controls Rampart decides today, which need a person, and which
  // rule ids the data names that no rule has yet (other areas add them; the lead reconciles).
  it('coverage is listed: automated controls, manual controls, unknown rule ids, unmapped rules', () => {
    const ids = new Set(builtinRules.map((r) => r.id));
    const coverage = frameworks.map((f) => coverageOf(f, ids));
    const unmapped = unmappedRules(frameworks, builtinRules.map((r) => r.id));
    const rows = coverage.map((c) => ({ framework: c.framework, controls: c.controls, automated: c.automated, byCheckId: c.byCheckId, manual: c.manual.length, notApplicable: c.notApplicable.length, unresolved: c.unresolved.length, unknownRules: c.unknownRules.length }));
    console.table(rows);
    console.log(`rule ids named by frameworks but not built in: ${[...new Set(coverage.flatMap((c) => c.unknownRules))].sort().join(', ')}`);
    console.log(`built-in rules no framework names: ${unmapped.join(', ') || '(none)'}`);
    writeFileSync(path.join(testOutputDir(), 'framework-coverage.json'), `${JSON.stringify({ coverage, unmappedRules: unmapped }, null, 2)}\n`);
    for (const c of coverage) {
      expect(c.automated + c.manual.length + c.unresolved.length + c.notApplicable.length).toBe(c.controls);
      for (const id of c.unknownRules) expect(ids.has(id)).toBe(false);
    }
    // image-tag-mutable is a built-in rule that NSA/CISA maps, so at least that control is automated.
    expect(coverage.find((c) => c.framework === 'nsa-cisa')!.automated).toBeGreaterThanOrEqual(1);
  });
});

describe('framework files with problems', () => {
  it('reports a missing id and bad controls with file and line, not a crash', () => {
    const r = parseFramework('name: x\ncontrols: []\n', 'bad.yaml');
    expect(r.framework).toBeUndefined();
    expect(r.diagnostics[0]!.message).toContain('missing "id"');
    const r2 = parseFramework('id: x\nname: x\ncontrols:\n  - { title: no id }\n  - { id: a, title: ok, rules: [42] }\n', 'bad2.yaml');
    expect(r2.diagnostics.map((d) => d.line)).toEqual([4, 5]);
    expect(r2.framework!.controls.map((c) => c.id)).toEqual(['a']);
    expect(parseFramework('id: [', 'broken.yaml').diagnostics[0]!.code).toBe('framework-invalid');
  });
});

describe('control status and scores', () => {
  it('follow from the findings: fail, pass, manual, not-assessed, not-applicable; by check id for node checks', () => {
    const report = makeReport();
    const [fw] = applyCompliance(report, { available: [testFramework()] }).frameworks;
    const status = Object.fromEntries(fw!.controls.map((c) => [c.id, c.status]));
    expect(status).toEqual({ 'W-1': 'fail', 'W-2': 'fail', 'W-3': 'manual', 'W-4': 'not-assessed', 'N-1': 'pass', 'N-2': 'fail', 'N-3': 'not-applicable', 'S-1': 'pass', 'S-2': 'not-assessed' });
    const w1 = fw!.controls.find((c) => c.id === 'W-1')!;
    expect(w1.failing).toHaveLength(1);
    expect(report.findings.find((f) => f.fingerprint === w1.failing[0])!.resource.name).toBe('web');
    expect(fw!.score).toBe(40); // 2 pass of 5 decided
    expect(fw!.sections.map((s) => [s.id, s.score])).toEqual([
      ['a', 0],
      ['b', 66.7],
    ]);
    expect((report.extensions!.frameworks as { frameworks: unknown[] }).frameworks[0]).toBe(fw);
  });

  it('a control whose rules ran on nothing is not applicable, and passes when they checked and found nothing', () => {
    const report = makeReport('apiVersion: v1\nkind: ConfigMap\nmetadata: { name: c }\n');
    const [fw] = applyCompliance(report, { available: [testFramework()] }).frameworks;
    expect(fw!.controls.find((c) => c.id === 'W-1')!.status).toBe('not-applicable');
    // The node rule ran but said nothing of check 1.2.1: not assessed (it may not cover that check).
    expect(fw!.controls.find((c) => c.id === 'N-1')!.status).toBe('not-assessed');
    const clean = makeReport('apiVersion: v1\nkind: Pod\nmetadata: { name: p, namespace: x }\nspec: { containers: [ { name: c, image: "r/i@sha256:' + 'b'.repeat(64) + '" } ] }\n');
    const [fw2] = applyCompliance(clean, { available: [testFramework()] }).frameworks;
    expect(fw2!.controls.find((c) => c.id === 'W-1')!.status).toBe('pass');
    expect(fw2!.controls.find((c) => c.id === 'W-2')!.status).toBe('pass');
  });

  it('an unknown framework id is refused with the list of known ones', () => {
    expect(() => applyCompliance(makeReport(), { frameworks: ['nope'], available: [testFramework()] })).toThrow(/unknown framework "nope"; known: test-fw/);
  });

  it('the shipped NSA/CISA framework fails its image control on a mutable tag', () => {
    const report = makeReport();
    const nsa = applyCompliance(report, { frameworks: ['nsa-cisa'] }).frameworks[0]!;
    expect(nsa.controls.find((c) => c.id === 'nsa-pod-10')!.status).toBe('fail');
    expect(testRules.map((r) => r.id)).toContain('image-tag-mutable');
  });
});
