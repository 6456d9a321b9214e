import { pod, ruleTester } from '../../../testing/vitest.js';
import rule from './rule.js';

ruleTester.run(rule, {
  valid: [
    pod({ containers: [{ name: 'a', image: 'x:1', resources: { requests: { cpu: '100m', memory: '128Mi' } } }] }),
    { name: 'a limit without a request is copied into the request', input: pod({ containers: [{ name: 'a', image: 'x:1', resources: { limits: { cpu: '1', memory: '1Gi' } } }] }) },
    {
      name: 'LimitRange min gives a default request',
      input: pod({ containers: [{ name: 'a', image: 'x:1' }] }),
      with: [{ apiVersion: 'v1', kind: 'LimitRange', metadata: { name: 'l', namespace: 'app' }, spec: { limits: [{ type: 'Container', min: { cpu: '10m' }, defaultRequest: { memory: '64Mi' } }] } }],
    },
  ],
  invalid: [
    {
      input: pod({ containers: [{ name: 'a', image: 'x:1' }] }),
      errors: [
        { messageId: 'cpu', path: 'spec.containers[0]' },
        { messageId: 'memory', path: 'spec.containers[0]' },
      ],
    },
    {
      input: pod({ containers: [{ name: 'a', image: 'x:1', resources: { requests: { cpu: '100m' }, limits: { cpu: '1' } } }] }),
      errors: [{ messageId: 'memory', path: 'spec.containers[0].resources.requests' }],
    },
  ],
});
