/**
 * Resolves a resource as typed on the command line (`pods`, `po`, `deploy`, `pods/exec`,
 * `deployments.apps`, `certificatesigningrequests.certificates.k8s.io/approval`) to the API group,
 * resource and subresource the authorizer sees, as kubectl does with discovery. Without a cluster
 * we use the built-in resources of upstream Kubernetes and the CRDs found in the input.
 */

/** resource (plural) → API group, for the built-in APIs. */
const BUILTIN: Record<string, string> = {
  bindings: '',
  componentstatuses: '',
  configmaps: '',
  endpoints: '',
  events: '',
  limitranges: '',
  namespaces: '',
  nodes: '',
  persistentvolumeclaims: '',
  persistentvolumes: '',
  pods: '',
  podtemplates: '',
  replicationcontrollers: '',
  resourcequotas: '',
  secrets: '',
  serviceaccounts: '',
  services: '',
  // Not served, but checked by impersonation (users, groups; uids, userextras in authentication.k8s.io).
  users: '',
  groups: '',
  uids: 'authentication.k8s.io',
  userextras: 'authentication.k8s.io',
  mutatingwebhookconfigurations: 'admissionregistration.k8s.io',
  validatingwebhookconfigurations: 'admissionregistration.k8s.io',
  validatingadmissionpolicies: 'admissionregistration.k8s.io',
  validatingadmissionpolicybindings: 'admissionregistration.k8s.io',
  mutatingadmissionpolicies: 'admissionregistration.k8s.io',
  mutatingadmissionpolicybindings: 'admissionregistration.k8s.io',
  customresourcedefinitions: 'apiextensions.k8s.io',
  apiservices: 'apiregistration.k8s.io',
  controllerrevisions: 'apps',
  daemonsets: 'apps',
  deployments: 'apps',
  replicasets: 'apps',
  statefulsets: 'apps',
  selfsubjectreviews: 'authentication.k8s.io',
  tokenreviews: 'authentication.k8s.io',
  localsubjectaccessreviews: 'authorization.k8s.io',
  selfsubjectaccessreviews: 'authorization.k8s.io',
  selfsubjectrulesreviews: 'authorization.k8s.io',
  subjectaccessreviews: 'authorization.k8s.io',
  horizontalpodautoscalers: 'autoscaling',
  cronjobs: 'batch',
  jobs: 'batch',
  certificatesigningrequests: 'certificates.k8s.io',
  clustertrustbundles: 'certificates.k8s.io',
  signers: 'certificates.k8s.io',
  leases: 'coordination.k8s.io',
  leasecandidates: 'coordination.k8s.io',
  endpointslices: 'discovery.k8s.io',
  flowschemas: 'flowcontrol.apiserver.k8s.io',
  prioritylevelconfigurations: 'flowcontrol.apiserver.k8s.io',
  ingressclasses: 'networking.k8s.io',
  ingresses: 'networking.k8s.io',
  networkpolicies: 'networking.k8s.io',
  ipaddresses: 'networking.k8s.io',
  servicecidrs: 'networking.k8s.io',
  runtimeclasses: 'node.k8s.io',
  poddisruptionbudgets: 'policy',
  podsecuritypolicies: 'policy',
  clusterrolebindings: 'rbac.authorization.k8s.io',
  clusterroles: 'rbac.authorization.k8s.io',
  rolebindings: 'rbac.authorization.k8s.io',
  roles: 'rbac.authorization.k8s.io',
  deviceclasses: 'resource.k8s.io',
  resourceclaims: 'resource.k8s.io',
  resourceclaimtemplates: 'resource.k8s.io',
  resourceslices: 'resource.k8s.io',
  priorityclasses: 'scheduling.k8s.io',
  csidrivers: 'storage.k8s.io',
  csinodes: 'storage.k8s.io',
  csistoragecapacities: 'storage.k8s.io',
  storageclasses: 'storage.k8s.io',
  volumeattachments: 'storage.k8s.io',
  volumeattributesclasses: 'storage.k8s.io',
};

/** Built-in resources that are not namespaced (a namespace in the request is then meaningless). */
export const CLUSTER_SCOPED = new Set([
  'componentstatuses', 'namespaces', 'nodes', 'persistentvolumes', 'mutatingwebhookconfigurations', 'validatingwebhookconfigurations',
  'validatingadmissionpolicies', 'validatingadmissionpolicybindings', 'mutatingadmissionpolicies', 'mutatingadmissionpolicybindings',
  'customresourcedefinitions', 'apiservices', 'selfsubjectreviews', 'tokenreviews', 'selfsubjectaccessreviews', 'selfsubjectrulesreviews',
  'subjectaccessreviews', 'certificatesigningrequests', 'clustertrustbundles', 'flowschemas', 'prioritylevelconfigurations', 'ingressclasses',
  'ipaddresses', 'servicecidrs', 'runtimeclasses', 'clusterrolebindings', 'clusterroles', 'deviceclasses', 'resourceslices', 'priorityclasses',
  'csidrivers', 'csinodes', 'storageclasses', 'volumeattachments', 'volumeattributesclasses', 'signers', 'users', 'groups', 'uids', 'userextras',
]);

/** kubectl short names and singular forms. */
const ALIASES: Record<string, string> = {
  cs: 'componentstatuses',
  cm: 'configmaps',
  ep: 'endpoints',
  ev: 'events',
  limits: 'limitranges',
  ns: 'namespaces',
  no: 'nodes',
  pvc: 'persistentvolumeclaims',
  pv: 'persistentvolumes',
  po: 'pods',
  rc: 'replicationcontrollers',
  quota: 'resourcequotas',
  sa: 'serviceaccounts',
  svc: 'services',
  crd: 'customresourcedefinitions',
  crds: 'customresourcedefinitions',
  ds: 'daemonsets',
  deploy: 'deployments',
  rs: 'replicasets',
  sts: 'statefulsets',
  hpa: 'horizontalpodautoscalers',
  cj: 'cronjobs',
  csr: 'certificatesigningrequests',
  ing: 'ingresses',
  netpol: 'networkpolicies',
  pdb: 'poddisruptionbudgets',
  pc: 'priorityclasses',
  sc: 'storageclasses',
};

export interface ResolvedResource {
  apiGroup: string;
  resource: string;
  subresource: string;
  /** Set when the resource is not known and the core group ("") was assumed. */
  warning?: string;
}

export function resolveResource(text: string, crdGroups: ReadonlyMap<string, string> = new Map(), explicitGroup?: string): ResolvedResource {
  const slash = text.indexOf('/');
  const head = slash === -1 ? text : text.slice(0, slash);
  const subresource = slash === -1 ? '' : text.slice(slash + 1);
  // As kubectl: `*` is the resource `*` in the core group unless a group is given.
  if (head === '*') return { apiGroup: explicitGroup ?? '', resource: '*', subresource };
  // kubectl lower-cases the argument; `deployments.v1.apps` names a version too, which RBAC ignores.
  const lowerHead = head.toLowerCase();
  let resource = lowerHead;
  let group = explicitGroup;
  const dot = lowerHead.indexOf('.');
  if (group === undefined && dot !== -1) {
    resource = lowerHead.slice(0, dot);
    group = lowerHead.slice(dot + 1);
    const version = /^v\d+((alpha|beta)\d+)?(\.|$)/.exec(group);
    if (version) group = group.slice(version[0].length);
  }
  const lower = resource.toLowerCase();
  const plural = ALIASES[lower] ?? (BUILTIN[lower] !== undefined ? lower : BUILTIN[`${lower}s`] !== undefined ? `${lower}s` : lower);
  if (group !== undefined) return { apiGroup: group, resource: plural, subresource };
  if (BUILTIN[plural] !== undefined) return { apiGroup: BUILTIN[plural]!, resource: plural, subresource };
  const crd = crdGroups.get(plural);
  if (crd !== undefined) return { apiGroup: crd, resource: plural, subresource };
  return {
    apiGroup: '',
    resource: plural,
    subresource,
    warning: `resource "${plural}" is neither built in nor defined by a CRD in the input; assuming the core API group (name the group as ${plural}.<group> or with --group)`,
  };
}

/**
 * Subresources of the built-in resources (the API's own, the kubelet's `nodes/*` checks, and
 * the CSR approval/auto-approval checks). `status` and `scale` are the subresources a CRD can have.
 */
const SUBRESOURCES: Record<string, readonly string[]> = {
  pods: ['attach', 'binding', 'ephemeralcontainers', 'eviction', 'exec', 'log', 'portforward', 'proxy', 'resize', 'status'],
  nodes: ['checkpoint', 'configz', 'healthz', 'log', 'metrics', 'pods', 'proxy', 'spec', 'stats', 'status'],
  services: ['proxy', 'status'],
  namespaces: ['finalize', 'status'],
  serviceaccounts: ['token'],
  replicationcontrollers: ['scale', 'status'],
  deployments: ['rollback', 'scale', 'status'],
  replicasets: ['scale', 'status'],
  statefulsets: ['scale', 'status'],
  certificatesigningrequests: ['approval', 'nodeclient', 'selfnodeclient', 'status'],
};
const GENERIC_SUBRESOURCES = ['status', 'scale'];
const ALL_SUBRESOURCES = new Set([...Object.values(SUBRESOURCES).flat(), ...GENERIC_SUBRESOURCES]);

/** True when `sub` is a subresource that `resource` has (for `*`: that any resource has). */
export function isKnownSubresource(resource: string, sub: string): boolean {
  if (resource === '*') return ALL_SUBRESOURCES.has(sub);
  // Impersonating a user extra checks userextras/<key> (the key is the subresource, the value the name).
  if (resource === 'userextras') return true;
  return GENERIC_SUBRESOURCES.includes(sub) || (SUBRESOURCES[resource]?.includes(sub) ?? false);
}

