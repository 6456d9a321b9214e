import { ruleTester } from '../../../testing/vitest.js';
import { clusterRole, crb, rb, rule as r, sa, serviceAccount, user } from '../fixtures/index.js';
import rule from './rule.js';

ruleTester.run(rule, {
  valid: [
    crb('b', 'view', [user('u')]),
    { input: crb('b', 'mine', [user('u')]), with: [clusterRole('mine', [r([''], ['pods'], ['get'])])] },
    // Accounts of a namespace the input lists none of cannot be judged missing.
    crb('b', 'view', [sa('elsewhere', 'ghost')]),
  ],
  invalid: [
    { input: crb('b', 'does-not-exist', [user('u')]), errors: [{ messageId: 'role', path: 'roleRef.name' }] },
    {
      input: rb('app', 'b', 'ClusterRole', 'view', [sa('app', 'ghost'), sa('app', 'real')]),
      with: [serviceAccount('app', 'real')],
      errors: [{ messageId: 'subject', path: 'subjects[0]', status: 'warn' }],
    },
    {
      name: 'a ClusterRoleBinding that references a Role',
      input: { ...crb('b', 'x', [user('u')]), roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'x' } },
      errors: [{ messageId: 'role', message: 'can only reference a ClusterRole' }],
    },
  ],
});
