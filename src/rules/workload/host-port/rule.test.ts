import { deployment, pod, ruleTester } from '../../../testing/vitest.js';
import rule from './rule.js';

ruleTester.run(rule, {
  valid: [
    pod({ containers: [{ name: 'a', image: 'x:1', ports: [{ containerPort: 8080 }] }] }),
    pod({ containers: [{ name: 'a', image: 'x:1', ports: [{ containerPort: 8080, hostPort: 0 }] }] }),
  ],
  invalid: [
    {
      name: 'reported whatever the namespace enforces',
      input: deployment({ containers: [{ name: 'a', image: 'x:1', ports: [{ containerPort: 80 }, { containerPort: 9100, hostPort: 9100 }] }] }),
      with: [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'app', labels: { 'pod-security.kubernetes.io/enforce': 'privileged' } } }],
      errors: [{ messageId: 'hostPort', path: 'spec.template.spec.containers[0].ports[1].hostPort', message: 'host port 9100' }],
    },
    {
      input: pod({ initContainers: [{ name: 'i', image: 'x:1', ports: [{ containerPort: 53, hostPort: 53, protocol: 'UDP' }] }], containers: [{ name: 'a', image: 'x:1' }] }),
      errors: [{ messageId: 'hostPort', path: 'spec.initContainers[0].ports[0].hostPort' }],
    },
  ],
});
