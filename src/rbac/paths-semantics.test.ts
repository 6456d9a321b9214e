import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { addSource, emptyInventory } from '../collectors/manifests/collect.js';
import { identityFor } from './authorizer.js';
import { buildModel } from './model.js';
import { escalationPaths, formatPath, groupMember, targetNode, type EscalationPath } from './paths.js';

/**
 * What each hop really yields, as the API server decides it. The fixtures in
 * test/fixtures/rbac-paths-issues/ are manifests on which an earlier version claimed a hop the API
 * server does not allow; each must now give no path from the identity named in its first comment.
 */

const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../test/fixtures/rbac-paths-issues');

function model(text: string, name = 'm.yaml') {
  const inv = emptyInventory();
  addSource(inv, { name, text, origin: 'file' });
  return buildModel(inv.resources, { bootstrap: true });
}
const fixture = (file: string) => model(readFileSync(path.join(fixtures, file), 'utf8'), file);
const pathFrom = (m: ReturnType<typeof model>, user: string, groups: string[] = []) => escalationPaths(m, { from: identityFor(user, groups) }).paths[0];
const techniques = (p: EscalationPath | undefined) => p?.hops.map((h) => h.technique);

const binding = (kind: 'ClusterRoleBinding' | 'RoleBinding', name: string, role: string, subject: string, ns?: string) => `---
apiVersion: rbac.authorization.k8s.io/v1
kind: ${kind}
metadata: {name: ${name}${ns ? `, namespace: ${ns}` : ''}}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: ${role}}
subjects: [${subject}]
`;
const clusterRole = (name: string, rules: string) => `---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: ${name}}
rules: ${rules}
`;
const account = (ns: string, name: string, extra = '') => `---
apiVersion: v1
kind: ServiceAccount
metadata: {name: ${name}, namespace: ${ns}}
${extra}
`;
const admin = (ns: string, name: string) => account(ns, name) + binding('ClusterRoleBinding', `${ns}-${name}-admin`, 'cluster-admin', `{kind: ServiceAccount, name: ${name}, namespace: ${ns}}`);
const daemonSet = (ns: string, name: string, sa: string, spec = '') => `---
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: ${name}, namespace: ${ns}}
spec:
  selector: {matchLabels: {a: b}}
  template:
    metadata: {labels: {a: b}}
    spec:
      serviceAccountName: ${sa}
      containers: [{name: c, image: "x:1"${spec.includes('privileged') ? ', securityContext: {privileged: true}' : ''}}]
${spec.includes('nodeSelector') ? '      nodeSelector: {pool: gpu}' : ''}
`;

describe('escalation hops the API server really allows', () => {
  it('impersonating a service account by its user name needs impersonate on serviceaccounts, not users', () => {
    expect(pathFrom(fixture('a-impersonate-sa-as-user.yaml'), 'helpdesk')).toBeUndefined();
    const m = model(admin('ops', 'root') + clusterRole('imp', '[{apiGroups: [""], resources: [serviceaccounts], verbs: [impersonate], resourceNames: [root]}]') + binding('RoleBinding', 'imp', 'imp', '{kind: User, name: helpdesk}', 'ops'));
    expect(techniques(pathFrom(m, 'helpdesk'))).toEqual(['impersonate', 'wildcard-grant']);
  });

  it('impersonating a group needs a user to impersonate as well', () => {
    expect(pathFrom(fixture('b-impersonate-group-only.yaml'), 'helpdesk')).toBeUndefined();
    const withAccount = model(account('ops', 'bot') + clusterRole('imp', '[{apiGroups: [""], resources: [groups], verbs: [impersonate], resourceNames: ["system:masters"]}, {apiGroups: [""], resources: [serviceaccounts], verbs: [impersonate]}]') + binding('ClusterRoleBinding', 'imp', 'imp', '{kind: User, name: helpdesk}'));
    const p = pathFrom(withAccount, 'helpdesk');
    expect(techniques(p)).toEqual(['impersonate']);
    expect(p!.hops[0]!.explanation).toContain('together with a user to impersonate');
  });

  it('a list limited by resourceNames reads only the named Secrets', () => {
    expect(pathFrom(fixture('c-named-list.yaml'), 'dev')).toBeUndefined();
    const named = readFileSync(path.join(fixtures, 'c-named-list.yaml'), 'utf8').replace('resourceNames: [app-config]', 'resourceNames: [root-token]');
    const p = pathFrom(model(named), 'dev');
    expect(techniques(p)).toEqual(['read-token-secret', 'wildcard-grant']);
    expect(p!.hops[0]!.explanation).toContain('fieldSelector metadata.name=root-token');
  });

  it('attach is not exec: it gives no shell', () => {
    expect(pathFrom(fixture('d-attach.yaml'), 'dev')).toBeUndefined();
    const exec = readFileSync(path.join(fixtures, 'd-attach.yaml'), 'utf8').replace('resources: [pods/attach]', 'resources: [pods/exec]');
    expect(techniques(pathFrom(model(exec), 'dev'))).toEqual(['pods-exec', 'wildcard-grant']);
  });

  it('exec with get only is a hop (exec over a WebSocket), and says so', () => {
    const exec = readFileSync(path.join(fixtures, 'd-attach.yaml'), 'utf8').replace('resources: [pods/attach], verbs: [create]', 'resources: [pods/exec], verbs: [get]');
    const p = pathFrom(model(exec), 'dev');
    expect(techniques(p)).toEqual(['pods-exec', 'wildcard-grant']);
    expect(p!.hops[0]!.explanation).toContain('WebSocket');
  });

  it("a ServiceAccount that opts out of token automount mounts no token, unless the pod opts back in", () => {
    const m = fixture('e-sa-automount-false.yaml');
    expect(m.workloads.every((w) => !w.automountToken)).toBe(true);
    expect(escalationPaths(m).paths.filter((p) => p.workload)).toEqual([]);
    const optIn = readFileSync(path.join(fixtures, 'e-sa-automount-false.yaml'), 'utf8').replace('containers:', 'automountServiceAccountToken: true\n      containers:');
    const opted = model(optIn);
    expect(opted.workloads.map((w) => w.automountToken)).toEqual([true]);
    expect(escalationPaths(opted).paths.filter((p) => p.workload).map((p) => p.hops.map((h) => h.technique))).toEqual([['pod-token', 'wildcard-grant']]);
  });

  it('the mutating-webhook hop states its conditions', () => {
    const p = pathFrom(fixture('f-mutating-webhook-restricted.yaml'), 'ops');
    expect(techniques(p)).toEqual(['mutating-webhook']);
    expect(p!.hops[0]!.explanation).toMatch(/existing configuration to patch/);
    expect(p!.hops[0]!.explanation).toMatch(/Pod Security still checks the mutated pod/);
  });

  it('nodes/proxy runs commands in the pods of every node: their accounts, and the node through a privileged pod', () => {
    const proxy = clusterRole('proxy', '[{apiGroups: [""], resources: [nodes/proxy], verbs: [get]}]') + binding('ClusterRoleBinding', 'proxy', 'proxy', '{kind: User, name: ops}');
    // Nothing runs in the input: no account to take, no node.
    expect(pathFrom(model(proxy), 'ops')).toBeUndefined();
    const withAgent = model(proxy + admin('mon', 'agent') + daemonSet('mon', 'agent', 'agent'));
    expect(techniques(pathFrom(withAgent, 'ops'))).toEqual(['nodes-proxy', 'wildcard-grant']);
    // A privileged pod turns commands in it into the node, and the node into the tokens of the pods on every node.
    const withPrivileged = model(proxy + account('mon', 'agent', 'automountServiceAccountToken: false') + daemonSet('mon', 'agent', 'agent', 'privileged') + admin('kube-system', 'cni') + daemonSet('kube-system', 'cni', 'cni'));
    expect(pathFrom(withPrivileged, 'ops')!.hops.map((h) => h.to)).toEqual(['SA:kube-system/cni', 'cluster-admin']);
  });

  it('root on a node yields the tokens of DaemonSets that run on every node, not of those limited by a nodeSelector', () => {
    const base = admin('kube-system', 'agent') + account('apps', 'web') + daemonSet('apps', 'web', 'web', 'privileged');
    expect(techniques(escalationPaths(model(base + daemonSet('kube-system', 'agent', 'agent'))).paths.find((p) => p.from.includes('apps/web')))).toEqual(['host-access', 'node-pod-tokens', 'wildcard-grant']);
    expect(escalationPaths(model(base + daemonSet('kube-system', 'agent', 'agent', 'nodeSelector'))).paths.find((p) => p.from.includes('apps/web'))).toBeUndefined();
  });

  it('members of system:serviceaccounts:<ns> are service accounts: they hold what system:serviceaccounts is granted', () => {
    expect(groupMember('system:serviceaccounts:ci').groups).toEqual(['system:serviceaccounts', 'system:serviceaccounts:ci', 'system:authenticated']);
    const m = model(clusterRole('tok', '[{apiGroups: [""], resources: [serviceaccounts/token], verbs: [create]}]') + binding('ClusterRoleBinding', 'tok', 'tok', '{kind: Group, name: "system:serviceaccounts"}') + admin('kube-system', 'root') + binding('RoleBinding', 'ci-view', 'view', '{kind: Group, name: "system:serviceaccounts:ci"}', 'ci'));
    // Any token, then an account that is cluster-admin (or another two-hop way): the first hop is the group's grant.
    const p = escalationPaths(m, { includeDefaults: true }).paths.find((x) => x.from === 'Group:system:serviceaccounts:ci');
    expect(p!.hops).toHaveLength(2);
    expect(p!.hops[0]).toMatchObject({ technique: 'token-request', from: 'Group:system:serviceaccounts:ci' });
    // The same path is found when asked from the group on the command line.
    const asked = escalationPaths(m, { from: { name: '(any member of system:serviceaccounts:ci)', groups: groupMember('system:serviceaccounts:ci').groups } }).paths[0];
    expect(asked?.hops.map((h) => h.technique)).toEqual(p!.hops.map((h) => h.technique));
  });

  it('paths lead to another target when asked: root on a node, or an identity', () => {
    expect(targetNode('node')).toBe('node');
    expect(targetNode('ServiceAccount:kube-system/cni')).toBe('SA:kube-system/cni');
    expect(targetNode('system:serviceaccount:kube-system:cni')).toBe('SA:kube-system/cni');
    expect(targetNode('Group:devs')).toBe('Group:devs');
    expect(targetNode('alice')).toBe('User:alice');
    const m = model(admin('kube-system', 'cni') + daemonSet('kube-system', 'cni', 'cni') + account('apps', 'web') + daemonSet('apps', 'web', 'web', 'privileged'));
    const toNode = escalationPaths(m, { to: 'node' }).paths.find((p) => p.from.includes('apps/web'))!;
    expect(toNode.hops.map((h) => [h.technique, h.to])).toEqual([['host-access', 'node']]);
    expect(formatPath(toNode).split('\n')[0]).toBe('a compromised pod of DaemonSet apps/web → root on a node in 1 hop(s)');
    const toAccount = escalationPaths(m, { to: 'SA:kube-system/cni' }).paths.find((p) => p.from.includes('apps/web'))!;
    expect(toAccount.hops.map((h) => h.technique)).toEqual(['host-access', 'node-pod-tokens']);
    // A target nothing reaches, or that does not exist, gives no path.
    expect(escalationPaths(m, { to: 'User:nobody' }).paths).toEqual([]);
  });
});
