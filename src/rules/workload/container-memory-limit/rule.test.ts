import { deployment, pod, ruleTester } from '../../../testing/vitest.js';
import rule from './rule.js';

const limitRange = (limits: unknown[], namespace = 'app') => ({
  apiVersion: 'v1',
  kind: 'LimitRange',
  metadata: { name: 'defaults', namespace },
  spec: { limits },
});

ruleTester.run(rule, {
  valid: [
    pod({ containers: [{ name: 'a', image: 'x:1', resources: { limits: { memory: '256Mi' } } }] }),
    // Ephemeral containers cannot carry resources.
    pod({
      containers: [{ name: 'a', image: 'x:1', resources: { limits: { memory: '1Gi' } } }],
      ephemeralContainers: [{ name: 'debug', image: 'busybox:1' }],
    }),
    {
      name: 'a LimitRange default memory limit in the namespace counts',
      input: pod({ containers: [{ name: 'a', image: 'x:1' }] }),
      with: [limitRange([{ type: 'Container', default: { memory: '512Mi' } }])],
    },
    {
      name: 'a LimitRange max becomes the default limit',
      input: pod({ containers: [{ name: 'a', image: 'x:1' }] }),
      with: [limitRange([{ type: 'Container', max: { memory: '1Gi' } }])],
    },
  ],
  invalid: [
    {
      input: pod({ containers: [{ name: 'a', image: 'x:1' }] }),
      errors: [{ messageId: 'missing', path: 'spec.containers[0]', line: 8 }],
    },
    {
      name: 'points at resources.limits when it exists without memory; init containers count',
      input: deployment({
        initContainers: [{ name: 'init', image: 'x:1', resources: { requests: { memory: '64Mi' } } }],
        containers: [{ name: 'a', image: 'x:1', resources: { limits: { cpu: '1' } } }],
      }),
      errors: [
        { messageId: 'missing', path: 'spec.template.spec.initContainers[0].resources' },
        { messageId: 'missing', path: 'spec.template.spec.containers[0].resources.limits', message: 'Container "a"' },
      ],
    },
    {
      name: 'a LimitRange of another namespace or for Pods does not count',
      input: pod({ containers: [{ name: 'a', image: 'x:1' }] }),
      with: [limitRange([{ type: 'Container', default: { memory: '1Gi' } }], 'other'), limitRange([{ type: 'Pod', max: { memory: '1Gi' } }])],
      errors: [{ messageId: 'missing', path: 'spec.containers[0]' }],
    },
  ],
});
