import { dump } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { addSource, emptyInventory } from '../../../collectors/manifests/collect.js';
import { evaluate } from '../../../core/engine.js';
import { ruleTester } from '../../../testing/vitest.js';
import { clusterInfo, forbidden, node } from '../../cluster/shared/test-objects.js';
import rule from './rule.js';

ruleTester.run(rule, {
  // The provider is recorded as a pass, never as a failure.
  valid: [{ input: clusterInfo(), with: [node('n1', 'v1.31.4', { providerID: 'gce://p/z/n1' })] }, clusterInfo()],
  invalid: [{ input: clusterInfo({ forbidden: [forbidden('nodes')] }), errors: [{ messageId: 'skipped', status: 'skipped' }] }],
});

function passes(objects: object[]) {
  const inventory = emptyInventory();
  addSource(inventory, { name: 'in.yaml', text: objects.map((o) => dump(o)).join('---\n'), origin: 'file' });
  return evaluate(inventory, [rule]).findings.map((f) => `${f.status} ${f.message}`);
}

describe('cloud-provider-detected', () => {
  it('names the managed platform from labels and the cloud from providerID', () => {
    expect(passes([clusterInfo(), node('n1', 'v1.31.4', { providerID: 'azure:///subscriptions/s/x', labels: { 'kubernetes.azure.com/cluster': 'rg' } })])).toEqual([
      'pass The cluster runs on azure (aks), from spec.providerID, metadata.labels["kubernetes.azure.com/cluster"]',
    ]);
    expect(passes([clusterInfo(), node('n1', 'v1.31.4', { providerID: 'gce://p/z/n1' })])).toEqual(['pass The cluster runs on gcp (gce), from spec.providerID']);
    expect(passes([clusterInfo(), node('n1', 'v1.31.4', { providerID: 'kind://docker/kind/n1' })])).toEqual(['pass The cluster runs on other (kind), from spec.providerID']);
    expect(passes([clusterInfo()])).toEqual(['pass No cloud provider was detected from the nodes (no providerID or provider labels)']);
    expect(passes([node('n1', 'v1.31.4', { providerID: 'gce://p/z/n1' })])).toEqual([]);
  });
});
