import { ruleTester } from '../../../testing/vitest.js';
import { deployment } from '../../../testing/vitest.js';
import { clusterRole, crb, rule as r, sa, serviceAccount, user } from '../fixtures/index.js';
import rule from './rule.js';

ruleTester.run(rule, {
  valid: [
    { input: clusterRole('x', [r([''], ['pods'], ['get'])]), with: [crb('b', 'x', [user('u')])] },
    // Already admin: reported by rbac-cluster-admin-binding, not as a path.
    crb('b', 'cluster-admin', [user('root')]),
    {
      name: 'the ServiceAccount opts out of token automount and the pod does not opt back in',
      input: deployment({ serviceAccountName: 'root', containers: [{ name: 'c', image: 'x:1' }] }, { name: 'agent', namespace: 'ops' }),
      with: [{ ...serviceAccount('ops', 'root'), automountServiceAccountToken: false }, crb('a', 'cluster-admin', [sa('ops', 'root')])],
    },
    {
      name: 'upstream default policy read from a cluster: the control plane by design',
      input: { ...crb('system:controller:clusterrole-aggregation-controller', 'system:controller:clusterrole-aggregation-controller', [sa('kube-system', 'clusterrole-aggregation-controller')]), metadata: { name: 'system:controller:clusterrole-aggregation-controller', labels: { 'kubernetes.io/bootstrapping': 'rbac-defaults' } } },
      with: [serviceAccount('kube-system', 'clusterrole-aggregation-controller')],
    },
  ],
  invalid: [
    {
      name: 'the pod opts back in to the token its ServiceAccount leaves unmounted',
      input: deployment({ serviceAccountName: 'root', automountServiceAccountToken: true, containers: [{ name: 'c', image: 'x:1' }] }, { name: 'agent', namespace: 'ops' }),
      with: [{ ...serviceAccount('ops', 'root'), automountServiceAccountToken: false }, crb('a', 'cluster-admin', [sa('ops', 'root')])],
      errors: [{ messageId: 'path', path: 'spec.template.spec', message: 'a compromised pod of Deployment ops/agent can become cluster-admin in 2 hop(s): pod-token' }],
    },
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
