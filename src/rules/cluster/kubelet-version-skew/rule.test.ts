import { ruleTester } from '../../../testing/vitest.js';
import { clusterInfo, forbidden, node } from '../shared/test-objects.js';
import rule from './rule.js';

ruleTester.run(rule, {
  valid: [
    { input: node('n1', 'v1.28.15'), with: [clusterInfo({ serverVersion: { gitVersion: 'v1.31.4' } })] },
    { input: node('n2', 'v1.31.4'), with: [clusterInfo({ serverVersion: { gitVersion: 'v1.31.4' } })] },
    // Without a cluster scan there is no API server version to compare with.
    node('n3', 'v1.20.0'),
  ],
  invalid: [
    { input: node('n1', 'v1.27.16'), with: [clusterInfo({ serverVersion: { gitVersion: 'v1.31.4' } })], errors: [{ messageId: 'tooOld', path: 'status.nodeInfo.kubeletVersion', message: '4 minor versions behind' }] },
    { input: node('n1', 'v1.24.17'), with: [clusterInfo({ serverVersion: { gitVersion: 'v1.27.16' } })], errors: [{ messageId: 'tooOld', message: 'at most 2 are supported' }] },
    { input: node('n1', 'v1.32.0'), with: [clusterInfo({ serverVersion: { gitVersion: 'v1.31.4' } })], errors: [{ messageId: 'newer' }] },
    { input: clusterInfo({ forbidden: [forbidden('nodes')] }), errors: [{ messageId: 'skipped', status: 'skipped', message: 'could not read nodes (403 Forbidden)' }] },
  ],
});
