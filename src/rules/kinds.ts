import { WORKLOAD_KINDS } from '../core/workload.js';

/**
 * The kinds each area's inventory-wide rules read, so that the engine can count the kinds no
 * selected rule looked at (`stats.ignoredKinds`) without the rules having to be run first.
 */
export const NODE_FACT_KINDS = ['NodeConfig', 'NodeComponentConfig'];

export const RBAC_READS = ['Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding', 'ServiceAccount', 'Namespace', 'Secret', ...WORKLOAD_KINDS];

export const WORKLOAD_INVENTORY_READS = [...WORKLOAD_KINDS, 'LimitRange', 'ServiceAccount', 'Namespace'];

export const CLOUD_READS = ['ClusterInfo', 'Node', 'Namespace', 'NetworkPolicy', 'ServiceAccount', 'Secret', 'ConfigMap', ...WORKLOAD_KINDS];

export const CLUSTER_READS = [
  'ClusterInfo',
  'Node',
  'Namespace',
  'NetworkPolicy',
  'ValidatingWebhookConfiguration',
  'MutatingWebhookConfiguration',
  'Service',
  'Ingress',
  ...WORKLOAD_KINDS,
];
