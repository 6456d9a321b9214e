import { ruleTester } from '../../../testing/vitest.js';
import { container, namespace, restrictedPod } from '../test-helpers.js';
import rule from './rule.js';

const withPorts = (ports: unknown[]) => restrictedPod({ containers: [container({}, { ports })] });

ruleTester.run(rule, {
  valid: [
    withPorts([{ containerPort: 8080 }]),
    withPorts([{ containerPort: 8080, hostPort: 0 }]),
    { name: 'privileged namespace', input: withPorts([{ containerPort: 80, hostPort: 80 }]), with: [namespace({ enforce: 'privileged' })] },
  ],
  invalid: [
    {
      input: withPorts([{ containerPort: 8443, hostPort: 8443 }, { containerPort: 80, hostPort: 80 }]),
      errors: [
        { messageId: 'enforce', path: 'spec.containers[0].ports[0].hostPort', message: 'hostPort (container "app" uses hostPorts 80, 8443)' },
        { messageId: 'enforce', path: 'spec.containers[0].ports[1].hostPort' },
      ],
    },
  ],
});
