import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openFindings } from '../src/reporters/report.js';
import { scanManifests } from '../src/scan.js';

const examples = path.resolve(import.meta.dirname, '../examples');

/** The README's first command scans these: the hardened app must stay clean under every rule. */
describe('bundled examples', () => {
  it('the hardened app has no open finding, even with the rules that are off by default', async () => {
    const report = await scanManifests([path.join(examples, 'hardened-app')], { selection: { all: true } });
    expect(report.diagnostics.filter((d) => d.level !== 'info')).toEqual([]);
    expect(openFindings(report).map((f) => `${f.ruleId}: ${f.message}`)).toEqual([]);
  });

  it('the insecure app breaks Pod Security, workload, cluster and credential rules, at critical severity among others', async () => {
    const report = await scanManifests([path.join(examples, 'insecure-app')]);
    const open = openFindings(report);
    const areas = new Set(report.rules.filter((r) => r.failed > 0).map((r) => r.area));
    expect([...areas].sort()).toEqual(expect.arrayContaining(['pss', 'workload', 'cluster']));
    expect(open.some((f) => f.severity === 'critical')).toBe(true);
    expect(open.map((f) => f.ruleId)).toEqual(expect.arrayContaining(['pss-privileged', 'container-runtime-socket-mount', 'secret-in-manifest']));
  });
});
