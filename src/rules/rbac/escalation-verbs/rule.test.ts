import { ruleTester } from '../../../testing/vitest.js';
import { clusterRole, crb, rule as r, user } from '../fixtures/index.js';
import rule from './rule.js';

ruleTester.run(rule, {
  valid: [{ input: clusterRole('x', [r(['rbac.authorization.k8s.io'], ['clusterroles'], ['get', 'create'])]), with: [crb('b', 'x', [user('u')])] }],
  invalid: [
    { input: clusterRole('x', [r(['rbac.authorization.k8s.io'], ['clusterroles'], ['bind'], ['view'])]), with: [crb('b', 'x', [user('u')])], errors: [{ messageId: 'role', path: 'rules[0]', message: 'named view' }] },
    { input: clusterRole('x', [r([''], ['users', 'groups'], ['impersonate'])]), with: [crb('b', 'x', [user('u')])], errors: [{ messageId: 'role', path: 'rules[0]' }] },
    { input: clusterRole('x', [r(['rbac.authorization.k8s.io'], ['roles'], ['escalate'])]), with: [crb('b', 'x', [user('u')])], errors: [{ messageId: 'role', path: 'rules[0]' }] },
  ],
});
