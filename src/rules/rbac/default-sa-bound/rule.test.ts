import { deployment, ruleTester } from '../../../testing/vitest.js';
import { crb, rb, sa } from '../fixtures/index.js';
import rule from './rule.js';

ruleTester.run(rule, {
  valid: [rb('app', 'b', 'ClusterRole', 'view', [sa('app', 'reader')]), { name: 'an account merely named like default in a User subject', input: rb('app', 'b', 'ClusterRole', 'view', [{ kind: 'User', name: 'default', apiGroup: 'rbac.authorization.k8s.io' }]) }],
  invalid: [
    {
      // A subject without a namespace is in the RoleBinding's namespace.
      input: rb('app', 'b', 'ClusterRole', 'view', [sa('app', 'reader'), { kind: 'ServiceAccount', name: 'default' }]),
      with: [deployment({ containers: [{ name: 'c', image: 'x:1' }] })],
      errors: [{ messageId: 'bound', path: 'subjects[1]', message: '1 workload(s)' }],
    },
    { name: 'cluster-wide', input: crb('b', 'edit', [sa('kube-system', 'default')]), errors: [{ messageId: 'bound', path: 'subjects[0]', message: 'namespace kube-system' }] },
  ],
});
