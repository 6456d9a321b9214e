import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot, sharedDir } from '../src/testing/shared-dir.js';

/**
 * The PSS rules through the real CLI (`rampart scan --only pss`), on the bundled examples and on
 * real-world manifests of ../shared/corpus. Needs the build (`npm run build`, run by `npm install`).
 */

interface Finding {
  ruleId: string;
  status: string;
  resource: { kind: string; name: string; namespace?: string };
  location: { file?: string; line?: number; path?: string };
  properties: { pss: { level: string; check: string; version: string; mode: string } };
  evidence: { forbiddenReason: string; forbiddenDetail: string };
}

const cli = path.join(repoRoot, 'bin/rampart.js');
const built = existsSync(path.join(repoRoot, 'dist/cli/main.js'));

function scan(...args: string[]): { code: number | null; findings: Finding[] } {
  const r = spawnSync(process.execPath, [cli, 'scan', ...args, '--only', 'pss', '--format', 'json'], { cwd: repoRoot, encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.stderr && r.status === 3) throw new Error(r.stderr);
  return { code: r.status, findings: (JSON.parse(r.stdout) as { findings: Finding[] }).findings };
}

const describeBuilt = built ? describe : describe.skip;

describeBuilt(built ? 'rampart scan --only pss' : 'rampart scan --only pss (skipped: dist/ is not built; run npm run build)', () => {
  it('finds nothing in examples/hardened-app', () => {
    const { code, findings } = scan('examples/hardened-app');
    expect(findings).toEqual([]);
    expect(code).toBe(0);
  });

  it('judges examples/insecure-app by its namespace labels (enforce baseline, warn restricted)', () => {
    const { code, findings } = scan('examples/insecure-app');
    expect(code).toBe(1);
    const web = findings.filter((f) => f.resource.name === 'web');
    // Baseline violations deny (fail); restricted-only ones are warnings.
    expect(web.filter((f) => f.status === 'fail').every((f) => f.properties.pss.level === 'baseline')).toBe(true);
    expect(web.filter((f) => f.status === 'warn').every((f) => f.properties.pss.level === 'restricted' && f.properties.pss.mode === 'warn')).toBe(true);
    expect(new Set(web.filter((f) => f.status === 'fail').map((f) => f.ruleId))).toEqual(
      new Set(['pss-privileged', 'pss-host-namespaces', 'pss-host-ports', 'pss-host-path-volumes']),
    );
    const hostNetwork = web.find((f) => f.ruleId === 'pss-host-namespaces')!;
    expect(hostNetwork.location).toMatchObject({ file: 'examples/insecure-app/app.yaml', line: 23, path: 'spec.template.spec.hostNetwork' });
    expect(hostNetwork.evidence).toMatchObject({ forbiddenReason: 'host namespaces', forbiddenDetail: 'hostNetwork=true' });
    // The CronJob lives in `default` (no labels) and is held to the scan's level, restricted.
    const backup = findings.filter((f) => f.resource.name === 'backup');
    expect(backup.length).toBeGreaterThan(3);
    expect(backup.every((f) => f.status === 'fail')).toBe(true);
  });

  it('honours --pss-level and --pss-version', () => {
    const { findings } = scan('examples/insecure-app', '--pss-level', 'baseline', '--pss-version', 'v1.20');
    const backup = findings.filter((f) => f.resource.name === 'backup');
    expect(new Set(backup.map((f) => f.properties.pss.check))).toEqual(new Set(['capabilities_baseline', 'hostPathVolumes']));
    expect(backup.every((f) => f.properties.pss.version === 'v1.20')).toBe(true);
  });

  const shared = sharedDir();
  const corpus = shared && path.join(shared, 'corpus/manifests');
  const itCorpus = corpus && existsSync(corpus) ? it : it.skip;
  itCorpus(`gives believable results on the real-world corpus${corpus ? '' : ' (skipped: ../shared/corpus is absent)'}`, () => {
    const { findings } = scan(corpus!);
    const inDir = (dir: string) => findings.filter((f) => f.location.file?.includes(`/corpus/manifests/${dir}/`));
    // metallb and flannel label their namespaces privileged.
    expect(inDir('metallb')).toEqual([]);
    expect(inDir('flannel')).toEqual([]);
    // cert-manager ships restricted-compliant pods.
    expect(inDir('cert-manager')).toEqual([]);
    const nodeExporter = findings.filter((f) => f.resource.name === 'node-exporter' && f.resource.kind === 'DaemonSet');
    const baseline = new Set(nodeExporter.filter((f) => f.properties.pss.level === 'baseline').map((f) => f.properties.pss.check));
    for (const c of ['hostNamespaces', 'hostPathVolumes', 'hostPorts']) expect(baseline.has(c), c).toBe(true);
    expect(findings.every((f) => typeof f.location.line === 'number' && f.location.path)).toBe(true);
  });
});
