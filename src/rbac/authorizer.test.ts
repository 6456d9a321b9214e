import { describe, expect, it } from 'vitest';
import { addSource, emptyInventory } from '../collectors/manifests/collect.js';
import { canI, identityFor, whoCan } from './authorizer.js';
import { nonResourceURLMatches, resourceMatches, ruleAllows, type PolicyRule } from './matcher.js';
import { buildModel } from './model.js';
import { requestAttributes } from './query.js';

const rule = (r: Partial<PolicyRule>): PolicyRule => ({ verbs: [], apiGroups: [], resources: [], resourceNames: [], nonResourceURLs: [], ...r });

function model(yaml: string, bootstrap = false) {
  const inv = emptyInventory();
  addSource(inv, { name: 'rbac.yaml', text: yaml, origin: 'file' });
  return buildModel(inv.resources, { bootstrap });
}

const can = (m: ReturnType<typeof model>, as: string, verb: string, target: string, ns?: string, name?: string, groups: string[] = []) =>
  canI(m, identityFor(as, groups), requestAttributes(m, { verb, target, namespace: ns, name }).attrs).allowed;

describe('matcher (upstream VerbMatches / ResourceMatches / NonResourceURLMatches)', () => {
  it('matches resource/subresource literally, */sub for every resource, never resource for its subresources', () => {
    expect(resourceMatches(rule({ resources: ['pods'] }), 'pods/exec', 'exec')).toBe(false);
    expect(resourceMatches(rule({ resources: ['pods/exec'] }), 'pods/exec', 'exec')).toBe(true);
    expect(resourceMatches(rule({ resources: ['*/exec'] }), 'pods/exec', 'exec')).toBe(true);
    expect(resourceMatches(rule({ resources: ['*/exec'] }), 'pods', '')).toBe(false);
    expect(resourceMatches(rule({ resources: ['pods/*'] }), 'pods/exec', 'exec')).toBe(false);
    expect(resourceMatches(rule({ resources: ['*'] }), 'pods/exec', 'exec')).toBe(true);
    expect(resourceMatches(rule({ resources: ['*/log'] }), 'pods/exec', 'exec')).toBe(false);
  });
  it('matches non-resource URLs exactly or by a trailing * prefix', () => {
    const r = rule({ verbs: ['get'], nonResourceURLs: ['/healthz', '/api/*'] });
    expect(nonResourceURLMatches(r, '/healthz')).toBe(true);
    expect(nonResourceURLMatches(r, '/healthz/etcd')).toBe(false);
    expect(nonResourceURLMatches(r, '/api/v1')).toBe(true);
    expect(nonResourceURLMatches(r, '/api/')).toBe(true);
    expect(nonResourceURLMatches(r, '/api')).toBe(false);
    expect(nonResourceURLMatches(rule({ nonResourceURLs: ['*'] }), '/anything')).toBe(true);
  });
  it('restricts by resourceNames only when a name is requested and listed', () => {
    const r = rule({ verbs: ['get'], apiGroups: [''], resources: ['secrets'], resourceNames: ['a'] });
    expect(ruleAllows(r, { verb: 'get', apiGroup: '', resource: 'secrets', name: 'a' })).toBe(true);
    expect(ruleAllows(r, { verb: 'get', apiGroup: '', resource: 'secrets', name: 'b' })).toBe(false);
    expect(ruleAllows(r, { verb: 'get', apiGroup: '', resource: 'secrets' })).toBe(false);
    expect(ruleAllows(r, { verb: 'list', apiGroup: '', resource: 'secrets' })).toBe(false);
  });
  it('compares verbs and groups literally: * only as a wildcard in the rule', () => {
    const r = rule({ verbs: ['get'], apiGroups: ['apps'], resources: ['*'] });
    expect(ruleAllows(r, { verb: '*', apiGroup: 'apps', resource: 'deployments' })).toBe(false);
    expect(ruleAllows(r, { verb: 'get', apiGroup: '', resource: 'deployments' })).toBe(false);
    expect(ruleAllows(r, { verb: 'GET', apiGroup: 'apps', resource: 'deployments' })).toBe(false);
    expect(ruleAllows(rule({ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }), { verb: 'escalate', apiGroup: 'rbac.authorization.k8s.io', resource: 'clusterroles' })).toBe(true);
  });
  it('does not let a resource rule allow a non-resource request, nor the reverse', () => {
    expect(ruleAllows(rule({ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }), { verb: 'get', path: '/metrics' })).toBe(false);
    expect(ruleAllows(rule({ verbs: ['*'], nonResourceURLs: ['*'] }), { verb: 'get', apiGroup: '', resource: 'pods' })).toBe(false);
  });
});

const BASE = `
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: secret-reader}
rules:
- {apiGroups: [""], resources: [secrets], verbs: [get, list]}
- {nonResourceURLs: ["/metrics"], verbs: [get]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: read-in-payments, namespace: payments}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: secret-reader}
subjects:
- {kind: User, name: alice, apiGroup: rbac.authorization.k8s.io}
- {kind: ServiceAccount, name: worker}
- {kind: Group, name: "system:serviceaccounts:ci", apiGroup: rbac.authorization.k8s.io}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: metrics}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: secret-reader}
subjects:
- {kind: ServiceAccount, name: scraper, namespace: monitoring}
- {kind: ServiceAccount, name: no-namespace}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: exec, namespace: prod}
rules:
- {apiGroups: [""], resources: [pods/exec], verbs: [create]}
- {apiGroups: [""], resources: [pods], verbs: [get]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: exec, namespace: prod}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: exec}
subjects: [{kind: ServiceAccount, name: deployer, namespace: ci}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: role-ref-in-crb}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: exec}
subjects: [{kind: User, name: bob}]
`;

describe('can-i (RBAC authorizer semantics)', () => {
  const m = model(BASE);
  it('a RoleBinding to a ClusterRole grants only in its own namespace', () => {
    expect(can(m, 'alice', 'get', 'secrets', 'payments')).toBe(true);
    expect(can(m, 'alice', 'get', 'secrets', 'other')).toBe(false);
    expect(can(m, 'alice', 'get', 'secrets')).toBe(false);
  });
  it('a RoleBinding never allows non-resource URLs, a ClusterRoleBinding does', () => {
    expect(can(m, 'alice', 'get', '/metrics')).toBe(false);
    expect(can(m, 'system:serviceaccount:monitoring:scraper', 'get', '/metrics')).toBe(true);
    expect(can(m, 'system:serviceaccount:monitoring:scraper', 'post', '/metrics')).toBe(false);
  });
  it('a ServiceAccount subject without namespace takes the RoleBinding namespace, and matches no one in a ClusterRoleBinding', () => {
    expect(can(m, 'system:serviceaccount:payments:worker', 'list', 'secrets', 'payments')).toBe(true);
    expect(can(m, 'system:serviceaccount:other:worker', 'list', 'secrets', 'payments')).toBe(false);
    expect(m.diagnostics.some((d) => d.code === 'rbac-malformed-subject' && d.message.includes('subjects[1]'))).toBe(true);
  });
  it('service accounts are in system:serviceaccounts:<ns> and system:authenticated', () => {
    expect(can(m, 'system:serviceaccount:ci:anything', 'get', 'secrets', 'payments')).toBe(true);
    expect(can(m, 'system:serviceaccount:cix:anything', 'get', 'secrets', 'payments')).toBe(false);
    expect(identityFor('system:serviceaccount:ci:x').groups).toEqual(['system:serviceaccounts', 'system:serviceaccounts:ci', 'system:authenticated']);
    expect(identityFor('system:anonymous').groups).toEqual(['system:unauthenticated']);
    expect(identityFor('system:serviceaccount:a:b:c').groups).toEqual(['system:authenticated']);
    expect(identityFor('system:serviceaccount:Bad_NS:x').groups).toEqual(['system:authenticated']);
    // As impersonation does: groups given explicitly replace the service-account groups.
    expect(identityFor('system:serviceaccount:ci:x', ['devs']).groups).toEqual(['devs', 'system:authenticated']);
    expect(identityFor('bob', ['system:unauthenticated']).groups).toEqual(['system:unauthenticated']);
  });
  it('pods/exec is its own resource: create pods/exec does not allow create pods, get pods does not allow exec', () => {
    expect(can(m, 'system:serviceaccount:ci:deployer', 'create', 'pods/exec', 'prod')).toBe(true);
    expect(can(m, 'system:serviceaccount:ci:deployer', 'create', 'pods', 'prod')).toBe(false);
    expect(can(m, 'system:serviceaccount:ci:deployer', 'get', 'pods/exec', 'prod')).toBe(false);
    expect(can(m, 'system:serviceaccount:ci:deployer', 'create', 'pods/exec', 'dev')).toBe(false);
  });
  it('a ClusterRoleBinding that references a Role grants nothing', () => {
    expect(can(m, 'bob', 'create', 'pods/exec', 'prod')).toBe(false);
  });
  it('system:masters is allowed everything before RBAC', () => {
    expect(can(m, 'root', 'delete', 'nodes', undefined, undefined, ['system:masters'])).toBe(true);
  });
  it('a User subject named like a service account matches that service account', () => {
    const m2 = model(`${BASE}\n---\napiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata: {name: u}\nroleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: secret-reader}\nsubjects: [{kind: User, name: "system:serviceaccount:x:y"}]\n`);
    expect(can(m2, 'system:serviceaccount:x:y', 'get', 'secrets')).toBe(true);
  });
});

describe('who-can', () => {
  const m = model(BASE);
  it('lists subjects by binding, with RoleBindings only for their namespace', () => {
    const attrs = requestAttributes(m, { verb: 'get', target: 'secrets', namespace: 'payments' }).attrs;
    const names = whoCan(m, attrs).entries.map((e) => `${e.subject.kind}:${e.subject.namespace ?? ''}:${e.subject.name}`);
    expect(names).toEqual(['Group::system:serviceaccounts:ci', 'ServiceAccount:monitoring:scraper', 'ServiceAccount:payments:worker', 'User::alice']);
    const cluster = whoCan(m, requestAttributes(m, { verb: 'get', target: 'secrets' }).attrs).entries.map((e) => e.subject.name);
    expect(cluster).toEqual(['scraper']);
  });
  it('agrees with can-i for every subject it lists', () => {
    const attrs = requestAttributes(m, { verb: 'create', target: 'pods/exec', namespace: 'prod' }).attrs;
    const entries = whoCan(m, attrs).entries;
    expect(entries.map((e) => e.subject.name)).toEqual(['deployer']);
    expect(can(m, 'system:serviceaccount:ci:deployer', 'create', 'pods/exec', 'prod')).toBe(true);
  });
});

describe('aggregation and bootstrap', () => {
  const AGG = `
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: monitoring, labels: {team: a}}
aggregationRule:
  clusterRoleSelectors: [{matchLabels: {rbac.example.com/aggregate-to-monitoring: "true"}}]
rules: [{apiGroups: [""], resources: [nodes], verbs: [delete]}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: part, labels: {rbac.example.com/aggregate-to-monitoring: "true"}}
rules: [{apiGroups: [""], resources: [services], verbs: [get]}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: crd-view, labels: {rbac.authorization.k8s.io/aggregate-to-view: "true"}}
rules: [{apiGroups: [example.com], resources: [widgets], verbs: [get]}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: mon}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: monitoring}
subjects: [{kind: User, name: carol}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: admin, namespace: team}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: admin}
subjects: [{kind: User, name: dave}]
`;
  it('replaces an aggregated role\'s own rules with those of the roles it selects', () => {
    const m = model(AGG, true);
    expect(can(m, 'carol', 'get', 'services')).toBe(true);
    expect(can(m, 'carol', 'delete', 'nodes')).toBe(false);
  });
  it('resolves admin ⊇ edit ⊇ view transitively, including CRD roles labelled aggregate-to-view', () => {
    const m = model(AGG, true);
    expect(can(m, 'dave', 'get', 'widgets.example.com', 'team')).toBe(true);
    expect(can(m, 'dave', 'create', 'pods/exec', 'team')).toBe(true);
    expect(can(m, 'dave', 'create', 'rolebindings', 'team')).toBe(true);
    expect(can(m, 'dave', 'get', 'secrets', 'other')).toBe(false);
    expect(can(m, 'dave', 'create', 'resourcequotas', 'team')).toBe(false);
  });
  it('without the bootstrap policy, a binding to admin grants nothing', () => {
    const m = model(AGG, false);
    expect(can(m, 'dave', 'get', 'pods', 'team')).toBe(false);
  });
  it('reports an aggregation cycle and still terminates', () => {
    const m = model(`
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: a, labels: {x: a}}
aggregationRule: {clusterRoleSelectors: [{matchLabels: {x: b}}]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: b, labels: {x: b}}
aggregationRule: {clusterRoleSelectors: [{matchLabels: {x: a}}, {matchExpressions: [{key: y, operator: Exists}]}]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: c, labels: {y: "1"}}
rules: [{apiGroups: [""], resources: [pods], verbs: [list]}]
`);
    expect(m.diagnostics.some((d) => d.code === 'rbac-aggregation-cycle')).toBe(true);
    expect(m.roles.get('ClusterRole/a')!.rules.map((r) => r.verbs[0])).toEqual(['list']);
  });
  it('the bootstrap policy lets system:authenticated reach discovery, not secrets', () => {
    const m = model('', true);
    expect(can(m, 'anyone', 'get', '/version')).toBe(true);
    expect(can(m, 'anyone', 'get', '/api/v1')).toBe(true);
    expect(can(m, 'system:anonymous', 'get', '/api')).toBe(false);
    expect(can(m, 'system:anonymous', 'get', '/healthz')).toBe(true);
    expect(can(m, 'anyone', 'create', 'selfsubjectaccessreviews')).toBe(true);
    expect(can(m, 'anyone', 'get', 'secrets', 'default')).toBe(false);
  });
});

describe('bad input is reported, never a crash', () => {
  it('handles empty rules, malformed subjects, missing roles, duplicates', () => {
    const m = model(`
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: empty, namespace: a}
rules: "nope"
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: b, namespace: a}
roleRef: {kind: Role, name: missing}
subjects: [{kind: User}, {kind: Robot, name: r}, 42, {kind: User, name: eve}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: b, namespace: a}
roleRef: {kind: Role, name: empty}
subjects: [{kind: User, name: eve}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: c}
subjects: [{kind: User, name: eve}]
`);
    const codes = m.diagnostics.map((d) => d.code);
    expect(codes).toContain('rbac-malformed-rules');
    expect(codes).toContain('rbac-malformed-subject');
    expect(codes).toContain('rbac-duplicate');
    expect(codes).toContain('rbac-malformed-binding');
    expect(can(m, 'eve', 'get', 'pods', 'a')).toBe(false);
  });
});

describe('resource names on the command line (as kubectl resolves them)', () => {
  const m = model(BASE);
  const attrs = (target: string, group?: string) => requestAttributes(m, { verb: 'get', target, group }).attrs;
  it('resolves short names, singulars, groups, versions and subresources', () => {
    expect(attrs('po')).toMatchObject({ apiGroup: '', resource: 'pods', subresource: '' });
    expect(attrs('deploy/scale')).toMatchObject({ apiGroup: 'apps', resource: 'deployments', subresource: 'scale' });
    expect(attrs('Deployments.v1.apps')).toMatchObject({ apiGroup: 'apps', resource: 'deployments' });
    expect(attrs('csr/approval')).toMatchObject({ apiGroup: 'certificates.k8s.io', resource: 'certificatesigningrequests', subresource: 'approval' });
    expect(attrs('widgets.example.com')).toMatchObject({ apiGroup: 'example.com', resource: 'widgets' });
    expect(attrs('*')).toMatchObject({ apiGroup: '', resource: '*' });
    expect(attrs('/healthz')).toEqual({ verb: 'get', path: '/healthz' });
    expect(requestAttributes(m, { verb: 'get', target: 'gizmos' }).warnings[0]).toContain('neither built in nor defined by a CRD');
  });
});
