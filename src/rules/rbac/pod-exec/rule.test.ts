import { ruleTester } from '../../../testing/vitest.js';
import { crb, role, rb, rule as r, clusterRole, user } from '../fixtures/index.js';
import rule from './rule.js';

ruleTester.run(rule, {
  valid: [
    // get pods does not allow exec; pods/log is harmless here.
    { input: role('a', 'x', [r([''], ['pods', 'pods/log'], ['get', 'create'])]), with: [rb('a', 'b', 'Role', 'x', [user('u')])] },
  ],
  invalid: [
    { input: role('a', 'x', [r([''], ['pods/exec'], ['create'])]), with: [rb('a', 'b', 'Role', 'x', [user('u')])], errors: [{ messageId: 'role', path: 'rules[0]', message: 'in namespace a' }] },
    { input: clusterRole('x', [r([''], ['*/attach'], ['create'])]), with: [crb('b', 'x', [user('u')])], errors: [{ messageId: 'role', path: 'rules[0]', message: 'cluster-wide' }] },
  ],
});
