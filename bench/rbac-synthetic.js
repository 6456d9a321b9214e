#!/usr/bin/env node
// Synthetic RBAC clusters for the rbac benchmark: namespaces (some with Pod Security labels),
// service accounts, users and groups, Roles/ClusterRoles drawn from a vocabulary of realistic rules
// (some dangerous), RoleBindings/ClusterRoleBindings, Deployments and DaemonSets. Deterministic
// (seeded). As a command it writes one `kind: List` JSON file:
//   node bench/rbac-synthetic.js out.json [serviceAccounts] [bindings] [roles]

import { writeFileSync } from 'node:fs';

function rng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const RULES = [
  { apiGroups: [''], resources: ['pods', 'services', 'configmaps'], verbs: ['get', 'list', 'watch'] },
  { apiGroups: ['apps'], resources: ['deployments', 'replicasets'], verbs: ['get', 'list', 'watch'] },
  { apiGroups: [''], resources: ['events'], verbs: ['create', 'patch'] },
  { apiGroups: ['coordination.k8s.io'], resources: ['leases'], verbs: ['get', 'create', 'update'] },
  { apiGroups: ['apps'], resources: ['deployments'], verbs: ['create', 'update', 'patch'] },
  { apiGroups: [''], resources: ['secrets'], verbs: ['get', 'list'] },
  { apiGroups: [''], resources: ['secrets'], verbs: ['get'], resourceNames: ['app-tls'] },
  { apiGroups: [''], resources: ['pods/exec', 'pods/log'], verbs: ['create', 'get'] },
  { apiGroups: ['batch'], resources: ['jobs', 'cronjobs'], verbs: ['*'] },
  { apiGroups: ['example.com'], resources: ['widgets', 'widgets/status'], verbs: ['get', 'list', 'watch', 'update'] },
  { apiGroups: [''], resources: ['serviceaccounts/token'], verbs: ['create'] },
  { nonResourceURLs: ['/metrics', '/healthz/*'], verbs: ['get'] },
];
const RARE = [
  { apiGroups: ['*'], resources: ['*'], verbs: ['*'] },
  { apiGroups: [''], resources: ['users', 'groups'], verbs: ['impersonate'] },
  { apiGroups: [''], resources: ['nodes/proxy'], verbs: ['get'] },
  { apiGroups: ['admissionregistration.k8s.io'], resources: ['mutatingwebhookconfigurations'], verbs: ['patch'] },
];

export function generateCluster({ serviceAccounts = 10_000, bindings = 50_000, roles = 5_000, namespaces = 200, users = 1_000, groups = 100, workloads = 5_000, seed = 1 } = {}) {
  const rand = rng(seed);
  const pick = (n) => Math.floor(rand() * n);
  const items = [];
  const nsName = (i) => `ns-${i}`;
  const levels = [undefined, 'privileged', 'baseline', 'restricted'];
  for (let i = 0; i < namespaces; i++) {
    const level = levels[i % 4];
    items.push({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: nsName(i), ...(level ? { labels: { 'pod-security.kubernetes.io/enforce': level } } : {}) } });
  }
  for (let i = 0; i < serviceAccounts; i++) items.push({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: `sa-${i}`, namespace: nsName(i % namespaces) } });
  const clusterRoles = Math.floor(roles / 5);
  const rulesFor = () => {
    const n = 1 + pick(4);
    const out = [];
    for (let k = 0; k < n; k++) out.push(rand() < 0.01 ? RARE[pick(RARE.length)] : RULES[pick(RULES.length)]);
    return out;
  };
  for (let i = 0; i < clusterRoles; i++) {
    const aggregate = i % 50 === 0;
    items.push({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRole',
      metadata: { name: `cr-${i}`, labels: { tier: `t${i % 10}`, ...(i % 7 === 0 ? { 'rbac.authorization.k8s.io/aggregate-to-view': 'true' } : {}) } },
      ...(aggregate ? { aggregationRule: { clusterRoleSelectors: [{ matchLabels: { tier: `t${i % 10}` } }] } } : { rules: rulesFor() }),
    });
  }
  for (let i = 0; i < roles - clusterRoles; i++) items.push({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: `role-${i}`, namespace: nsName(i % namespaces) }, rules: rulesFor() });
  const subject = () => {
    const x = rand();
    if (x < 0.7) {
      const i = pick(serviceAccounts);
      return { kind: 'ServiceAccount', name: `sa-${i}`, namespace: nsName(i % namespaces) };
    }
    if (x < 0.9) return { kind: 'User', apiGroup: 'rbac.authorization.k8s.io', name: `user-${pick(users)}` };
    return { kind: 'Group', apiGroup: 'rbac.authorization.k8s.io', name: `group-${pick(groups)}` };
  };
  const crbs = Math.floor(bindings / 50);
  for (let i = 0; i < bindings; i++) {
    const subjects = Array.from({ length: 1 + pick(3) }, subject);
    if (i < crbs) {
      items.push({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', metadata: { name: `crb-${i}` }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: i % 500 === 0 ? 'edit' : `cr-${pick(clusterRoles)}` }, subjects });
    } else {
      const nsIndex = pick(namespaces);
      const toRole = rand() < 0.6;
      // Roles are spread round-robin over namespaces: role-j lives in ns-(j % namespaces).
      const roleIndex = nsIndex + namespaces * pick(Math.floor((roles - clusterRoles) / namespaces));
      items.push({
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'RoleBinding',
        metadata: { name: `rb-${i}`, namespace: nsName(nsIndex) },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: toRole ? 'Role' : 'ClusterRole', name: toRole ? `role-${roleIndex}` : `cr-${pick(clusterRoles)}` },
        subjects,
      });
    }
  }
  for (let i = 0; i < workloads; i++) {
    const sa = pick(serviceAccounts);
    const daemon = i % 25 === 0;
    items.push({
      apiVersion: 'apps/v1',
      kind: daemon ? 'DaemonSet' : 'Deployment',
      metadata: { name: `w-${i}`, namespace: nsName(sa % namespaces) },
      spec: {
        selector: { matchLabels: { app: `w-${i}` } },
        template: {
          metadata: { labels: { app: `w-${i}` } },
          spec: { serviceAccountName: `sa-${sa}`, containers: [{ name: 'c', image: 'registry.example/app:1', ...(daemon && i % 2 === 0 ? { securityContext: { privileged: true } } : {}) }] },
        },
      },
    });
  }
  return { apiVersion: 'v1', kind: 'List', items };
}

if (process.argv[1] && process.argv[1].endsWith('rbac-synthetic.js')) {
  const [out, sas, binds, roles] = process.argv.slice(2);
  if (!out) {
    console.error('usage: node bench/rbac-synthetic.js out.json [serviceAccounts] [bindings] [roles]');
    process.exit(2);
  }
  const list = generateCluster({ serviceAccounts: Number(sas ?? 10_000), bindings: Number(binds ?? 50_000), roles: Number(roles ?? 5_000) });
  writeFileSync(out, JSON.stringify(list));
  console.log(`${out}: ${list.items.length} objects`);
}
