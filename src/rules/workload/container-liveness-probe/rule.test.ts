import { deployment, pod, ruleTester } from '../../../testing/vitest.js';
import rule from './rule.js';

const probe = { httpGet: { path: '/healthz', port: 8080 } };
const job = (containers: unknown[]) => ({
  apiVersion: 'batch/v1',
  kind: 'Job',
  metadata: { name: 'j', namespace: 'app' },
  spec: { template: { spec: { restartPolicy: 'Never', containers } } },
});

ruleTester.run(rule, {
  valid: [
    pod({ containers: [{ name: 'a', image: 'x:1', livenessProbe: probe }] }),
    { name: 'init containers are not checked', input: pod({ initContainers: [{ name: 'i', image: 'x:1' }], containers: [{ name: 'a', image: 'x:1', livenessProbe: probe }] }) },
    { name: 'Jobs run to completion', input: job([{ name: 'a', image: 'x:1' }]) },
    pod({ containers: [{ name: 'a', image: 'x:1' }] }, { ownerReferences: [{ apiVersion: 'batch/v1', kind: 'Job', name: 'j', uid: 'u' }] }),
  ],
  invalid: [
    {
      input: deployment({ containers: [{ name: 'a', image: 'x:1', readinessProbe: probe }, { name: 'b', image: 'x:1', livenessProbe: probe }] }),
      errors: [{ messageId: 'missing', path: 'spec.template.spec.containers[0]', message: '"a"' }],
    },
  ],
});
