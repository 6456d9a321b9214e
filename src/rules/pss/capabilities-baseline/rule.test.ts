import { ruleTester } from '../../../testing/vitest.js';
import { container, namespace, restrictedPod } from '../test-helpers.js';
import rule from './rule.js';

const adding = (add: string[]) => restrictedPod({ containers: [container({ capabilities: { drop: ['ALL'], add } })] });

ruleTester.run(rule, {
  valid: [
    restrictedPod(),
    { name: 'default capabilities may be added under baseline', input: adding(['CHOWN', 'NET_BIND_SERVICE', 'SYS_CHROOT']), settings: { pssLevel: 'baseline' } },
    { name: 'privileged namespace', input: adding(['SYS_ADMIN']), with: [namespace({ enforce: 'privileged' })] },
  ],
  invalid: [
    {
      input: adding(['NET_RAW', 'CHOWN', 'SYS_ADMIN']),
      settings: { pssLevel: 'baseline' },
      errors: [
        {
          messageId: 'enforce',
          path: 'spec.containers[0].securityContext.capabilities.add[0]',
          message: 'non-default capabilities (container "app" must not include "NET_RAW", "SYS_ADMIN" in securityContext.capabilities.add)',
        },
        { messageId: 'enforce', path: 'spec.containers[0].securityContext.capabilities.add[2]' },
      ],
    },
    {
      name: 'reported under restricted too, although capabilities_restricted replaces it there',
      input: adding(['SYS_ADMIN']),
      errors: [{ messageId: 'enforce', path: 'spec.containers[0].securityContext.capabilities.add[0]', message: 'PodSecurity "restricted:latest"' }],
    },
  ],
});
