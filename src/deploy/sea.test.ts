import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * The single executable (npm run build:sea): built from dist/ into a temporary folder, then run.
 * Needs the compiled CLI (npm run build, which CI runs before the tests); skipped without it.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const built = existsSync(path.join(root, 'dist/cli/main.js'));
if (!built) console.warn('skipping the single-executable test: run npm run build first (dist/ is missing)');

describe.skipIf(!built || process.platform !== 'linux' || process.arch !== 'x64')('single executable (Node.js SEA)', () => {
  const out = mkdtempSync(path.join(os.tmpdir(), 'rampart-sea-'));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('builds, prints its version, and scans manifests without node_modules beside it', () => {
    execFileSync(process.execPath, [path.join(root, 'scripts/build-sea.mjs'), '--out', out], { cwd: root, stdio: 'pipe', timeout: 240_000 });
    const exe = path.join(out, 'rampart');
    const { version } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string };
    expect(execFileSync(exe, ['--version'], { cwd: out, encoding: 'utf8' }).trim()).toBe(version);
    const report = JSON.parse(execFileSync(exe, ['scan', path.join(root, 'examples/hardened-app'), '-f', 'json', '--no-config', '--fail-on', 'none'], { cwd: out, encoding: 'utf8' })) as { tool: { version: string }; stats: { resources: number } };
    expect(report.tool.version).toBe(version);
    expect(report.stats.resources).toBeGreaterThan(0);
    // The krew manifest names the archive's real checksum.
    const archive = readFileSync(path.join(out, 'rampart-linux-amd64.tar.gz'));
    const krew = readFileSync(path.join(out, 'krew-rampart.yaml'), 'utf8');
    expect(krew).toContain(`sha256: "${createHash('sha256').update(archive).digest('hex')}"`);
  }, 300_000);
});
