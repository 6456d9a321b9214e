import { deployment, pod, ruleTester } from '../../../testing/vitest.js';
import rule from './rule.js';

const c = [{ name: 'a', image: 'x:1' }];

ruleTester.run(rule, {
  valid: [
    pod({ containers: c }),
    { name: 'no namespace: it is decided when the manifest is applied', input: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: c } } },
    { name: 'only workloads are checked', input: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm', namespace: 'default' }, data: {} } },
  ],
  invalid: [
    {
      input: deployment({ containers: c }, { namespace: 'default' }),
      errors: [{ messageId: 'default', path: 'metadata.namespace', line: 5, message: 'Deployment "test"' }],
    },
  ],
});
