import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { scanNode } from '../scan-node.js';
import { sharedDir } from '../testing/shared-dir.js';
import { applyCompliance } from './index.js';

const shared = sharedDir();
const corpus = shared && path.join(shared, 'corpus/canonical-k8s');
const have = Boolean(corpus && existsSync(path.join(corpus, 'node-default')));
if (!have) console.log('framework node-corpus test skipped: ../shared/corpus/canonical-k8s not found');

/** Real node trees through the real node rules: the frameworks' check-id mapping must decide controls. */
describe.skipIf(!have)('frameworks on real Canonical Kubernetes nodes', () => {
  const assess = (node: string) => {
    const report = scanNode(path.join(corpus!, node), { version: 'test' });
    return Object.fromEntries(applyCompliance(report, { frameworks: ['cis-ck8s', 'disa-stig-k8s', 'nsa-cisa'] }).frameworks.map((f) => [f.id, f]));
  };

  it('decide CIS and STIG controls from node findings, and a hardened node scores higher', () => {
    const plain = assess('node-default');
    const hardened = assess('node-cis-hardened');
    for (const fw of [plain, hardened]) {
      expect(fw['cis-ck8s']!.counts.pass).toBeGreaterThan(40);
      expect(fw['disa-stig-k8s']!.counts.pass).toBeGreaterThan(20);
      expect(fw['nsa-cisa']!.counts.pass + fw['nsa-cisa']!.counts.fail).toBeGreaterThan(3);
    }
    expect(hardened['cis-ck8s']!.score!).toBeGreaterThan(plain['cis-ck8s']!.score!);
    expect(hardened['disa-stig-k8s']!.score!).toBeGreaterThan(plain['disa-stig-k8s']!.score!);
    // The anonymous-auth control is decided by the API server flag check, through its check id.
    expect(['pass', 'fail']).toContain(plain['cis-ck8s']!.controls.find((c) => c.id === '1.2.1')!.status);
    console.log(
      ['node-default', 'node-cis-hardened']
        .map((n, i) => `${n}: ${Object.values([plain, hardened][i]!).map((f) => `${f.id} ${f.score}%`).join(', ')}`)
        .join('\n'),
    );
  });
});
