import { ruleTester } from '../../../testing/vitest.js';
import { clusterRole, crb, group, rb, rule as r, sa, user } from '../fixtures/index.js';
import rule from './rule.js';

ruleTester.run(rule, {
  valid: [
    crb('b', 'view', [user('alice')]),
    // System identities hold cluster-admin by design.
    crb('b', 'cluster-admin', [group('system:masters'), user('system:kube-controller-manager')]),
  ],
  invalid: [
    { input: crb('b', 'cluster-admin', [user('system:x'), user('alice')]), errors: [{ messageId: 'admin', path: 'subjects[1]', message: 'cluster-wide' }] },
    { input: rb('team', 'b', 'ClusterRole', 'cluster-admin', [sa('team', 'ci')]), errors: [{ messageId: 'admin', path: 'subjects[0]', message: 'in namespace team' }] },
    {
      name: 'an equivalent custom role',
      input: crb('b', 'god', [group('devs')]),
      with: [clusterRole('god', [r(['*'], ['*'], ['*'])])],
      errors: [{ messageId: 'admin', path: 'subjects[0]' }],
    },
  ],
});
