import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../src/testing/shared-dir.js';

/**
 * The compliance commands through the real CLI on the bundled examples: scan with frameworks,
 * exceptions, baseline, HTML and OSCAL output, --store, history, diff, frameworks, serve.
 * Needs the build (`npm run build`, run by `npm install`).
 */
const cli = path.join(repoRoot, 'bin/rampart.js');
const built = existsSync(path.join(repoRoot, 'dist/cli/main.js'));
if (!built) console.log('compliance CLI tests skipped: run npm run build first');

/** Runs the CLI without blocking the test worker (a blocked worker misses vitest's own messages). */
function run(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [cli, ...args], { cwd: repoRoot, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...env }, maxBuffer: 64 << 20 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, out: stdout, err: stderr });
    });
  });
}

describe.skipIf(!built)('rampart CLI: compliance', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'rampart-cli-'));
  const store = path.join(dir, 'scans.db');

  it('frameworks list and show', async () => {
    const list = await run(['frameworks', 'list']);
    expect(list.code).toBe(0);
    expect(list.out).toMatch(/^cis-ck8s\s+124\s+\d+\s+\d+\s+CIS Kubernetes Benchmark — Canonical Kubernetes profile/m);
    const json = JSON.parse((await run(['frameworks', 'list', '-f', 'json'])).out);
    expect(json.map((f: any) => f.framework)).toEqual(['cis-ck8s', 'cis-k8s', 'disa-stig-k8s', 'nsa-cisa', 'pss-baseline', 'pss-restricted']);
    const show = await run(['frameworks', 'show', 'cis-ck8s']);
    expect(show.out).toContain('1.2  API server');
    expect(show.out).toMatch(/5\.2\.2\s+Privileged containers are not admitted\s+pss-privileged/);
    const missing = await run(['frameworks', 'show', 'nope']);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('no framework "nope"; known: cis-ck8s');
  });

  it('scan --framework adds framework results; an unknown framework is a usage error', async () => {
    const r = await run(['scan', 'examples/insecure-app', '--framework', 'pss-baseline', '-f', 'json', '--fail-on', 'none']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out);
    const fws = report.extensions.frameworks.frameworks;
    expect(fws.map((f: any) => f.id)).toEqual(['pss-baseline']);
    expect(fws[0].controls.find((c: any) => c.id === 'privileged').status).toBe('fail');
    const bad = await run(['scan', 'examples/insecure-app', '--framework', 'nope']);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('unknown framework "nope"');
  });

  it('--exceptions waives, reports bad entries, and refuses a missing file', async () => {
    const file = path.join(dir, 'waivers.yaml');
    writeFileSync(
      file,
      `exceptions:
  - rule: image-tag-mutable
    resources: { namespace: shop }
    justification: demo
    acceptedBy: jane
    expires: 2099-01-01
  - control: pss-baseline/privileged
    resources: { name: web }
    justification: old
    acceptedBy: bob
    expires: 2020-01-01
  - rule: no-such-rule
    justification: typo
    acceptedBy: x
`,
    );
    const r = await run(['scan', 'examples/insecure-app', '--exceptions', file, '-f', 'json', '--fail-on', 'none']);
    const report = JSON.parse(r.out);
    expect(report.findings.filter((f: any) => f.waiver).map((f: any) => f.ruleId)).toEqual(['image-tag-mutable']);
    const expired = report.exceptions.find((e: any) => e.ruleId === 'control:pss-baseline/privileged');
    expect(expired).toMatchObject({ expired: true });
    expect(expired.matched).toBeGreaterThan(0);
    expect(report.diagnostics).toEqual([expect.objectContaining({ level: 'warning', code: 'exceptions-invalid', message: expect.stringContaining('unknown rule "no-such-rule"') })]);
    const missing = await run(['scan', 'examples', '--exceptions', path.join(dir, 'none.yaml')]);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('none.yaml: no such file');
  });

  it('--baseline fails only on findings that are new', async () => {
    const base = path.join(dir, 'base.json');
    expect((await run(['scan', 'examples/insecure-app', '-o', base, '--fail-on', 'none'])).code).toBe(0);
    expect((await run(['scan', 'examples/insecure-app', '-f', 'json', '-o', path.join(dir, 'x.json')])).code).toBe(1);
    const same = await run(['scan', 'examples/insecure-app', '--baseline', base, '-f', 'json']);
    expect(same.code).toBe(0);
    expect(JSON.parse(same.out).extensions.baseline).toMatchObject({ new: 0 });
    const hardened = path.join(dir, 'hardened.json');
    (await run(['scan', 'examples/hardened-app', '-o', hardened, '--fail-on', 'none']));
    const more = await run(['scan', 'examples/insecure-app', '--baseline', hardened, '-f', 'json']);
    expect(more.code).toBe(1);
    expect(JSON.parse(more.out).extensions.baseline.new).toBeGreaterThan(0);
    writeFileSync(path.join(dir, 'notreport.json'), '{"a":1}');
    expect((await run(['scan', 'examples', '--baseline', path.join(dir, 'notreport.json')])).err).toContain('is not a Rampart JSON report');
  });

  it('writes HTML and OSCAL files', async () => {
    const html = path.join(dir, 'report.html');
    (await run(['scan', 'examples', '-o', html, '--fail-on', 'none']));
    expect(readFileSync(html, 'utf8')).toMatch(/^<!doctype html>/);
    const oscal = await run(['scan', 'examples', '-f', 'oscal', '--fail-on', 'none']);
    expect(JSON.parse(oscal.out)['assessment-results'].metadata['oscal-version']).toBe('1.0.6');
  });

  it('--store, history and diff; different clusters are refused unless forced', async () => {
    expect((await run(['scan', 'examples/hardened-app', '--store', store, '--cluster', 'demo', '--fail-on', 'none'])).err).toMatch(/stored scan 1 \(demo\)/);
    expect((await run(['scan', 'examples', '--store', store, '--cluster', 'demo', '--fail-on', 'none'])).err).toMatch(/stored scan 2 \(demo\)/);
    (await run(['scan', 'examples/insecure-app', '--store', store, '--cluster', 'other', '--fail-on', 'none']));
    const history = await run(['history', '--store', store]);
    expect(history.code).toBe(0);
    expect(history.out.split('\n').filter((l) => /^\s+\d+\s/.test(l)).map((l) => l.trim().split(/\s+/)[0])).toEqual(['3', '2', '1']);
    const h = JSON.parse((await run(['history', '--store', store, '--cluster', 'demo', '-f', 'json'])).out);
    expect(h.map((s: any) => s.id)).toEqual([2, 1]);
    const diff = await run(['diff', '1', '2', '--store', store, '-f', 'json']);
    expect(diff.code).toBe(0);
    const d = JSON.parse(diff.out);
    expect(d.new.length).toBeGreaterThan(0);
    expect(d.fixed).toEqual([]);
    expect((await run(['diff', '1', '2', '--store', store, '--fail-on-new'])).code).toBe(1);
    const refused = await run(['diff', '1', '3', '--store', store]);
    expect(refused.code).toBe(2);
    expect(refused.err).toContain('comparing different clusters is refused');
    expect((await run(['diff', '1', '3', '--store', store, '--force'])).out).toContain('NOTE: different clusters');
    expect((await run(['diff', '1', '99', '--store', store])).err).toContain('no scan 99');
  });

  it('a corrupt or foreign store is refused with a clear message and left as it was', async () => {
    const bad = path.join(dir, 'bad.db');
    writeFileSync(bad, 'not a database at all, just text that is long enough to look like a header........');
    const before = readFileSync(bad);
    const r = await run(['history', '--store', bad]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/is not a SQLite database \(or it is damaged\)/);
    expect(r.err).not.toMatch(/at \w+ \(/); // no stack trace
    expect(readFileSync(bad).equals(before)).toBe(true);
  });

  it('serve prints the token once, serves the API with it, and refuses without', async () => {
    const env = { XDG_CONFIG_HOME: path.join(dir, 'config') };
    const child = spawn(process.execPath, [cli, 'serve', '--port', '0', '--store', store], { cwd: repoRoot, env: { ...process.env, ...env } });
    try {
      let out = '';
      let err = '';
      child.stdout.on('data', (c) => (out += c));
      child.stderr.on('data', (c) => (err += c));
      const deadline = Date.now() + 20_000;
      while (!/dashboard at (http:\/\/\S+)/.test(err) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      const url = /dashboard at (http:\/\/\S+)/.exec(err)![1]!;
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
      const token = out.trim();
      expect(token).toMatch(/^[\w-]{43}$/);
      expect(readFileSync(path.join(dir, 'config/rampart/server-token.json'), 'utf8')).not.toContain(token);
      expect((await fetch(`${url}api/scans`)).status).toBe(401);
      const scans = await (await fetch(`${url}api/scans`, { headers: { authorization: `Bearer ${token}` } })).json();
      expect(scans.map((s: any) => s.id)).toEqual([3, 2, 1]);
    } finally {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
    // A second start does not print a token again.
    const again = spawn(process.execPath, [cli, 'serve', '--port', '0', '--store', store], { cwd: repoRoot, env: { ...process.env, ...env } });
    let out2 = '';
    let err2 = '';
    again.stdout.on('data', (c) => (out2 += c));
    again.stderr.on('data', (c) => (err2 += c));
    const deadline = Date.now() + 20_000;
    while (!err2.includes('dashboard at') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    again.kill('SIGTERM');
    await new Promise((r) => again.once('exit', r));
    expect(err2).toContain('dashboard at');
    expect(out2).toBe('');
  });
});
