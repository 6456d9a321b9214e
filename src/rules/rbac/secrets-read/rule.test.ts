import { ruleTester } from '../../../testing/vitest.js';
import { clusterRole, crb, rb, rule as r, sa, user } from '../fixtures/index.js';
import rule from './rule.js';

ruleTester.run(rule, {
  valid: [
    // Bound to nobody: left to rbac-unused-role.
    clusterRole('reader', [r([''], ['secrets'], ['get'])]),
    // Named Secrets only: get with resourceNames does not read every Secret.
    { input: clusterRole('reader', [r([''], ['secrets'], ['get'], ['tls'])]), with: [crb('b', 'reader', [user('a')])] },
    { input: clusterRole('reader', [r([''], ['configmaps'], ['get', 'list'])]), with: [crb('b', 'reader', [user('a')])] },
    // secrets in another API group are not core Secrets.
    { input: clusterRole('reader', [r(['example.com'], ['secrets'], ['get'])]), with: [crb('b', 'reader', [user('a')])] },
  ],
  invalid: [
    {
      input: clusterRole('reader', [r([''], ['pods'], ['get']), r([''], ['secrets'], ['list'])]),
      with: [crb('b', 'reader', [sa('ops', 'bot')])],
      errors: [{ messageId: 'role', path: 'rules[1]', message: 'cluster-wide' }],
    },
    {
      input: clusterRole('reader', [r(['*'], ['*'], ['watch'])]),
      with: [rb('team', 'b', 'ClusterRole', 'reader', [user('a')])],
      errors: [{ messageId: 'role', path: 'rules[0]', message: 'in namespace team' }],
    },
    {
      name: 'a binding of the input to built-in edit',
      input: rb('team', 'devs', 'ClusterRole', 'edit', [user('dev')]),
      errors: [{ messageId: 'binding', path: 'roleRef', message: 'User dev' }],
    },
  ],
});
