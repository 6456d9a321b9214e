import { ruleTester } from '../../../testing/vitest.js';
import { container, restrictedPod } from '../test-helpers.js';
import rule from './rule.js';

const noSeccomp = restrictedPod({ securityContext: { runAsNonRoot: true } });

ruleTester.run(rule, {
  valid: [
    restrictedPod(),
    restrictedPod({ securityContext: { runAsNonRoot: true }, containers: [container({ seccompProfile: { type: 'Localhost', localhostProfile: 'p.json' } })] }),
    { name: 'not checked before v1.19', input: noSeccomp, settings: { pssVersion: 'v1.18' } },
    { name: 'Windows pods are exempt from v1.25', input: restrictedPod({ os: { name: 'windows' }, securityContext: { runAsNonRoot: true } }) },
  ],
  invalid: [
    {
      input: noSeccomp,
      errors: [
        {
          messageId: 'enforce',
          path: 'spec.containers[0].securityContext.seccompProfile.type',
          message: 'seccompProfile (pod or container "app" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost")',
        },
      ],
    },
    {
      input: restrictedPod({ containers: [container({ seccompProfile: { type: 'Unconfined' } })] }),
      errors: [{ messageId: 'enforce', path: 'spec.containers[0].securityContext.seccompProfile.type', message: 'container "app" must not set securityContext.seccompProfile.type to "Unconfined"' }],
    },
  ],
});
