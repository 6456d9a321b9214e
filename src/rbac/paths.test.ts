import { describe, expect, it } from 'vitest';
import { addSource, emptyInventory } from '../collectors/manifests/collect.js';
import { identityFor } from './authorizer.js';
import { buildModel } from './model.js';
import { escalationPaths } from './paths.js';

function model(yaml: string) {
  const inv = emptyInventory();
  addSource(inv, { name: 'paths.yaml', text: yaml, origin: 'file' });
  return buildModel(inv.resources, { bootstrap: true });
}

const crb = (name: string, role: string, subject: string) => `---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: ${name}}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: ${role}}
subjects: [${subject}]
`;
const rb = (ns: string, name: string, kind: string, role: string, subject: string) => `---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: ${name}, namespace: ${ns}}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ${kind}, name: ${role}}
subjects: [${subject}]
`;
const cr = (name: string, rules: string) => `---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: ${name}}
rules: ${rules}
`;
const ns = (name: string, level?: string) => `---
apiVersion: v1
kind: Namespace
metadata: {name: ${name}${level ? `, labels: {pod-security.kubernetes.io/enforce: ${level}}` : ''}}
`;
const sa = (n: string, name: string) => `---
apiVersion: v1
kind: ServiceAccount
metadata: {name: ${name}, namespace: ${n}}
`;
const ds = (n: string, name: string, account: string, privileged = false) => `---
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: ${name}, namespace: ${n}}
spec:
  selector: {matchLabels: {a: b}}
  template:
    metadata: {labels: {a: b}}
    spec:
      serviceAccountName: ${account}
      containers: [{name: c, image: x:1${privileged ? ', securityContext: {privileged: true}' : ''}}]
`;

const from = (m: ReturnType<typeof model>, name: string, groups: string[] = []) => escalationPaths(m, { from: identityFor(name, groups) }).paths[0];

describe('escalation paths', () => {
  it('create pods in a restricted namespace still yields its service accounts, not the node', () => {
    const base = ns('apps', 'restricted') + sa('apps', 'powerful') + crb('p', 'cluster-admin', '{kind: ServiceAccount, name: powerful, namespace: apps}');
    // edit also allows serviceaccounts/token: the shortest path is the token, one hop less.
    expect(from(model(base + rb('apps', 'dev', 'ClusterRole', 'edit', '{kind: User, name: dev}')), 'dev')!.hops.map((h) => h.technique)).toEqual(['token-request', 'wildcard-grant']);
    const m = model(base + rb('apps', 'dev', 'ClusterRole', 'deployer', '{kind: User, name: dev}') + cr('deployer', '[{apiGroups: [apps], resources: [deployments], verbs: [create]}]'));
    const p = from(m, 'dev')!;
    expect(p.hops.map((h) => h.technique)).toEqual(['workloads-create', 'pod-service-account', 'wildcard-grant']);
    expect(p.hops[1]!.to).toBe('SA:apps/powerful');
  });
  it('a privileged pod needs a namespace whose Pod Security level allows it; then the node yields DaemonSet tokens', () => {
    const base = sa('kube-system', 'agent') + crb('agent', 'cluster-admin', '{kind: ServiceAccount, name: agent, namespace: kube-system}') + ds('kube-system', 'agent', 'agent') + rb('team', 'dev', 'ClusterRole', 'pod-maker', '{kind: User, name: dev}') + cr('pod-maker', '[{apiGroups: [""], resources: [pods], verbs: [create]}]');
    const open = from(model(base + ns('team')), 'dev')!;
    expect(open.hops.map((h) => h.technique)).toEqual(['pods-create', 'privileged-pod', 'node-pod-tokens', 'wildcard-grant']);
    expect(open.hops[1]!.explanation).toContain('no pod-security.kubernetes.io/enforce label');
    expect(from(model(base + ns('team', 'baseline')), 'dev')).toBeUndefined();
    expect(from(model(base + ns('team', 'privileged')), 'dev')!.hops[1]!.explanation).toContain('enforces Pod Security level privileged');
  });
  it('serviceaccounts/token with resourceNames reaches only the named accounts', () => {
    const base = sa('ops', 'root') + sa('ops', 'other') + crb('r', 'cluster-admin', '{kind: ServiceAccount, name: root, namespace: ops}');
    const limited = cr('t', '[{apiGroups: [""], resources: [serviceaccounts/token], resourceNames: [other], verbs: [create]}]') + rb('ops', 't', 'ClusterRole', 't', '{kind: User, name: u}');
    expect(from(model(base + limited + ns('ops', 'restricted')), 'u')).toBeUndefined();
    const any = cr('t', '[{apiGroups: [""], resources: [serviceaccounts/token], resourceNames: [root], verbs: [create]}]') + rb('ops', 't', 'ClusterRole', 't', '{kind: User, name: u}');
    expect(from(model(base + any + ns('ops', 'restricted')), 'u')!.hops.map((h) => h.technique)).toEqual(['token-request', 'wildcard-grant']);
  });
  it('impersonating system:masters, bind to cluster-admin, escalate an own role, CSR approval are each one hop', () => {
    const cases: [string, string][] = [
      ['impersonate', cr('x', '[{apiGroups: [""], resources: [groups, users], verbs: [impersonate]}]')],
      ['bind', cr('x', '[{apiGroups: [rbac.authorization.k8s.io], resources: [clusterroles], verbs: [bind], resourceNames: [cluster-admin]}, {apiGroups: [rbac.authorization.k8s.io], resources: [clusterrolebindings], verbs: [create]}]')],
      ['escalate', cr('x', '[{apiGroups: [rbac.authorization.k8s.io], resources: [clusterroles], verbs: [escalate, patch]}]')],
      ['csr-approve', cr('x', '[{apiGroups: [certificates.k8s.io], resources: [certificatesigningrequests], verbs: [create]}, {apiGroups: [certificates.k8s.io], resources: [certificatesigningrequests/approval], verbs: [update]}, {apiGroups: [certificates.k8s.io], resources: [signers], verbs: [approve], resourceNames: [kubernetes.io/kube-apiserver-client]}]')],
    ];
    for (const [technique, role] of cases) {
      const p = from(model(role + crb('x', 'x', '{kind: User, name: mallory}')), 'mallory');
      expect(p?.hops.map((h) => h.technique), technique).toEqual([technique]);
    }
    // Groups alone cannot be impersonated: the API server wants a user to impersonate with them.
    expect(from(model(cr('x', '[{apiGroups: [""], resources: [groups], verbs: [impersonate]}]') + crb('x', 'x', '{kind: User, name: m}')), 'm')).toBeUndefined();
    // bind limited to another role, or without the right to create bindings, is no path.
    expect(from(model(cr('x', '[{apiGroups: [rbac.authorization.k8s.io], resources: [clusterroles], verbs: [bind], resourceNames: [view]}, {apiGroups: [rbac.authorization.k8s.io], resources: [clusterrolebindings], verbs: [create]}]') + crb('x', 'x', '{kind: User, name: m}')), 'm')).toBeUndefined();
    expect(from(model(cr('x', '[{apiGroups: [rbac.authorization.k8s.io], resources: [clusterroles], verbs: [bind]}]') + crb('x', 'x', '{kind: User, name: m}')), 'm')).toBeUndefined();
  });
  it('tells a compromised privileged workload as one story: its token, else its node', () => {
    const m = model(ns('mon') + sa('mon', 'agent') + ds('mon', 'agent', 'agent', true) + sa('kube-system', 'k') + crb('k', 'cluster-admin', '{kind: ServiceAccount, name: k, namespace: kube-system}') + ds('kube-system', 'k', 'k'));
    const paths = escalationPaths(m).paths;
    const mine = paths.filter((p) => p.from === 'workload:DaemonSet/mon/agent');
    expect(mine).toHaveLength(1);
    expect(mine[0]!.hops.map((h) => h.technique)).toEqual(['host-access', 'node-pod-tokens', 'wildcard-grant']);
    // The admin DaemonSet's own pod is one hop from admin, reported once on the workload.
    expect(paths.filter((p) => p.from === 'workload:DaemonSet/kube-system/k').map((p) => p.hops.length)).toEqual([2]);
  });
  it('reads a legacy token Secret of a powerful account', () => {
    const m = model(
      ns('ops', 'restricted') + sa('ops', 'root') + crb('r', 'cluster-admin', '{kind: ServiceAccount, name: root, namespace: ops}') +
        `---\napiVersion: v1\nkind: Secret\nmetadata: {name: root-token, namespace: ops, annotations: {kubernetes.io/service-account.name: root}}\ntype: kubernetes.io/service-account-token\n` +
        cr('s', '[{apiGroups: [""], resources: [secrets], verbs: [get], resourceNames: [root-token]}]') + rb('ops', 's', 'ClusterRole', 's', '{kind: Group, name: readers}'),
    );
    const p = escalationPaths(m, { from: { name: '(member of readers)', groups: ['readers', 'system:authenticated'] } }).paths[0]!;
    expect(p.hops.map((h) => h.technique)).toEqual(['read-token-secret', 'wildcard-grant']);
  });
  it('the built-in controller accounts make cluster-wide edit a path: a token of clusterrole-aggregation-controller, which may escalate', () => {
    const g = escalationPaths(model(crb('e', 'edit', '{kind: Group, name: devs}'))).paths.find((x) => x.from === 'Group:devs')!;
    expect(g.hops.map((h) => h.technique)).toEqual(['token-request', 'escalate']);
    expect(g.hops[0]!.to).toBe('SA:kube-system/clusterrole-aggregation-controller');
    expect(g.hops[1]!.evidence.every((w) => w.builtin)).toBe(true);
  });
  it('does not report paths from control-plane identities', () => {
    const paths = escalationPaths(model(crb('x', 'view', '{kind: User, name: "system:kube-scheduler"}'))).paths;
    expect(paths.filter((p) => p.from.startsWith('User:system:'))).toEqual([]);
  });
});
