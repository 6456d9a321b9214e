import { expect, it } from 'vitest';
import { ruleTester } from '../../../testing/vitest.js';
import { clusterRole, crb, group, rb, rule as r, severities, user } from '../fixtures/index.js';
import rule from './rule.js';

/** Upstream's own binding as `kubectl get clusterrolebinding -o yaml` returns it. */
const fromCluster = {
  apiVersion: 'rbac.authorization.k8s.io/v1',
  kind: 'ClusterRoleBinding',
  metadata: { name: 'system:public-info-viewer', labels: { 'kubernetes.io/bootstrapping': 'rbac-defaults' }, annotations: { 'rbac.authorization.kubernetes.io/autoupdate': 'true' } },
  roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'system:public-info-viewer' },
  subjects: [group('system:authenticated'), group('system:unauthenticated')],
};

ruleTester.run(rule, {
  valid: [
    crb('b', 'view', [group('devs')]),
    // A User subject is a user name, not the group.
    crb('b', 'view', [user('system:authenticated')]),
    { name: 'upstream default binding read from a cluster', input: fromCluster },
    { name: 'a service account named like the group', input: crb('b', 'view', [{ kind: 'ServiceAccount', name: 'system:serviceaccounts', namespace: 'x' }]) },
  ],
  invalid: [
    { input: crb('b', 'view', [group('system:unauthenticated')]), errors: [{ messageId: 'broad', path: 'subjects[0]', message: 'unauthenticated' }] },
    { input: rb('a', 'b', 'ClusterRole', 'edit', [user('system:anonymous'), group('system:authenticated')]), errors: [{ messageId: 'broad', path: 'subjects[0]', message: 'in namespace a' }, { messageId: 'broad', path: 'subjects[1]' }] },
    { name: 'every service account', input: crb('b', 'view', [group('system:serviceaccounts')]), errors: [{ messageId: 'broad', path: 'subjects[0]', message: 'every service account' }] },
    {
      name: 'a subject added to upstream default binding',
      input: { ...fromCluster, metadata: { name: 'system:discovery' }, roleRef: { ...fromCluster.roleRef, name: 'system:discovery' }, subjects: [group('system:authenticated'), group('system:unauthenticated')] },
      errors: [{ messageId: 'broad', path: 'subjects[1]', message: 'ClusterRole system:discovery' }],
    },
  ],
});

it('rbac-anonymous-grant: severity follows what the role grants', () => {
  const reader = clusterRole('reader', [r([''], ['secrets'], ['get'])]);
  expect(severities(rule, { input: crb('b', 'reader', [group('system:authenticated')]), with: [reader] })).toEqual(['critical']);
  expect(severities(rule, { input: crb('b', 'view', [group('system:unauthenticated')]) })).toEqual(['high']);
  expect(severities(rule, { input: crb('b', 'view', [group('system:authenticated')]) })).toEqual(['medium']);
  expect(severities(rule, { input: crb('b', 'system:discovery', [group('system:unauthenticated')]) })).toEqual(['low']);
  expect(severities(rule, { input: crb('b', 'missing', [group('system:unauthenticated')]) })).toEqual(['medium']);
});
