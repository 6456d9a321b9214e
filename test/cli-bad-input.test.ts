import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../src/reporters/report.js';
import { ensureBuilt, runCli } from './helpers/run-cli.js';
import { repoRoot as repoRootDir } from './helpers/shared-dir.js';

/** Only the one rule these expectations are written for: other areas add rules in parallel. */
const ONLY = ['--only=image-tag-mutable'];

/**
 * Bad input is normal input: every case runs the real CLI on real files and checks the message,
 * that the rest of the input is still scanned, the exit code, and that no stack trace leaks.
 */

let dir: string;
const POD = (name: string, image = 'nginx') => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\nspec:\n  containers:\n    - name: c\n      image: ${image}\n`;

function write(rel: string, text: string | Buffer): string {
  const p = path.join(dir, rel);
  mkdirSync(path.dirname(p), { recursive: true });
  writeFileSync(p, text);
  return p;
}

function noStackTrace(text: string) {
  expect(text).not.toMatch(/\n\s+at .+\(.*:\d+:\d+\)/);
  expect(text).not.toContain('internal error');
}

async function scanJson(args: string[], input?: string): Promise<{ code: number | null; report: Report; stderr: string }> {
  const r = await runCli(['scan', '--no-config', ...ONLY, '-f', 'json', ...args], { input, cwd: dir });
  noStackTrace(r.stderr);
  return { code: r.code, report: JSON.parse(r.stdout) as Report, stderr: r.stderr };
}

beforeAll(() => {
  ensureBuilt();
  dir = mkdtempSync(path.join(os.tmpdir(), 'rampart-bad-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('malformed input', () => {
  it('reports YAML and JSON syntax errors with file:line:column, scans the other files, exits 2', async () => {
    write('syntax/good.yaml', POD('good'));
    write('syntax/bad.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n  labels: {x: [1, 2}\n');
    write('syntax/bad.json', '{"apiVersion": "v1", "kind": "Pod",\n  "metadata": {"name": "j"\n}\n');
    // The second document is broken; the first and third still count.
    write('syntax/multi.yaml', `${POD('first')}---\nkind: [\n---\n${POD('third')}`);
    const { code, report, stderr } = await scanJson(['syntax']);
    expect(code).toBe(2);
    const errors = report.diagnostics.filter((d) => d.code === 'yaml-syntax');
    expect(errors.map((d) => [path.basename(d.file!), d.line, d.column])).toEqual([
      ['bad.json', 4, 1],
      ['bad.yaml', 5, 20],
      ['multi.yaml', 11, 1],
    ]);
    expect(errors[1]!.message).toContain('missed comma between flow collection entries');
    expect(errors[2]!.message).toContain('(document 2)');
    expect(report.findings.map((f) => f.resource.name).sort()).toEqual(['first', 'good', 'third']);
    expect(stderr).toContain('syntax/bad.yaml:5:20: missed comma');
  });

  it('rejects duplicate keys as kubectl does, naming the key and its line', async () => {
    write('dup/dup.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: one\n  name: two\n');
    const { code, report } = await scanJson(['dup']);
    expect(code).toBe(2);
    expect(report.diagnostics).toEqual([
      expect.objectContaining({ level: 'error', code: 'yaml-syntax', line: 5, column: 3, message: 'duplicated mapping key "name" (document 1)' }),
    ]);
  });

  it('stops a billion-laughs alias bomb quickly and keeps scanning', async () => {
    let yaml = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: bomb}\ndata:\n  a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n';
    let prev = 'a';
    for (const c of 'bcdefghi') {
      yaml += `  ${c}: &${c} [${Array(9).fill(`*${prev}`).join(',')}]\n`;
      prev = c;
    }
    write('bomb/bomb.yaml', `${yaml}---\n${POD('after-bomb')}`);
    const started = performance.now();
    const { code, report } = await scanJson(['bomb']);
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(code).toBe(2);
    expect(report.diagnostics).toEqual([expect.objectContaining({ code: 'yaml-alias-bomb', line: 1 })]);
    expect(report.findings.map((f) => f.resource.name)).toEqual(['after-bomb']);
  });

  it('accepts modest anchors and merge keys', async () => {
    write('anchors/ok.yaml', `apiVersion: v1\nkind: Pod\nmetadata: {name: merged}\nspec:\n  containers:\n    - &c {name: a, image: "nginx:1.27"}\n    - <<: *c\n      name: b\n      image: redis\n`);
    const { code, report } = await scanJson(['anchors']);
    expect(report.diagnostics).toEqual([]);
    expect(report.findings).toEqual([expect.objectContaining({ messageId: 'untagged', location: expect.objectContaining({ line: 9, path: 'spec.containers[1].image' }) })]);
    expect(code).toBe(1);
  });

  it('bounds deep nesting without a stack overflow', async () => {
    write('deep/deep.yaml', `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: deep}\ndata: ${'['.repeat(50_000)}${']'.repeat(50_000)}\n`);
    const { code, report } = await scanJson(['deep']);
    expect(code).toBe(2);
    expect(report.diagnostics).toEqual([expect.objectContaining({ code: 'yaml-syntax', line: 4, message: expect.stringContaining('maxDepth') })]);
  });
});

describe('files that are not manifests', () => {
  it('skips binary files and files over --max-file-size with a warning, exit 0', async () => {
    const bin = Buffer.alloc(800);
    for (let i = 0; i < bin.length; i++) bin[i] = (i * 7919) % 256;
    write('skip/image.yaml', bin);
    write('skip/big.yaml', POD('big') + `# ${'x'.repeat(5000)}\n`);
    write('skip/small.yaml', POD('small', 'nginx:1.27'));
    const { code, report, stderr } = await scanJson(['skip', '--max-file-size', '1000']);
    expect(code).toBe(0);
    expect(report.diagnostics.map((d) => [d.level, d.code, path.basename(d.file!)])).toEqual([
      ['warning', 'file-too-large', 'big.yaml'],
      ['warning', 'binary-file', 'image.yaml'],
    ]);
    expect(report.stats.resources).toBe(1);
    expect(stderr).toContain('over the limit of 1000 bytes');
  });

  it('reads a pipe named on the command line (process substitution), bounded by --max-file-size', async () => {
    const script = `"$0" "$1" scan --no-config --only=image-tag-mutable -f json <(printf '%s' "$2")`;
    const sub = await runCli(['-c', script, process.execPath, path.join(repoRootDir, 'bin/rampart.js'), POD('piped', 'nginx:latest')], {
      cwd: dir,
      shell: 'bash',
    });
    expect(sub.code).toBe(1);
    expect((JSON.parse(sub.stdout) as Report).findings.map((f) => [f.resource.name, f.location.file?.startsWith('/dev/fd/'), f.location.line])).toEqual([['piped', true, 8]]);
    const zero = await runCli(['scan', '--no-config', ...ONLY, '-f', 'json', '--max-file-size', '100000', '/dev/zero'], { cwd: dir });
    expect(zero.code).toBe(0);
    expect((JSON.parse(zero.stdout) as Report).diagnostics).toEqual([expect.objectContaining({ code: 'file-too-large', message: '/dev/zero: more than the limit of 100000 bytes; skipped (see --max-file-size)' })]);
  });

  it('rejects a --max-file-size that is not a number', async () => {
    const r = await runCli(['scan', '--no-config', ...ONLY, '--max-file-size', 'lots', 'skip'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--max-file-size takes a number of bytes');
    noStackTrace(r.stderr);
  });

  it('reads UTF-16 files with a byte-order mark (PowerShell output)', async () => {
    write('utf16/pod.yaml', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(POD('wide'), 'utf16le')]));
    const { code, report } = await scanJson(['utf16']);
    expect(report.diagnostics).toEqual([]);
    expect(report.findings).toEqual([expect.objectContaining({ resource: expect.objectContaining({ name: 'wide' }), location: expect.objectContaining({ line: 8 }) })]);
    expect(code).toBe(1);
  });

  it('warns about documents without kind or apiVersion and about non-objects, and goes on', async () => {
    write('nokind/mixed.yaml', `foo: bar\n---\nkind: Pod\nmetadata: {name: x}\n---\n- 1\n- 2\n---\n${POD('real')}`);
    const { code, report } = await scanJson(['nokind']);
    expect(code).toBe(1);
    expect(report.diagnostics.map((d) => [d.code, d.line, d.message])).toEqual([
      ['missing-kind', 1, 'document 1 has no kind; not a Kubernetes object, skipped'],
      ['missing-kind', 3, 'document 2 has no apiVersion; not a Kubernetes object, skipped'],
      ['not-an-object', 6, 'document 3 is not a Kubernetes object (a list); skipped'],
    ]);
    expect(report.stats.resources).toBe(1);
  });

  it('counts kinds that no rule reads in stats.ignoredKinds', async () => {
    write('kinds/all.yaml', `apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w1}\n---\napiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w2}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n---\n${POD('p', 'nginx:1.27')}`);
    const { code, report } = await scanJson(['kinds']);
    expect(code).toBe(0);
    expect(report.stats.ignoredKinds).toEqual({ Widget: 2, ConfigMap: 1 });
    expect(report.stats.resources).toBe(4);
  });
});

describe('empty and missing input', () => {
  it('an empty file is noted, not an error', async () => {
    write('empty/empty.yaml', '');
    write('empty/comments.yaml', '# nothing here\n---\n# nor here\n');
    const { code, report } = await scanJson(['empty']);
    expect(code).toBe(0);
    expect(report.diagnostics).toEqual([expect.objectContaining({ level: 'info', code: 'empty-file', file: path.join('empty', 'empty.yaml') })]);
    expect(report.stats.files).toBe(2);
  });

  it('empty standard input is a warning that hints at a failed pipe', async () => {
    const { code, report, stderr } = await scanJson(['-'], '');
    expect(code).toBe(0);
    expect(report.diagnostics).toEqual([expect.objectContaining({ level: 'warning', code: 'empty-input' })]);
    expect(stderr).toContain('standard input is empty');
  });

  it('a nonexistent path is an error; the other paths are still scanned', async () => {
    write('exists/pod.yaml', POD('here'));
    const { code, report } = await scanJson(['exists', 'no/such/path.yaml']);
    expect(code).toBe(2);
    expect(report.diagnostics).toEqual([expect.objectContaining({ level: 'error', code: 'fs-enoent', message: 'no/such/path.yaml: no such file or folder' })]);
    expect(report.findings.map((f) => f.resource.name)).toEqual(['here']);
  });

  it('a folder without manifests is a warning', async () => {
    write('nothing/readme.txt', 'hello');
    const { code, report } = await scanJson(['nothing']);
    expect(code).toBe(0);
    expect(report.diagnostics).toEqual([expect.objectContaining({ level: 'warning', code: 'no-input' })]);
  });
});

describe('symbolic links', () => {
  it('does not loop on symlink cycles; dangling links are warnings while walking', async () => {
    write('links/pod.yaml', POD('linked'));
    mkdirSync(path.join(dir, 'links/sub'));
    symlinkSync('.', path.join(dir, 'links/self'));
    symlinkSync('..', path.join(dir, 'links/sub/up'));
    symlinkSync('loop-b', path.join(dir, 'links/loop-a'));
    symlinkSync('loop-a', path.join(dir, 'links/loop-b'));
    symlinkSync('missing.yaml', path.join(dir, 'links/dangling.yaml'));
    const r = await runCli(['scan', '--no-config', ...ONLY, '-f', 'json', 'links'], { cwd: dir, timeoutMs: 10_000 });
    noStackTrace(r.stderr);
    const report = JSON.parse(r.stdout) as Report;
    const byCode = report.diagnostics.map((d) => [d.level, d.code, path.basename(d.file ?? '')]).sort();
    expect(byCode).toEqual(
      [
        ['warning', 'fs-enoent', 'dangling.yaml'],
        ['warning', 'fs-eloop', 'loop-a'],
        ['warning', 'fs-eloop', 'loop-b'],
        ['warning', 'symlink-loop', 'self'],
        ['warning', 'symlink-loop', 'up'],
      ].sort(),
    );
    expect(report.findings.map((f) => f.resource.name)).toEqual(['linked']);
    expect(r.code).toBe(1);
  });

  it('a dangling link named on the command line is an error', async () => {
    const { code, report } = await scanJson([path.join('links', 'dangling.yaml')]);
    expect(code).toBe(2);
    expect(report.diagnostics).toEqual([expect.objectContaining({ level: 'error', code: 'fs-enoent' })]);
  });
});

describe('permissions', () => {
  const asNobody = ['setpriv', '--reuid=nobody', '--regid=nogroup', '--clear-groups'];
  const root = process.getuid?.() === 0;
  const canDrop = root && spawnSync('setpriv', ['--reuid=nobody', '--regid=nogroup', '--clear-groups', 'true']).status === 0;

  // Skipped only when running as root on a machine without setpriv (util-linux): root reads everything.
  it.skipIf(root && !canDrop)('an unreadable file or folder is an error with a clear message; the rest is scanned (as nobody when root)', async () => {
    const perm = mkdtempSync(path.join(os.tmpdir(), 'rampart-perm-'));
    try {
      chmodSync(perm, 0o755);
      writeFileSync(path.join(perm, 'ok.yaml'), POD('readable'));
      writeFileSync(path.join(perm, 'locked.yaml'), POD('locked'));
      chmodSync(path.join(perm, 'locked.yaml'), 0o000);
      mkdirSync(path.join(perm, 'locked-dir'));
      chmodSync(path.join(perm, 'locked-dir'), 0o000);
      // root reads everything, so as root the check runs as `nobody` (setpriv, util-linux).
      const r = await runCli(['scan', '--no-config', ...ONLY, '-f', 'json', perm], { prefix: root ? asNobody : [], cwd: perm });
      noStackTrace(r.stderr);
      expect(r.code).toBe(2);
      const report = JSON.parse(r.stdout) as Report;
      expect(report.diagnostics.map((d) => [d.level, d.code, d.message]).sort()).toEqual(
        [
          ['error', 'fs-eacces', `${path.join(perm, 'locked-dir')}: permission denied`],
          ['error', 'fs-eacces', `${path.join(perm, 'locked.yaml')}: permission denied`],
        ].sort(),
      );
      expect(report.findings.map((f) => f.resource.name)).toEqual(['readable']);
    } finally {
      chmodSync(path.join(perm, 'locked-dir'), 0o755);
      rmSync(perm, { recursive: true, force: true });
    }
  });

  it('--output to a FIFO (or device) writes into it instead of replacing it', async () => {
    const fifo = path.join(dir, 'report.fifo');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    write('fifo/pod.yaml', POD('f', 'nginx:1.27'));
    const reader = spawn('cat', [fifo], { stdio: ['ignore', 'pipe', 'inherit'] });
    let received = '';
    reader.stdout.setEncoding('utf8').on('data', (d: string) => (received += d));
    const done = new Promise((resolve) => reader.on('close', resolve));
    const r = await runCli(['scan', '--no-config', ...ONLY, '-f', 'json', '-o', fifo, 'fifo'], { cwd: dir });
    // Had the FIFO been replaced, the reader would wait for a writer forever.
    const timer = setTimeout(() => reader.kill(), 5000);
    await done;
    clearTimeout(timer);
    expect(r.code).toBe(0);
    expect(statSync(fifo).isFIFO()).toBe(true);
    expect((JSON.parse(received) as Report).stats.resources).toBe(1);
  });

  it('a reader that closes the pipe early (| head) ends the scan quietly', async () => {
    write('many/pods.yaml', Array.from({ length: 1500 }, (_, i) => POD(`pod-${i}`, 'nginx:latest')).join('---\n'));
    const script = `"$0" "$1" scan --no-config --only=image-tag-mutable -f json many | head -c 100 >/dev/null; echo "exit=\${PIPESTATUS[0]}" >&2`;
    const r = await runCli(['-c', script, process.execPath, path.join(repoRootDir, 'bin/rampart.js')], { cwd: dir, shell: 'bash' });
    noStackTrace(r.stderr);
    expect(r.stderr).not.toContain('EPIPE');
    expect(r.stderr.trim()).toBe('exit=0');
  });

  it('an unwritable --output is an error without a stack trace', async () => {
    write('out/pod.yaml', POD('o', 'nginx:1.27'));
    const r = await runCli(['scan', '--no-config', ...ONLY, 'out', '-o', path.join(dir, 'no/such/dir/report.json')], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^rampart: cannot write .*report\.json/m);
    noStackTrace(r.stderr);
  });
});

describe('standard input', () => {
  it('reads kubectl List output from -, with lines into the stream', async () => {
    const list = [
      'apiVersion: v1',
      'items:',
      '- apiVersion: v1',
      '  kind: Pod',
      '  metadata:',
      '    name: p1',
      '    namespace: default',
      '  spec:',
      '    containers:',
      '    - image: nginx:latest',
      '      name: nginx',
      '- apiVersion: apps/v1',
      '  kind: Deployment',
      '  metadata:',
      '    name: d1',
      '    namespace: default',
      '  spec:',
      '    template:',
      '      spec:',
      '        containers:',
      '        - image: redis',
      '          name: redis',
      'kind: List',
      'metadata:',
      '  resourceVersion: ""',
      '',
    ].join('\n');
    const { code, report } = await scanJson(['-'], list);
    expect(code).toBe(1);
    expect(report.findings.map((f) => [f.resource.kind, f.resource.name, f.location.file, f.location.line, f.location.path])).toEqual([
      ['Pod', 'p1', '-', 10, 'spec.containers[0].image'],
      ['Deployment', 'd1', '-', 21, 'spec.template.spec.containers[0].image'],
    ]);
    expect(report.findings[0]!.source.origin).toBe('stdin');
  });

  it('reads standard input once when - is named twice (it used to exit 0 silently)', async () => {
    const { code, report } = await scanJson(['-', '-'], POD('twice', 'nginx:latest'));
    expect(code).toBe(1);
    expect(report.findings.map((f) => f.resource.name)).toEqual(['twice']);
    expect(report.diagnostics).toEqual([expect.objectContaining({ level: 'warning', code: 'stdin-repeated' })]);
  });

  it('reads JSON from - (kubectl -o json)', async () => {
    const json = JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [{ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'j' }, spec: { containers: [{ name: 'c', image: 'busybox' }] } }] }, null, 2);
    const { code, report } = await scanJson(['-'], json);
    expect(code).toBe(1);
    expect(report.findings).toEqual([expect.objectContaining({ resource: expect.objectContaining({ name: 'j' }), location: expect.objectContaining({ file: '-', line: 15, path: 'spec.containers[0].image' }) })]);
  });
});

describe('exit codes and --fail-on', () => {
  beforeAll(() => {
    write('exit/medium.yaml', POD('m', 'nginx:latest'));
    write('exit/clean.yaml', POD('c', 'nginx:1.27'));
  });

  it('1 when an open finding is at or above --fail-on (default low), 0 below it or with none', async () => {
    expect((await runCli(['scan', '--no-config', ...ONLY, 'exit'], { cwd: dir })).code).toBe(1);
    expect((await runCli(['scan', '--no-config', ...ONLY, '--fail-on', 'medium', 'exit'], { cwd: dir })).code).toBe(1);
    expect((await runCli(['scan', '--no-config', ...ONLY, '--fail-on', 'high', 'exit'], { cwd: dir })).code).toBe(0);
    expect((await runCli(['scan', '--no-config', ...ONLY, '--fail-on', 'none', 'exit'], { cwd: dir })).code).toBe(0);
    expect((await runCli(['scan', '--no-config', ...ONLY, path.join('exit', 'clean.yaml')], { cwd: dir })).code).toBe(0);
  });

  it('2 for a usage error, with a hint and no stack trace', async () => {
    for (const args of [['scan', '--fail-on', 'bogus', 'exit'], ['scan', '-f', 'nope', 'exit'], ['scan', '--pss-version', '1.29', 'exit'], ['frobnicate']]) {
      const r = await runCli(args, { cwd: dir });
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr.length).toBeGreaterThan(0);
      noStackTrace(r.stderr);
    }
  });

  it('--only and --skip take one value each, so a path after them stays a path; unknown names are refused', async () => {
    const only = await runCli(['scan', '--no-config', '-f', 'json', '--only', 'image-tag-mutable', path.join('exit', 'clean.yaml')], { cwd: dir });
    expect((JSON.parse(only.stdout) as Report).target.inputs).toEqual([path.join('exit', 'clean.yaml')]);
    expect(only.code).toBe(0);
    const typo = await runCli(['scan', '--no-config', '--only', 'image-tag-mutabel', 'exit'], { cwd: dir });
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain('no rule or area named "image-tag-mutabel"');
    const skipped = await runCli(['scan', '--no-config', '-f', 'json', '--only', 'workload', '--skip', 'image-tag-mutable', 'exit'], { cwd: dir });
    expect((JSON.parse(skipped.stdout) as Report).rules.map((r) => r.ruleId)).not.toContain('image-tag-mutable');
  });

  it('2 for input errors even when findings are below --fail-on', async () => {
    write('exit2/bad.yaml', 'a: [\n');
    const r = await runCli(['scan', '--no-config', ...ONLY, '--fail-on', 'none', 'exit2'], { cwd: dir });
    expect(r.code).toBe(2);
  });
});
