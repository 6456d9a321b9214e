import { expect, it } from 'vitest';
import { ruleTester } from '../../../testing/vitest.js';
import { clusterRole, crb, rb, rule as r, severities, user } from '../fixtures/index.js';
import rule from './rule.js';

const approve = (names?: string[]) => clusterRole('x', [r(['certificates.k8s.io'], ['certificatesigningrequests/approval'], ['update']), r(['certificates.k8s.io'], ['signers'], ['approve'], names)]);

ruleTester.run(rule, {
  valid: [
    { input: clusterRole('x', [r(['certificates.k8s.io'], ['certificatesigningrequests'], ['create', 'get'])]), with: [crb('b', 'x', [user('u')])] },
    // The approval subresource without approve on a signer cannot approve anything.
    { input: clusterRole('x', [r(['certificates.k8s.io'], ['certificatesigningrequests/approval'], ['update'])]), with: [crb('b', 'x', [user('u')])] },
    // cert-manager's own approver: a custom signer's certificates are not cluster identities.
    { name: 'a custom signer', input: approve(['issuers.cert-manager.io/*', 'clusterissuers.cert-manager.io/*']), with: [crb('b', 'x', [user('u')])] },
    // sign alone puts a certificate in status; only the cluster CA's signature makes it trusted.
    { name: 'sign only', input: clusterRole('x', [r(['certificates.k8s.io'], ['signers'], ['sign'], ['kubernetes.io/kube-apiserver-client'])]), with: [crb('b', 'x', [user('u')])] },
    // signers are cluster-scoped: a RoleBinding grants nothing on them.
    { name: 'through a RoleBinding', input: approve(), with: [rb('team', 'b', 'ClusterRole', 'x', [user('u')])] },
  ],
  invalid: [
    { input: approve(['kubernetes.io/kube-apiserver-client']), with: [crb('b', 'x', [user('u')])], errors: [{ messageId: 'role', path: 'rules[1]', message: 'approve signers named kubernetes.io/kube-apiserver-client' }] },
    { name: 'the domain wildcard', input: approve(['kubernetes.io/*']), with: [crb('b', 'x', [user('u')])], errors: [{ messageId: 'role', path: 'rules[1]' }] },
    { name: 'every signer', input: approve(), with: [crb('b', 'x', [user('u')])], errors: [{ messageId: 'role', path: 'rules[1]', message: 'ClusterRoleBinding b' }] },
    { name: 'the kubelet client signer', input: approve(['kubernetes.io/kube-apiserver-client-kubelet']), with: [crb('b', 'x', [user('u')])], errors: [{ messageId: 'role', path: 'rules[1]' }] },
  ],
});

it('rbac-csr-approve: critical for the any-identity signer, high for node identities', () => {
  expect(severities(rule, { input: approve(['kubernetes.io/kube-apiserver-client']), with: [crb('b', 'x', [user('u')])] })).toEqual(['critical']);
  expect(severities(rule, { input: approve(['kubernetes.io/kube-apiserver-client-kubelet']), with: [crb('b', 'x', [user('u')])] })).toEqual(['high']);
});
