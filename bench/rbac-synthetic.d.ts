/** Types of rbac-synthetic.js, for the tests that build small synthetic clusters with it. */
export interface ClusterOptions {
  serviceAccounts?: number;
  bindings?: number;
  roles?: number;
  namespaces?: number;
  users?: number;
  groups?: number;
  workloads?: number;
  seed?: number;
}

export function generateCluster(options?: ClusterOptions): { apiVersion: 'v1'; kind: 'List'; items: Record<string, unknown>[] };
