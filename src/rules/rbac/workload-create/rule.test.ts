import { ruleTester } from '../../../testing/vitest.js';
import { clusterRole, crb, rule as r, user } from '../fixtures/index.js';
import rule from './rule.js';

ruleTester.run(rule, {
  valid: [
    { input: clusterRole('x', [r(['apps'], ['deployments'], ['get', 'list'])]), with: [crb('b', 'x', [user('a')])] },
    { input: clusterRole('x', [r(['apps'], ['deployments/scale'], ['update'])]), with: [crb('b', 'x', [user('a')])] },
  ],
  invalid: [
    { input: clusterRole('x', [r(['apps'], ['deployments'], ['patch'])]), with: [crb('b', 'x', [user('a')])], errors: [{ messageId: 'role', path: 'rules[0]' }] },
    { input: clusterRole('x', [r([''], ['pods'], ['create'])]), with: [crb('b', 'x', [user('a')])], errors: [{ messageId: 'role', path: 'rules[0]' }] },
    { input: clusterRole('x', [r(['batch'], ['*'], ['create'])]), with: [crb('b', 'x', [user('a')])], errors: [{ messageId: 'role', path: 'rules[0]' }] },
  ],
});
