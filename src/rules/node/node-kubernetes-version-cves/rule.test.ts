import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { canonicalTree, runNodeRules, sharedDir } from '../../../testing/node-fixture.js';
import rule, { affects, compareVersions, loadCveData } from './rule.js';

describe('version ranges', () => {
  it('compares versions numerically and evaluates OSV ranges', () => {
    expect(compareVersions('v1.29.10', '1.29.4')).toBeGreaterThan(0);
    const cve = loadCveData().entries.find((e) => e.id === 'CVE-2024-3177')!;
    expect(affects(cve, 'v1.29.3')).toBe(true);
    expect(affects(cve, 'v1.29.4')).toBe(false);
    expect(affects(cve, 'v1.28.8')).toBe(true);
    expect(affects(cve, 'v1.30.0')).toBe(false);
  });

  it('agrees with the ground truth of shared/vulndata for the entries it bundles', () => {
    const shared = sharedDir();
    if (!shared) return;
    const truth = JSON.parse(fs.readFileSync(path.join(shared, 'vulndata/kubernetes/expected-matches.json'), 'utf8')).byVersion as Record<string, { id: string; package: string }[]>;
    const data = loadCveData();
    for (const [version, matches] of Object.entries(truth)) {
      const expected = new Set(matches.map((m) => `${m.id} ${m.package}`));
      for (const e of data.entries) expect(affects(e, version), `${e.id} ${version}`).toBe(expected.has(`${e.id} ${e.package}`));
    }
  });
});

describe.skipIf(!sharedDir())('node-kubernetes-version-cves', () => {
  it('reads the version from the snap bill of materials', async () => {
    const root = canonicalTree('node-default');
    fs.mkdirSync(path.join(root, 'snap/k8s/current'), { recursive: true });
    fs.writeFileSync(path.join(root, 'snap/k8s/current/bom.json'), JSON.stringify({ k8s: { version: 'release-1.27' }, components: { kubernetes: { version: 'v1.27.1' } } }));
    const findings = await runNodeRules(root, [rule]);
    expect(findings.filter((f) => f.status === 'fail').map((f) => f.properties!.cve).sort()).toEqual(['CVE-2023-2431', 'CVE-2023-2727', 'CVE-2023-2728', 'CVE-2023-3676', 'CVE-2023-5528', 'CVE-2024-3177']);
    expect(findings[0]!.remediation).toContain('sudo snap refresh k8s');
  });

  it('passes a current version, warns when refreshes are held, and says when the version is unknown', async () => {
    const root = canonicalTree('node-default');
    fs.mkdirSync(path.join(root, 'snap/k8s/current'), { recursive: true });
    fs.writeFileSync(path.join(root, 'snap/k8s/current/bom.json'), JSON.stringify({ components: { kubernetes: { version: 'v1.36.3' } } }));
    fs.mkdirSync(path.join(root, 'var/lib/rampart'), { recursive: true });
    fs.writeFileSync(path.join(root, 'var/lib/rampart/snap-list.txt'), 'Name  Version  Rev   Tracking          Publisher   Notes\nk8s   v1.36.3  4521  1.36-classic/stable  canonical✓  classic,held\n');
    const findings = await runNodeRules(root, [rule]);
    expect(findings.map((f) => `${f.messageId}:${f.status}`).sort()).toEqual(['no-known-cve:pass', 'snap-refresh-held:warn']);
    const unknown = await runNodeRules(canonicalTree('node-default'), [rule]);
    expect(unknown.map((f) => `${f.messageId}:${f.status}`)).toEqual(['version-unknown:skipped']);
  });
});
