import { ruleTester } from '../../../testing/vitest.js';
import { clusterRole, crb, rule as r, serviceAccount, user } from '../fixtures/index.js';
import rule from './rule.js';

ruleTester.run(rule, {
  valid: [
    { input: clusterRole('x', [r([''], ['pods'], ['get'])]), with: [crb('b', 'x', [user('u')])] },
    // Already admin: reported by rbac-cluster-admin-binding, not as a path.
    crb('b', 'cluster-admin', [user('root')]),
  ],
  invalid: [
    {
      name: 'impersonating a cluster-admin user',
      input: crb('a', 'imp', [user('helpdesk')]),
      with: [clusterRole('imp', [r([''], ['users'], ['impersonate'], ['root'])]), crb('b', 'cluster-admin', [user('root')])],
      errors: [{ messageId: 'path', message: 'User helpdesk can become cluster-admin in 2 hop(s): impersonate → User root; wildcard-grant' }],
    },
    {
      name: 'a token for a cluster-admin service account (or, as short, for the built-in clusterrole-aggregation-controller)',
      input: crb('t', 't', [user('ci')]),
      with: [serviceAccount('ops', 'root'), crb('a', 'cluster-admin', [{ kind: 'ServiceAccount', name: 'root', namespace: 'ops' }]), clusterRole('t', [r([''], ['serviceaccounts/token'], ['create'])])],
      errors: [{ messageId: 'path', message: 'User ci can become cluster-admin in 2 hop(s): token-request → ServiceAccount ' }],
    },
  ],
});
