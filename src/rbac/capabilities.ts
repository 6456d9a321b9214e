import { apiGroupMatches, resourceMatches, verbMatches, type PolicyRule } from './matcher.js';
import type { RoleRec } from './model.js';

/**
 * Security-relevant permissions ("capabilities") that a rule grants, found with the authorizer's
 * own matchers (so `*`, `*\/sub` and resourceNames behave exactly as in a request). Each capability
 * keeps the resourceNames it is limited to (`*` when the rule names none).
 */

/** Every capability, in a fixed order (ordinals index arrays in the escalation graph). */
export const CAPABILITY_IDS = [
  'all', // `*` verbs on `*` resources in `*` groups
  'pods-create',
  'workloads-create',
  'workloads-update',
  'pods-exec',
  'pods-attach',
  'pods-portforward',
  'pods-ephemeral',
  'secrets-read',
  'secrets-list',
  'secrets-create',
  'sa-token-create',
  'impersonate-users',
  'impersonate-groups',
  'impersonate-serviceaccounts',
  'impersonate-uids',
  'bind-clusterroles',
  'bind-roles',
  'escalate-clusterroles',
  'escalate-roles',
  'write-clusterroles',
  'write-roles',
  'create-clusterrolebindings',
  'create-rolebindings',
  'nodes-proxy',
  'csr-create',
  'csr-approval',
  'signers-approve',
  'signers-sign',
  'csr-status',
  'mutating-webhooks-write',
  'validating-webhooks-write',
  'pv-create',
  'nodes-write',
] as const;

export type CapabilityId = (typeof CAPABILITY_IDS)[number];

interface Probe {
  id: CapabilityId;
  group: string;
  resources: string[];
  verbs: string[];
}

const WORKLOADS: [string, string][] = [
  ['apps', 'deployments'],
  ['apps', 'daemonsets'],
  ['apps', 'statefulsets'],
  ['apps', 'replicasets'],
  ['batch', 'jobs'],
  ['batch', 'cronjobs'],
  ['', 'replicationcontrollers'],
];

const PROBES: Probe[] = [
  { id: 'pods-create', group: '', resources: ['pods'], verbs: ['create'] },
  ...WORKLOADS.map(([group, r]): Probe => ({ id: 'workloads-create', group, resources: [r], verbs: ['create'] })),
  ...WORKLOADS.map(([group, r]): Probe => ({ id: 'workloads-update', group, resources: [r], verbs: ['update', 'patch'] })),
  // Exec over a WebSocket is a GET request; API servers that do not also ask for create allow it with get.
  { id: 'pods-exec', group: '', resources: ['pods/exec'], verbs: ['create', 'get'] },
  { id: 'pods-attach', group: '', resources: ['pods/attach'], verbs: ['create'] },
  { id: 'pods-portforward', group: '', resources: ['pods/portforward'], verbs: ['create'] },
  { id: 'pods-ephemeral', group: '', resources: ['pods/ephemeralcontainers'], verbs: ['update', 'patch'] },
  { id: 'secrets-read', group: '', resources: ['secrets'], verbs: ['get'] },
  { id: 'secrets-list', group: '', resources: ['secrets'], verbs: ['list', 'watch'] },
  { id: 'secrets-create', group: '', resources: ['secrets'], verbs: ['create'] },
  { id: 'sa-token-create', group: '', resources: ['serviceaccounts/token'], verbs: ['create'] },
  { id: 'impersonate-users', group: '', resources: ['users'], verbs: ['impersonate'] },
  { id: 'impersonate-groups', group: '', resources: ['groups'], verbs: ['impersonate'] },
  { id: 'impersonate-serviceaccounts', group: '', resources: ['serviceaccounts'], verbs: ['impersonate'] },
  { id: 'impersonate-uids', group: 'authentication.k8s.io', resources: ['uids'], verbs: ['impersonate'] },
  { id: 'bind-clusterroles', group: 'rbac.authorization.k8s.io', resources: ['clusterroles'], verbs: ['bind'] },
  { id: 'bind-roles', group: 'rbac.authorization.k8s.io', resources: ['roles'], verbs: ['bind'] },
  { id: 'escalate-clusterroles', group: 'rbac.authorization.k8s.io', resources: ['clusterroles'], verbs: ['escalate'] },
  { id: 'escalate-roles', group: 'rbac.authorization.k8s.io', resources: ['roles'], verbs: ['escalate'] },
  { id: 'write-clusterroles', group: 'rbac.authorization.k8s.io', resources: ['clusterroles'], verbs: ['update', 'patch'] },
  { id: 'write-roles', group: 'rbac.authorization.k8s.io', resources: ['roles'], verbs: ['update', 'patch'] },
  { id: 'create-clusterrolebindings', group: 'rbac.authorization.k8s.io', resources: ['clusterrolebindings'], verbs: ['create'] },
  { id: 'create-rolebindings', group: 'rbac.authorization.k8s.io', resources: ['rolebindings'], verbs: ['create'] },
  { id: 'nodes-proxy', group: '', resources: ['nodes/proxy'], verbs: ['get', 'create'] },
  { id: 'csr-create', group: 'certificates.k8s.io', resources: ['certificatesigningrequests'], verbs: ['create'] },
  { id: 'csr-approval', group: 'certificates.k8s.io', resources: ['certificatesigningrequests/approval'], verbs: ['update', 'patch'] },
  { id: 'csr-status', group: 'certificates.k8s.io', resources: ['certificatesigningrequests/status'], verbs: ['update', 'patch'] },
  { id: 'signers-approve', group: 'certificates.k8s.io', resources: ['signers'], verbs: ['approve'] },
  { id: 'signers-sign', group: 'certificates.k8s.io', resources: ['signers'], verbs: ['sign'] },
  { id: 'mutating-webhooks-write', group: 'admissionregistration.k8s.io', resources: ['mutatingwebhookconfigurations'], verbs: ['create', 'update', 'patch'] },
  { id: 'validating-webhooks-write', group: 'admissionregistration.k8s.io', resources: ['validatingwebhookconfigurations'], verbs: ['create', 'update', 'patch'] },
  { id: 'pv-create', group: '', resources: ['persistentvolumes'], verbs: ['create'] },
  { id: 'nodes-write', group: '', resources: ['nodes'], verbs: ['update', 'patch'] },
];

export interface RuleCapability {
  id: CapabilityId;
  ruleIndex: number;
  /** The verb that matched (first of the probe's verbs the rule allows). */
  verb: string;
  resource: string;
  group: string;
  /** resourceNames the grant is limited to, or `*`. */
  names: '*' | string[];
}

const cache = new WeakMap<RoleRec, RuleCapability[]>();

export function ruleCapabilities(rule: PolicyRule, ruleIndex: number): RuleCapability[] {
  const out: RuleCapability[] = [];
  if (rule.resources.length === 0 || rule.verbs.length === 0) return out;
  const seen = new Set<CapabilityId>();
  if (verbMatches(rule, '*') && apiGroupMatches(rule, '*') && resourceMatches(rule, '*', '') && rule.resourceNames.length === 0) {
    out.push({ id: 'all', ruleIndex, verb: '*', resource: '*', group: '*', names: '*' });
  }
  for (const p of PROBES) {
    if (seen.has(p.id)) continue;
    if (!apiGroupMatches(rule, p.group)) continue;
    for (const res of p.resources) {
      const slash = res.indexOf('/');
      if (!resourceMatches(rule, res, slash === -1 ? '' : res.slice(slash + 1))) continue;
      // A create request names no object (the name is in the body), so a rule limited by
      // resourceNames never allows create on a resource; on a subresource (pods/exec) it does.
      const namedCreate = slash === -1 && rule.resourceNames.length > 0;
      const verb = p.verbs.find((v) => verbMatches(rule, v) && !(namedCreate && v === 'create'));
      if (!verb) continue;
      seen.add(p.id);
      out.push({ id: p.id, ruleIndex, verb, resource: res, group: p.group, names: rule.resourceNames.length ? [...rule.resourceNames] : '*' });
      break;
    }
  }
  return out;
}

/** Capabilities of every rule of a role (cached per role). */
export function roleCapabilities(role: RoleRec): RuleCapability[] {
  let caps = cache.get(role);
  if (!caps) {
    caps = role.rules.flatMap((rule, i) => ruleCapabilities(rule, i));
    cache.set(role, caps);
  }
  return caps;
}

export function namesInclude(names: '*' | string[], name: string): boolean {
  return names === '*' || names.includes(name);
}
