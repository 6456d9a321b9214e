import { describe, expect, it } from 'vitest';
import { ruleTester } from '../../../testing/vitest.js';
import { clusterInfo, node } from '../shared/test-objects.js';
import { isAffected, normalizeFeed, parseKubeVersion } from '../shared/versions.js';
import rule from './rule.js';

ruleTester.run(rule, {
  valid: [
    clusterInfo({ serverVersion: { gitVersion: 'v1.32.5' } }),
    { input: clusterInfo({ serverVersion: { gitVersion: 'v1.29.4-eks-036c24b' } }), with: [node('n1', 'v1.29.14')] },
  ],
  invalid: [
    {
      input: clusterInfo({ serverVersion: { gitVersion: 'v1.29.3' } }),
      errors: [{ messageId: 'vulnerable', path: 'serverVersion.gitVersion', message: 'kube-apiserver v1.29.3 is affected by CVE-2024-3177' }],
    },
    {
      input: clusterInfo({ serverVersion: { gitVersion: 'v1.12.2' } }),
      errors: [
        { messageId: 'vulnerable', message: 'CVE-2018-1002105 (Proxied upgrade requests let a user escalate to cluster-admin through the API server); fixed in 1.12.3' },
        { messageId: 'vulnerable', message: 'CVE-2019-11253' },
        { messageId: 'vulnerable', message: 'CVE-2023-2728' },
        { messageId: 'vulnerable', message: 'CVE-2024-3177' },
      ],
    },
    { input: clusterInfo({ serverVersion: undefined }), errors: [{ messageId: 'unknown', status: 'skipped' }] },
    { input: node('old', 'v1.31.5'), with: [clusterInfo({ serverVersion: { gitVersion: 'v1.32.5' } })], errors: [{ messageId: 'vulnerable', path: 'status.nodeInfo.kubeletVersion', message: 'kubelet on node old v1.31.5 is affected by CVE-2025-0426' }] },
  ],
});

describe('version comparison', () => {
  const entry = { id: 'X', component: 'kube-apiserver', severity: 'high' as const, summary: '', url: '', fixed: ['1.27.13', '1.28.9', '1.29.4'] };
  it('uses the fixed patch of the same minor line, older lines are affected, newer ones are not', () => {
    expect(isAffected(parseKubeVersion('v1.28.8')!, entry)).toEqual({ affected: true, fixedIn: '1.28.9' });
    expect(isAffected(parseKubeVersion('v1.28.9+k3s1')!, entry).affected).toBe(false);
    expect(isAffected(parseKubeVersion('v1.26.15')!, entry)).toEqual({ affected: true, fixedIn: '1.27.13' });
    expect(isAffected(parseKubeVersion('v1.30.0')!, entry).affected).toBe(false);
  });
  it('reads shared feeds in several shapes, including OSV ranges', () => {
    expect(normalizeFeed({ cves: [{ id: 'CVE-1', fixedIn: ['1.30.1'], severity: 'HIGH' }] })[0]).toMatchObject({ id: 'CVE-1', fixed: ['1.30.1'], severity: 'high', component: 'kube-apiserver' });
    expect(normalizeFeed([{ id: 'CVE-2', affected: [{ ranges: [{ events: [{ introduced: '0' }, { fixed: '1.31.2' }] }] }] }])[0]!.fixed).toEqual(['1.31.2']);
    expect(normalizeFeed({ items: [{ id: 'no-fix' }] })).toEqual([]);
  });
});
