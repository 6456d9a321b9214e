import { defineRule } from '../../../core/rule.js';
import type { Resource } from '../../../core/types.js';
import { podTemplateOf } from '../../../core/workload.js';
import { clusterInfoOf, ofKind, skipIfUnreadable, SKIPPED_MESSAGE } from '../shared/cluster-info.js';
import { CLUSTER_READS } from '../../kinds.js';

/** A policy with an empty podSelector that isolates every pod for the given direction and allows nothing. */
function isDefaultDeny(policy: Resource, direction: 'Ingress' | 'Egress'): boolean {
  const spec = policy.object.spec ?? {};
  const selector = spec.podSelector ?? {};
  const emptySelector = Object.keys(selector.matchLabels ?? {}).length === 0 && (selector.matchExpressions ?? []).length === 0;
  if (!emptySelector) return false;
  const types: string[] = Array.isArray(spec.policyTypes) && spec.policyTypes.length ? spec.policyTypes : ['Ingress', ...(Array.isArray(spec.egress) && spec.egress.length ? ['Egress'] : [])];
  if (!types.includes(direction)) return false;
  const rules = direction === 'Ingress' ? spec.ingress : spec.egress;
  return !Array.isArray(rules) || rules.length === 0;
}

export default defineRule({
  id: 'namespace-network-policy-missing',
  title: 'Namespace without NetworkPolicy or default deny',
  severity: 'medium',
  area: 'cluster',
  target: 'inventory',
  kinds: CLUSTER_READS,
  description:
    'Pods accept traffic from every pod in the cluster and may send anywhere until a NetworkPolicy selects them. A namespace with workloads and no policy at all is fully open; one without a default-deny policy is open for every pod its other policies do not select.',
  remediation: 'Add a default-deny policy (empty podSelector, policyTypes Ingress and Egress, no rules) to the namespace, then policies that allow the traffic the workloads need.',
  example:
    'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: default-deny, namespace: app}\nspec:\n  podSelector: {}\n  policyTypes: [Ingress, Egress]',
  references: ['https://kubernetes.io/docs/concepts/services-networking/network-policies/#default-policies'],
  messages: {
    none: 'Namespace {{name}} runs {{workloads}} workload(s) and has no NetworkPolicy: all ingress and egress is allowed',
    noDefaultDeny: 'Namespace {{name}} has {{policies}} NetworkPolicy(ies) but no default deny for {{directions}}: pods they do not select are open',
    skipped: SKIPPED_MESSAGE,
  },
  check({ inventory, namespaces, report }) {
    const info = clusterInfoOf(inventory);
    if (info && skipIfUnreadable({ report }, info, ['networkpolicies.networking.k8s.io'])) return;
    const policies = new Map<string, Resource[]>();
    for (const p of ofKind(inventory, 'NetworkPolicy')) {
      const list = policies.get(p.namespace ?? '') ?? [];
      list.push(p);
      policies.set(p.namespace ?? '', list);
    }
    const workloads = new Map<string, number>();
    for (const r of inventory.resources) {
      if (r.namespace === undefined || !podTemplateOf(r)) continue;
      // A pod or ReplicaSet its controller owns is counted through the controller.
      if (Array.isArray(r.object.metadata?.ownerReferences) && r.object.metadata.ownerReferences.some((o: any) => o?.controller)) continue;
      workloads.set(r.namespace, (workloads.get(r.namespace) ?? 0) + 1);
    }
    for (const ns of namespaces.values()) {
      if (!ns.resource) continue;
      const count = workloads.get(ns.name) ?? 0;
      if (count === 0) continue;
      const list = policies.get(ns.name) ?? [];
      if (list.length === 0) {
        report('none', { name: ns.name, workloads: count }, { resource: ns.resource, path: ['metadata', 'name'] });
        continue;
      }
      const missing = (['Ingress', 'Egress'] as const).filter((d) => !list.some((p) => isDefaultDeny(p, d)));
      if (missing.length) {
        report('noDefaultDeny', { name: ns.name, policies: list.length, directions: missing.join(' and ') }, {
          resource: ns.resource,
          path: ['metadata', 'name'],
          status: 'warn',
          evidence: { policies: list.map((p) => p.name), missingDefaultDeny: missing },
        });
      }
    }
  },
});
