import { createHash } from 'node:crypto';
import { expect, it } from 'vitest';
import { addSource, emptyInventory } from '../collectors/manifests/collect.js';
import imageTag from '../rules/workload/image-tag/rule.js';
import { evaluate } from './engine.js';

// Fingerprints key findings across scans (SARIF partialFingerprints, the store): the recipe must not drift.
it('a finding fingerprint is sha256(rule, kind/namespace/name, message id, field) cut to 24 hex digits', () => {
  const inventory = emptyInventory();
  addSource(inventory, {
    name: 'a.yaml',
    origin: 'file',
    text: 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, namespace: shop}\nspec: {template: {spec: {containers: [{name: a, image: "nginx:latest"}]}}}\n',
  });
  const [finding] = evaluate(inventory, [imageTag]).findings;
  const expected = createHash('sha256').update('image-tag-mutable\0Deployment/shop/web\0latest\0spec.template.spec.containers[0].image').digest('hex').slice(0, 24);
  expect(finding!.fingerprint).toBe(expected);
  expect(finding!.fingerprint).toBe('bb87e5dad9b3da153fb89fa9');
});
