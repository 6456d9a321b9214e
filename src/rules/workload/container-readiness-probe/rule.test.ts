import { deployment, pod, ruleTester } from '../../../testing/vitest.js';
import rule from './rule.js';

const probe = { httpGet: { path: '/ready', port: 8080 } };

ruleTester.run(rule, {
  valid: [
    pod({ containers: [{ name: 'a', image: 'x:1', readinessProbe: probe }] }),
    { name: 'init containers are not checked', input: pod({ initContainers: [{ name: 'i', image: 'x:1' }], containers: [{ name: 'a', image: 'x:1', readinessProbe: probe }] }) },
    {
      name: 'CronJobs serve no traffic',
      input: {
        apiVersion: 'batch/v1',
        kind: 'CronJob',
        metadata: { name: 'c', namespace: 'app' },
        spec: { schedule: '* * * * *', jobTemplate: { spec: { template: { spec: { restartPolicy: 'OnFailure', containers: [{ name: 'a', image: 'x:1' }] } } } } },
      },
    },
    { name: 'a Pod owned by a Job', input: pod({ containers: [{ name: 'a', image: 'x:1' }] }, { ownerReferences: [{ apiVersion: 'batch/v1', kind: 'Job', name: 'j', uid: 'u' }] }) },
  ],
  invalid: [
    {
      input: deployment({ containers: [{ name: 'a', image: 'x:1', livenessProbe: probe }] }),
      errors: [{ messageId: 'missing', path: 'spec.template.spec.containers[0]' }],
    },
    {
      name: 'a Pod owned by a ReplicaSet is checked',
      input: pod({ containers: [{ name: 'a', image: 'x:1' }] }, { ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'r', uid: 'u' }] }),
      errors: [{ messageId: 'missing', path: 'spec.containers[0]' }],
    },
  ],
});
