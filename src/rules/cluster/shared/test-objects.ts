/** Objects for rule test cases: a ClusterInfo as a cluster scan makes it, nodes, namespaces, policies. */
export function clusterInfo(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { apiVersion: 'rampart.dev/v1', kind: 'ClusterInfo', metadata: { name: 'test' }, serverVersion: { gitVersion: 'v1.31.4' }, forbidden: [], readSecrets: false, ...extra };
}

export function forbidden(resource: string, code = 403): Record<string, unknown> {
  return { resource, code, reason: code === 403 ? 'Forbidden' : 'NotFound', message: `${resource} is forbidden` };
}

export function node(name: string, kubelet: string, extra: { providerID?: string; labels?: Record<string, string> } = {}): Record<string, unknown> {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: extra.labels ?? {} },
    spec: extra.providerID ? { providerID: extra.providerID } : {},
    status: { nodeInfo: { kubeletVersion: kubelet, kubeProxyVersion: kubelet, osImage: 'Ubuntu 24.04 LTS', containerRuntimeVersion: 'containerd://1.7.24' } },
  };
}

export function namespace(name: string, labels: Record<string, string> = {}): Record<string, unknown> {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } };
}

export function networkPolicy(name: string, namespace: string, spec: Record<string, unknown>): Record<string, unknown> {
  return { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name, namespace }, spec };
}

export function livePod(name: string, namespace: string, spec: Record<string, unknown>, labels: Record<string, string> = { app: name }): Record<string, unknown> {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace, labels }, spec: { nodeName: 'n1', ...spec }, status: { phase: 'Running' } };
}
