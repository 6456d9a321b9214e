import { describe, expect, it } from 'vitest';
import { addSource, emptyInventory } from '../collectors/manifests/collect.js';
import { canI, type UserInfo } from './authorizer.js';
import { ruleAllows, type PolicyRule, type RequestAttributes } from './matcher.js';
import { buildModel } from './model.js';

/**
 * The scenarios of upstream's RBAC authorizer tests (plugin/pkg/auth/authorizer/rbac/rbac_test.go,
 * TestAuthorizer and TestRuleMatches), restated as data: same roles, bindings, requests, outcomes.
 * Users are given exactly the groups of the upstream case (no implicit groups).
 */

const rule = (verbs: string, apiGroups: string, resources: string, urls: string): PolicyRule => ({
  verbs: verbs.split(','),
  apiGroups: apiGroups.split(','),
  resources: resources.split(','),
  resourceNames: [],
  nonResourceURLs: urls.split(','),
});

function modelOf(objects: object[]) {
  const inv = emptyInventory();
  addSource(inv, { name: 'case.json', text: JSON.stringify({ apiVersion: 'v1', kind: 'List', items: objects }), origin: 'file' });
  return buildModel(inv.resources, { bootstrap: false });
}
const clusterRole = (name: string, r: PolicyRule) => ({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name }, rules: [r] });
const subjects = (list: string[]) => list.map((s) => ({ kind: s.split(':')[0], name: s.slice(s.indexOf(':') + 1) }));
const roleBinding = (ns: string, role: string, subs: string[]) => ({
  apiVersion: 'rbac.authorization.k8s.io/v1',
  kind: 'RoleBinding',
  metadata: { name: `${role}-binding`, namespace: ns },
  roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: role },
  subjects: subjects(subs),
});
const clusterRoleBinding = (role: string, subs: string[]) => ({
  apiVersion: 'rbac.authorization.k8s.io/v1',
  kind: 'ClusterRoleBinding',
  metadata: { name: `${role}-binding` },
  roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: role },
  subjects: subjects(subs),
});
const user = (name: string, groups: string): UserInfo => ({ name, groups: groups ? groups.split(',') : [] });
const res = (verb: string, resource: string, subresource: string, namespace: string): RequestAttributes => ({ verb, resource, subresource, namespace, apiGroup: '' });

describe('upstream TestAuthorizer scenarios', () => {
  it('a RoleBinding to a */*/* ClusterRole allows in its namespace only, for the user and the group', () => {
    const m = modelOf([clusterRole('admin', rule('*', '*', '*', '*')), roleBinding('ns1', 'admin', ['User:admin', 'Group:admins'])]);
    const pass: [UserInfo, RequestAttributes][] = [
      [user('admin', ''), res('get', 'Pods', '', 'ns1')],
      [user('admin', ''), res('watch', 'Pods', '', 'ns1')],
      [user('admin', 'group1'), res('watch', 'Foobar', '', 'ns1')],
      [user('joe', 'admins'), res('watch', 'Foobar', '', 'ns1')],
      [user('joe', 'group1,admins'), res('watch', 'Foobar', '', 'ns1')],
    ];
    const fail: [UserInfo, RequestAttributes][] = [
      [user('admin', ''), res('GET', 'Pods', '', 'ns2')],
      [user('admin', ''), res('GET', 'Nodes', '', '')],
      [user('admin', 'admins'), res('GET', 'Pods', '', 'ns2')],
      [user('admin', 'admins'), res('GET', 'Nodes', '', '')],
    ];
    for (const [u, a] of pass) expect(canI(m, u, a).allowed, JSON.stringify([u, a])).toBe(true);
    for (const [u, a] of fail) expect(canI(m, u, a).allowed, JSON.stringify([u, a])).toBe(false);
  });
  it('non-resource URLs: exact, verb-restricted and prefix rules', () => {
    const m = modelOf([
      clusterRole('non-resource-url-getter', rule('get', '', '', '/apis')),
      clusterRole('non-resource-url', rule('*', '', '', '/apis')),
      clusterRole('non-resource-url-prefix', rule('get', '', '', '/apis/*')),
      clusterRoleBinding('non-resource-url-getter', ['User:foo', 'Group:bar']),
      clusterRoleBinding('non-resource-url', ['User:admin', 'Group:admin']),
      clusterRoleBinding('non-resource-url-prefix', ['User:prefixed', 'Group:prefixed']),
    ]);
    const url = (verb: string, path: string): RequestAttributes => ({ verb, path });
    const pass: [UserInfo, RequestAttributes][] = [
      [user('foo', ''), url('get', '/apis')],
      [user('', 'bar'), url('get', '/apis')],
      [user('admin', ''), url('get', '/apis')],
      [user('', 'admin'), url('get', '/apis')],
      [user('admin', ''), url('watch', '/apis')],
      [user('', 'admin'), url('watch', '/apis')],
      [user('prefixed', ''), url('get', '/apis/v1')],
      [user('', 'prefixed'), url('get', '/apis/v1')],
      [user('prefixed', ''), url('get', '/apis/v1/foobar')],
      [user('', 'prefixed'), url('get', '/apis/v1/foorbar')],
    ];
    const fail: [UserInfo, RequestAttributes][] = [
      [user('foo', ''), url('watch', '/apis')],
      [user('', 'bar'), url('watch', '/apis')],
      [user('foo', ''), url('get', '/api/v1')],
      [user('', 'bar'), url('get', '/api/v1')],
      [user('admin', ''), url('get', '/api/v1')],
      [user('', 'admin'), url('get', '/api/v1')],
      [user('prefixed', ''), url('get', '/api/v1')],
      [user('', 'prefixed'), url('get', '/api/v1')],
    ];
    for (const [u, a] of pass) expect(canI(m, u, a).allowed, JSON.stringify([u, a])).toBe(true);
    for (const [u, a] of fail) expect(canI(m, u, a).allowed, JSON.stringify([u, a])).toBe(false);
  });
  it('subresources: pods does not cover pods/status, pods/status does not cover pods', () => {
    const a = modelOf([clusterRole('admin', rule('*', '*', 'pods', '*')), roleBinding('ns1', 'admin', ['User:admin', 'Group:admins'])]);
    expect(canI(a, user('admin', ''), res('get', 'pods', '', 'ns1')).allowed).toBe(true);
    expect(canI(a, user('admin', ''), res('get', 'pods', 'status', 'ns1')).allowed).toBe(false);
    const b = modelOf([clusterRole('admin', rule('*', '*', 'pods/status', '*')), roleBinding('ns1', 'admin', ['User:admin', 'Group:admins'])]);
    expect(canI(b, user('admin', ''), res('get', 'pods', 'status', 'ns1')).allowed).toBe(true);
    expect(canI(b, user('admin', ''), res('get', 'pods', '', 'ns1')).allowed).toBe(false);
  });
});

describe('upstream TestRuleMatches table', () => {
  const r = (verb: string, group: string, resource: string, subresource = ''): RequestAttributes => ({ verb, apiGroup: group, resource, subresource });
  const u = (verb: string, path: string): RequestAttributes => ({ verb, path });
  const cases: [string, PolicyRule, [RequestAttributes, boolean][]][] = [
    ['star verb, exact match other', { ...rule('*', 'group1', 'resource1', ''), nonResourceURLs: [] }, [
      [r('verb1', 'group1', 'resource1'), true], [r('verb1', 'group2', 'resource1'), false], [r('verb1', 'group1', 'resource2'), false], [r('verb2', 'group1', 'resource1'), true],
    ]],
    ['star group, exact match other', { ...rule('verb1', '*', 'resource1', ''), nonResourceURLs: [] }, [
      [r('verb1', 'group1', 'resource1'), true], [r('verb1', 'group2', 'resource1'), true], [r('verb1', 'group1', 'resource2'), false], [r('verb2', 'group1', 'resource1'), false],
    ]],
    ['star resource, exact match other', { ...rule('verb1', 'group1', '*', ''), nonResourceURLs: [] }, [
      [r('verb1', 'group1', 'resource1'), true], [r('verb1', 'group2', 'resource1'), false], [r('verb1', 'group1', 'resource2'), true], [r('verb2', 'group1', 'resource1'), false],
    ]],
    ['tuple expansion', { ...rule('verb1,verb2', 'group1,group2', 'resource1,resource2', ''), nonResourceURLs: [] }, [
      [r('verb1', 'group1', 'resource1'), true], [r('verb2', 'group2', 'resource2'), true], [r('verb1', 'group2', 'resource1'), true], [r('verb3', 'group1', 'resource1'), false],
    ]],
    ['subresource expansion', { ...rule('*', '*', 'resource1/subresource1', ''), nonResourceURLs: [] }, [
      [r('verb1', 'group1', 'resource1', 'subresource1'), true], [r('verb1', 'group2', 'resource1', 'subresource2'), false], [r('verb1', 'group1', 'resource2', 'subresource1'), false],
    ]],
    ['star nonresource', { ...rule('verb1', '', '', '*'), apiGroups: [], resources: [] }, [
      [u('verb1', '/foo'), true], [u('verb1', '/foo/bar/one'), true], [u('verb2', '/foo'), false],
    ]],
    ['star nonresource subpath', { ...rule('verb1', '', '', '/foo/*'), apiGroups: [], resources: [] }, [
      [u('verb1', '/foo'), false], [u('verb1', '/foo/bar'), true], [u('verb1', '/foo/bar/one'), true], [u('verb1', '/notfoo'), false], [u('verb1', '/notfoo/bar'), false],
    ]],
    ['star verb, exact nonresource', { ...rule('*', '', '', '/foo,/foo/bar/one'), apiGroups: [], resources: [] }, [
      [u('verb1', '/foo'), true], [u('verb1', '/foo/bar'), false], [u('verb1', '/foo/bar/one'), true], [u('verb2', '/foo/baz/one'), false],
    ]],
  ];
  for (const [name, pr, expectations] of cases) {
    it(name, () => {
      for (const [req, want] of expectations) expect(ruleAllows(pr, req), JSON.stringify(req)).toBe(want);
    });
  }
});
