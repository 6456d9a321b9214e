/**
 * Kinds and the REST resources an admission request names them by. Admission matching and
 * ValidatingAdmissionPolicy `resourceRules` speak in resources; rules speak in kinds.
 */
export interface KindInfo {
  group: string;
  resource: string;
}

export const KINDS: Record<string, KindInfo> = {
  Pod: { group: '', resource: 'pods' },
  PodTemplate: { group: '', resource: 'podtemplates' },
  ReplicationController: { group: '', resource: 'replicationcontrollers' },
  Deployment: { group: 'apps', resource: 'deployments' },
  ReplicaSet: { group: 'apps', resource: 'replicasets' },
  StatefulSet: { group: 'apps', resource: 'statefulsets' },
  DaemonSet: { group: 'apps', resource: 'daemonsets' },
  Job: { group: 'batch', resource: 'jobs' },
  CronJob: { group: 'batch', resource: 'cronjobs' },
  Service: { group: '', resource: 'services' },
  ConfigMap: { group: '', resource: 'configmaps' },
  Secret: { group: '', resource: 'secrets' },
  Namespace: { group: '', resource: 'namespaces' },
  ServiceAccount: { group: '', resource: 'serviceaccounts' },
  Ingress: { group: 'networking.k8s.io', resource: 'ingresses' },
  NetworkPolicy: { group: 'networking.k8s.io', resource: 'networkpolicies' },
  Role: { group: 'rbac.authorization.k8s.io', resource: 'roles' },
  ClusterRole: { group: 'rbac.authorization.k8s.io', resource: 'clusterroles' },
  RoleBinding: { group: 'rbac.authorization.k8s.io', resource: 'rolebindings' },
  ClusterRoleBinding: { group: 'rbac.authorization.k8s.io', resource: 'clusterrolebindings' },
};

export const WORKLOAD_KIND_NAMES = ['Pod', 'Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob', 'ReplicationController', 'PodTemplate'];

/** `resourceRules` for a set of kinds, grouped by API group as a policy author would write them. */
export function resourceRulesFor(kinds: readonly string[], operations: readonly string[] = ['CREATE', 'UPDATE']) {
  const byGroup = new Map<string, string[]>();
  for (const kind of kinds) {
    const info = KINDS[kind];
    if (!info) continue;
    const list = byGroup.get(info.group) ?? [];
    list.push(info.resource);
    byGroup.set(info.group, list);
  }
  return [...byGroup.entries()].map(([group, resources]) => ({
    apiGroups: [group],
    apiVersions: ['*'],
    operations: [...operations],
    resources,
  }));
}

/** Kinds named by `resourceRules` (the inverse of {@link resourceRulesFor}; `*` expands to every known kind). */
export function kindsForResourceRules(rules: readonly { apiGroups?: string[]; resources?: string[] }[]): string[] {
  const out = new Set<string>();
  for (const r of rules) {
    for (const [kind, info] of Object.entries(KINDS)) {
      const groupOk = !r.apiGroups || r.apiGroups.includes('*') || r.apiGroups.includes(info.group);
      const resOk = !r.resources || r.resources.includes('*') || r.resources.includes(info.resource);
      if (groupOk && resOk) out.add(kind);
    }
  }
  return [...out];
}
