/**
 * What each cluster and cloud rule must read (resource names as `kubectl api-resources` prints
 * them). A cluster scan that cannot read one of them marks the rule as skipped, and the report's
 * context lists the skipped rules beside what was forbidden.
 */
const RBAC = ['roles.rbac.authorization.k8s.io', 'rolebindings.rbac.authorization.k8s.io', 'clusterroles.rbac.authorization.k8s.io', 'clusterrolebindings.rbac.authorization.k8s.io'];

export const RULE_NEEDS: Record<string, readonly string[]> = {
  'kubernetes-version-vulnerable': [],
  'kubelet-version-skew': ['nodes'],
  'namespace-pod-security-labels-missing': ['namespaces'],
  'namespace-network-policy-missing': ['namespaces', 'networkpolicies.networking.k8s.io'],
  'admission-webhook-fail-open': ['validatingwebhookconfigurations.admissionregistration.k8s.io', 'mutatingwebhookconfigurations.admissionregistration.k8s.io'],
  'service-exposed-externally': ['services'],
  'ingress-without-tls': ['ingresses.networking.k8s.io'],
  'kube-system-foreign-workload': ['pods', 'deployments.apps', 'daemonsets.apps'],
  'cloud-metadata-reachable': ['pods', 'networkpolicies.networking.k8s.io'],
  'cloud-node-identity-fallback': ['pods', 'serviceaccounts', 'networkpolicies.networking.k8s.io', 'nodes'],
  'cloud-credentials-in-cluster': ['pods', 'secrets', 'configmaps'],
  'cloud-provider-detected': ['nodes'],
  // RBAC rules read the whole graph: any missing role or binding list makes their verdict partial.
  'rbac-escalation-path': [...RBAC, 'serviceaccounts', 'pods'],
  'rbac-cluster-admin-binding': RBAC,
  'rbac-anonymous-grant': RBAC,
  'rbac-escalation-verbs': RBAC,
  'rbac-token-create': RBAC,
  'rbac-nodes-proxy': RBAC,
  'rbac-csr-approve': RBAC,
  'rbac-webhook-write': RBAC,
  'rbac-secrets-read': RBAC,
  'rbac-pod-exec': RBAC,
  'rbac-workload-create': RBAC,
  'rbac-pv-create': RBAC,
  'rbac-wildcard-rule': RBAC,
  'rbac-default-sa-bound': [...RBAC, 'serviceaccounts', 'pods'],
  'rbac-dangling-binding': [...RBAC, 'serviceaccounts', 'pods'],
  'rbac-unused-role': RBAC,
};

/** The rules that cannot run fully without these resources. */
export function rulesNeeding(resources: readonly string[]): string[] {
  return Object.entries(RULE_NEEDS)
    .filter(([, needs]) => needs.some((n) => resources.includes(n)))
    .map(([id]) => id);
}
