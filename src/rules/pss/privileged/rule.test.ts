import { ruleTester } from '../../../testing/vitest.js';
import { container, namespace, restrictedPod } from '../test-helpers.js';
import rule from './rule.js';

ruleTester.run(rule, {
  valid: [
    restrictedPod(),
    restrictedPod({ containers: [container({ privileged: false })] }),
    { name: 'privileged namespace', input: restrictedPod({ containers: [container({ privileged: true })] }), with: [namespace({ enforce: 'privileged' })] },
  ],
  invalid: [
    {
      input: restrictedPod({ containers: [container({ privileged: true })] }),
      errors: [{ messageId: 'enforce', path: 'spec.containers[0].securityContext.privileged', message: 'privileged (container "app" must not set securityContext.privileged=true)' }],
    },
    {
      name: 'init and ephemeral containers count',
      input: restrictedPod({
        initContainers: [container({ privileged: true }, {}, 'init')],
        containers: [container()],
        ephemeralContainers: [container({ privileged: true }, {}, 'debug')],
      }),
      errors: [
        { messageId: 'enforce', path: 'spec.initContainers[0].securityContext.privileged', message: 'containers "init", "debug" must not set' },
        { messageId: 'enforce', path: 'spec.ephemeralContainers[0].securityContext.privileged' },
      ],
    },
  ],
});
