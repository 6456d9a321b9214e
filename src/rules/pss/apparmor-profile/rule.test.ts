import { ruleTester } from '../../../testing/vitest.js';
import { container, restrictedPod } from '../test-helpers.js';
import rule from './rule.js';

const KEY = 'container.apparmor.security.beta.kubernetes.io/app';

ruleTester.run(rule, {
  valid: [
    restrictedPod({}, { annotations: { [KEY]: 'runtime/default' } }),
    restrictedPod({}, { annotations: { [KEY]: 'localhost/my-profile' } }),
    restrictedPod({ containers: [container({ appArmorProfile: { type: 'Localhost', localhostProfile: 'p' } })] }),
  ],
  invalid: [
    {
      name: 'the deprecated annotation, at every version',
      input: restrictedPod({}, { annotations: { [KEY]: 'unconfined' } }),
      settings: { pssVersion: 'v1.0' },
      errors: [
        {
          messageId: 'enforce',
          path: `metadata.annotations["${KEY}"]`,
          message: `forbidden AppArmor profile (annotation must not set AppArmor profile type to "${KEY}="unconfined"")`,
        },
      ],
    },
    {
      name: 'the field, pod and container',
      input: restrictedPod({
        securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' }, appArmorProfile: { type: 'Unconfined' } },
        containers: [container({ appArmorProfile: { type: 'Unconfined' } })],
      }),
      errors: [
        { messageId: 'enforce', path: 'spec.securityContext.appArmorProfile.type', message: 'pod and container "app" must not set AppArmor profile type to "Unconfined"' },
        { messageId: 'enforce', path: 'spec.containers[0].securityContext.appArmorProfile.type' },
      ],
    },
  ],
});
