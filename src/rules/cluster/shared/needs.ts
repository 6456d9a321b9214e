/**
 * What each cluster and cloud rule must read (resource names as `kubectl api-resources` prints
 * them). A cluster scan that cannot read one of them marks the rule as skipped, and the report's
 * context lists the skipped rules beside what was forbidden.
 */
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
};

/** The rules that cannot run fully without these resources. */
export function rulesNeeding(resources: readonly string[]): string[] {
  return Object.entries(RULE_NEEDS)
    .filter(([, needs]) => needs.some((n) => resources.includes(n)))
    .map(([id]) => id);
}
