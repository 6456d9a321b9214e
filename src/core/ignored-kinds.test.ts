import { describe, expect, it } from 'vitest';
import { addSource, emptyInventory } from '../collectors/manifests/collect.js';
import imageTag from '../rules/workload/image-tag/rule.js';
import { countIgnoredKinds, evaluate } from './engine.js';
import { defineRule } from './rule.js';

const inventory = emptyInventory();
addSource(inventory, {
  name: 'mixed.yaml',
  origin: 'file',
  text: [
    'apiVersion: v1\nkind: Namespace\nmetadata: {name: shop}',
    'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec: {template: {spec: {containers: [{name: a, image: "x:1"}]}}}',
    'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}',
    'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: b}',
    'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: {name: admin}',
    'apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}',
  ].join('\n---\n'),
});

const message = { messages: { m: 'm' }, description: 'd', remediation: 'r', severity: 'low' as const, area: 'custom' as const };
const roleRule = defineRule({ ...message, id: 'roles', title: 'roles', target: 'resource', kinds: ['ClusterRole', 'Role'], check() {} });
const everything = defineRule({ ...message, id: 'all', title: 'all', target: 'resource', check() {} });
const graph = defineRule({ ...message, id: 'graph', title: 'graph', target: 'inventory', kinds: ['ConfigMap'], check() {} });
const graphAll = defineRule({ ...message, id: 'graph-all', title: 'graph-all', target: 'inventory', check() {} });

describe('stats.ignoredKinds', () => {
  it('counts the kinds no selected rule reads; workload rules read workloads and their Namespaces', () => {
    expect(evaluate(inventory, [imageTag]).stats.ignoredKinds).toEqual({ ConfigMap: 2, ClusterRole: 1, Widget: 1 });
    expect(countIgnoredKinds(inventory, [imageTag, roleRule, graph])).toEqual({ Widget: 1 });
    expect(countIgnoredKinds(inventory, [roleRule])).toEqual({ Namespace: 1, Deployment: 1, ConfigMap: 2, Widget: 1 });
  });

  it('is empty when a rule reads every kind, and keeps what the collector counted', () => {
    expect(countIgnoredKinds(inventory, [imageTag, everything])).toEqual({});
    expect(countIgnoredKinds(inventory, [graphAll])).toEqual({});
    const withCollector = { ...inventory, stats: { ...inventory.stats, ignoredKinds: { Event: 3 } } };
    expect(countIgnoredKinds(withCollector, [roleRule, imageTag])).toEqual({ Event: 3, ConfigMap: 2, Widget: 1 });
  });

  it('does not change the inventory it was given', () => {
    evaluate(inventory, [imageTag]);
    expect(inventory.stats.ignoredKinds).toEqual({});
  });
});
