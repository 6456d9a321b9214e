import { deployment, ruleTester } from '../../../testing/vitest.js';
import { rb, sa } from '../fixtures/index.js';
import rule from './rule.js';

ruleTester.run(rule, {
  valid: [rb('app', 'b', 'ClusterRole', 'view', [sa('app', 'reader')])],
  invalid: [
    {
      input: rb('app', 'b', 'ClusterRole', 'view', [sa('app', 'reader'), { kind: 'ServiceAccount', name: 'default' }]),
      with: [deployment({ containers: [{ name: 'c', image: 'x:1' }] })],
      errors: [{ messageId: 'bound', path: 'subjects[1]', message: '1 workload(s)' }],
    },
  ],
});
