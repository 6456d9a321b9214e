import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../src/config/config.js';
import type { Report } from '../src/reporters/report.js';
import { ensureBuilt, runCli } from './helpers/run-cli.js';

/**
 * `.rampart.yaml` end to end: discovery, --config/--no-config, rule switches and severities,
 * exceptions (selectors, globs, expiry), annotation exemptions, and mistakes in the file itself.
 */

let dir: string;
/** Only the one rule these expectations are written for: other areas add rules in parallel. */
const ONLY = ['--only=image-tag-mutable'];

function write(rel: string, text: string): string {
  const p = path.join(dir, rel);
  mkdirSync(path.dirname(p), { recursive: true });
  writeFileSync(p, text);
  return p;
}

const APP = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web-frontend
  namespace: shop
spec:
  template:
    spec:
      containers:
        - name: web
          image: nginx:latest
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
  namespace: shop
spec:
  template:
    spec:
      containers:
        - name: api
          image: example/api
---
apiVersion: v1
kind: Pod
metadata:
  name: debug
  namespace: tools
  annotations:
    rampart.dev/exempt.image-tag-mutable: "throwaway debugging pod, deleted after use"
spec:
  containers:
    - name: sh
      image: busybox
`;

async function scan(args: string[], cwd = dir): Promise<{ code: number | null; report: Report; stderr: string }> {
  const r = await runCli(['scan', ...ONLY, '-f', 'json', ...args], { cwd });
  expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
  return { code: r.code, report: JSON.parse(r.stdout) as Report, stderr: r.stderr };
}

const open = (r: Report) => r.findings.filter((f) => !f.waiver && f.status === 'fail');

beforeAll(() => {
  ensureBuilt();
  dir = mkdtempSync(path.join(os.tmpdir(), 'rampart-config-'));
  write('proj/k8s/app/app.yaml', APP);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('finding the configuration', () => {
  it('uses .rampart.yaml found upward from the first path; --no-config ignores it; --config replaces it', async () => {
    write('proj/.rampart.yaml', 'rules:\n  image-tag-mutable: off\n');
    write('other.yaml', 'rules:\n  image-tag-mutable: {severity: critical}\n');
    const found = await scan([path.join('proj', 'k8s', 'app')]);
    expect(found.report.settings.config).toBe(path.join(dir, 'proj', '.rampart.yaml'));
    expect(found.report.summary.rulesRun).toBe(0);
    expect(found.report.findings).toEqual([]);
    expect(found.code).toBe(0);

    const none = await scan(['--no-config', path.join('proj', 'k8s', 'app')]);
    expect(none.report.settings.config).toBeUndefined();
    expect(open(none.report).map((f) => f.resource.name)).toEqual(['web-frontend', 'api']);
    expect(none.code).toBe(1);

    const given = await scan(['--config', 'other.yaml', path.join('proj', 'k8s', 'app')]);
    expect(given.report.settings.config).toBe('other.yaml');
    expect(open(given.report).map((f) => f.severity)).toEqual(['critical', 'critical']);
    expect(given.report.rules[0]!.severity).toBe('critical');
    rmSync(path.join(dir, 'proj/.rampart.yaml'));
  });

  it('a --config file that does not exist is a usage error', async () => {
    const r = await runCli(['scan', '--config', 'nope.yaml', 'proj'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('nope.yaml: no such file');
  });

  it('a severity override decides --fail-on', async () => {
    write('low.yaml', 'rules:\n  image-tag-mutable: low\n');
    expect((await runCli(['scan', ...ONLY, '--config', 'low.yaml', '--fail-on', 'medium', 'proj'], { cwd: dir })).code).toBe(0);
    expect((await runCli(['scan', ...ONLY, '--config', 'low.yaml', '--fail-on', 'low', 'proj'], { cwd: dir })).code).toBe(1);
    write('fail-on.yaml', 'failOn: critical\n');
    // failOn from the file applies when the flag is absent.
    expect((await runCli(['scan', ...ONLY, '--config', 'fail-on.yaml', 'proj'], { cwd: dir })).code).toBe(0);
  });
});

describe('exceptions and exemptions', () => {
  it('waives what the selector globs match, keeps the waived findings, and counts matches', async () => {
    write(
      'exc.yaml',
      [
        'exceptions:',
        '  - rule: image-tag-mutable',
        '    resources: {kind: Deploy*, namespace: shop, name: "web-*"}',
        '    justification: front end pinned by the release pipeline',
        '    acceptedBy: platform@example.com',
        '    expires: 2999-12-31',
        '  - rule: "*"',
        '    resources: {file: "*/nothing-here/*"}',
        '    justification: matches nothing',
        '',
      ].join('\n'),
    );
    const { code, report } = await scan(['--config', 'exc.yaml', 'proj']);
    const byName = Object.fromEntries(report.findings.map((f) => [f.resource.name, f]));
    expect(byName['web-frontend']!.waiver).toEqual({
      source: 'config',
      justification: 'front end pinned by the release pipeline',
      acceptedBy: 'platform@example.com',
      expires: '2999-12-31',
      origin: 'exc.yaml:2',
    });
    expect(byName['api']!.waiver).toBeUndefined();
    expect(report.exceptions.map((e) => [e.ruleId, e.matched, e.expired, e.origin])).toEqual([
      ['image-tag-mutable', 1, false, 'exc.yaml:2'],
      ['*', 0, false, 'exc.yaml:7'],
    ]);
    expect(report.summary.findings).toBe(1);
    expect(report.summary.waived).toBe(2); // the exception and the annotation
    expect(report.rules[0]!.waived).toBe(2);
    expect(code).toBe(1);
  });

  it('an expired exception stops waiving, is flagged on the finding and in the output, and stays listed', async () => {
    write('expired.yaml', 'exceptions:\n  - rule: image-tag-mutable\n    resources: {name: web-frontend}\n    justification: was fine once\n    expires: 2020-01-31\n');
    const { report } = await scan(['--config', 'expired.yaml', 'proj']);
    const web = report.findings.find((f) => f.resource.name === 'web-frontend')!;
    expect(web.waiver).toBeUndefined();
    expect(web.properties).toEqual({ expiredException: 'expired.yaml:2' });
    expect(report.exceptions).toEqual([expect.objectContaining({ expired: true, matched: 1, expires: '2020-01-31' })]);
    const table = await runCli(['scan', ...ONLY, '--config', 'expired.yaml', 'proj'], { cwd: dir });
    expect(table.stdout).toContain('exception for image-tag-mutable at expired.yaml:2 expired on 2020-01-31');
    const sarif = JSON.parse((await runCli(['scan', ...ONLY, '--config', 'expired.yaml', '-f', 'sarif', 'proj'], { cwd: dir })).stdout);
    expect(sarif.runs[0].invocations[0].toolConfigurationNotifications).toEqual([expect.objectContaining({ descriptor: { id: 'exception-expired' } })]);
  });

  it('the rampart.dev/exempt.<rule> annotation keeps the finding as waived with its reason', async () => {
    const { report } = await scan(['--no-config', 'proj']);
    const debug = report.findings.find((f) => f.resource.name === 'debug')!;
    expect(debug.status).toBe('fail');
    expect(debug.waiver).toEqual({
      source: 'annotation',
      justification: 'throwaway debugging pod, deleted after use',
      origin: 'Pod/debug annotation rampart.dev/exempt.image-tag-mutable',
    });
    const verbose = await runCli(['scan', ...ONLY, '--no-config', '-v', 'proj'], { cwd: dir });
    expect(verbose.stdout).toMatch(/WAIVED.*busybox[\s\S]*waived: throwaway debugging pod/);
    const quiet = await runCli(['scan', ...ONLY, '--no-config', 'proj'], { cwd: dir });
    expect(quiet.stdout).not.toContain('busybox');
  });
});

describe('mistakes in the configuration', () => {
  it('bad dates, unknown rules and bad values are diagnostics with file:line', async () => {
    write(
      'bad.yaml',
      [
        'failOn: severe', // line 1
        'rules:',
        '  image-tag-mutabel: off', // line 3: typo
        'exceptions:',
        '  - rule: image-tag-mutable', // line 5
        '    justification: no date',
        '    expires: 31/12/2027',
        '  - rule: image-tag-mutable', // line 8
        '    justification: no such day',
        '    expires: 2027-02-30',
        '  - rule: no-such-rule', // line 11
        '    justification: typo',
        '  - rule: image-tag-mutable', // line 13
        '',
      ].join('\n'),
    );
    const { code, report } = await scan(['--config', 'bad.yaml', 'proj']);
    const diags = report.diagnostics.map((d) => [d.level, d.line, d.message.replace('bad.yaml: ', '')]);
    expect(diags).toEqual([
      ['error', 1, 'failOn must be one of critical, high, medium, low, info, none'],
      ['warning', 3, 'unknown rule "image-tag-mutabel" (see rampart rules list)'],
      ['error', 5, 'exceptions[0].expires must be a date YYYY-MM-DD (got "31/12/2027")'],
      ['error', 8, 'exceptions[1].expires must be a date YYYY-MM-DD (got "2027-02-30")'],
      ['warning', 11, 'exceptions[2] names unknown rule "no-such-rule"'],
      ['error', 13, 'exceptions[3] needs a justification'],
    ]);
    expect(report.diagnostics.every((d) => d.file === 'bad.yaml' && d.code.startsWith('config-'))).toBe(true);
    // The scan still ran with what was valid; errors in the configuration make the exit code 2.
    expect(report.findings.length).toBe(3);
    expect(code).toBe(2);
  });

  it('a YAML syntax error in the configuration points at its line', () => {
    const { diagnostics } = parseConfig('rules:\n  a: [1,\n', '.rampart.yaml', new Set(['a']));
    expect(diagnostics[0]).toMatchObject({ level: 'error', code: 'config-syntax', file: '.rampart.yaml', line: 3 });
  });

  it('a duplicate key in the configuration is an error, not a silent override', () => {
    const { diagnostics } = parseConfig('failOn: high\nfailOn: low\n', '.rampart.yaml', new Set());
    expect(diagnostics).toEqual([expect.objectContaining({ code: 'config-syntax', line: 2 })]);
  });
});
