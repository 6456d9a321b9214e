import { ruleTester } from '../../../testing/vitest.js';
import { clusterRole, crb, rule as r, user } from '../fixtures/index.js';
import rule from './rule.js';

ruleTester.run(rule, {
  valid: [
    { input: clusterRole('x', [r(['certificates.k8s.io'], ['certificatesigningrequests'], ['create', 'get'])]), with: [crb('b', 'x', [user('u')])] },
    // The approval subresource without approve on a signer cannot approve anything.
    { input: clusterRole('x', [r(['certificates.k8s.io'], ['certificatesigningrequests/approval'], ['update'])]), with: [crb('b', 'x', [user('u')])] },
  ],
  invalid: [
    { input: clusterRole('x', [r(['certificates.k8s.io'], ['signers'], ['approve'], ['kubernetes.io/kube-apiserver-client'])]), with: [crb('b', 'x', [user('u')])], errors: [{ messageId: 'role', path: 'rules[0]' }] },
    { input: clusterRole('x', [r(['certificates.k8s.io'], ['signers'], ['sign'])]), with: [crb('b', 'x', [user('u')])], errors: [{ messageId: 'role', path: 'rules[0]', message: 'sign signers' }] },
  ],
});
