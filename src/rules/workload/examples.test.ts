import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { scanManifests } from '../../scan.js';
import { workloadRules } from './index.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const scan = (file: string) =>
  scanManifests([path.join(repoRoot, file)], { selection: { only: ['workload'], all: true }, settings: { now: new Date('2026-01-01') } });

describe('workload rules on the example applications', () => {
  it('find nothing in examples/hardened-app, even with the rules that are off by default', async () => {
    const report = await scan('examples/hardened-app/app.yaml');
    expect(report.summary.rulesRun).toBe(workloadRules.length);
    expect(report.findings.filter((f) => f.status !== 'pass').map((f) => `${f.ruleId}: ${f.message}`)).toEqual([]);
  });

  it('each fire on examples/insecure-app', async () => {
    const report = await scan('examples/insecure-app/app.yaml');
    const fired = new Set(report.findings.filter((f) => f.status === 'fail').map((f) => f.ruleId));
    expect(workloadRules.map((r) => r.id).filter((id) => !fired.has(id))).toEqual([]);
    expect(JSON.stringify(report)).not.toMatch(/S3cr3t-Pr0d|7f3c9a1e5b2d4f60/);
  });
});
