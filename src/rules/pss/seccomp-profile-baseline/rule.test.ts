import { ruleTester } from '../../../testing/vitest.js';
import { container, restrictedPod } from '../test-helpers.js';
import rule from './rule.js';

const POD_KEY = 'seccomp.security.alpha.kubernetes.io/pod';
const unconfinedContainer = restrictedPod({ containers: [container({ seccompProfile: { type: 'Unconfined' } })] });

ruleTester.run(rule, {
  valid: [
    restrictedPod(),
    { name: 'annotations are not read from v1.19', input: restrictedPod({}, { annotations: { [POD_KEY]: 'unconfined' } }), settings: { pssLevel: 'baseline', pssVersion: 'v1.19' } },
    { name: 'the field is not read before v1.19', input: unconfinedContainer, settings: { pssLevel: 'baseline', pssVersion: 'v1.18' } },
    { name: 'docker/default was an accepted annotation', input: restrictedPod({}, { annotations: { [POD_KEY]: 'docker/default' } }), settings: { pssLevel: 'baseline', pssVersion: 'v1.0' } },
  ],
  invalid: [
    {
      input: restrictedPod({}, { annotations: { [POD_KEY]: 'unconfined', 'container.seccomp.security.alpha.kubernetes.io/app': 'unconfined' } }),
      settings: { pssLevel: 'baseline', pssVersion: 'v1.18' },
      errors: [
        {
          messageId: 'enforce',
          path: `metadata.annotations["${POD_KEY}"]`,
          message: 'seccompProfile (forbidden annotations container.seccomp.security.alpha.kubernetes.io/app="unconfined", seccomp.security.alpha.kubernetes.io/pod="unconfined")',
        },
        { messageId: 'enforce', path: 'metadata.annotations["container.seccomp.security.alpha.kubernetes.io/app"]' },
      ],
    },
    {
      input: unconfinedContainer,
      settings: { pssLevel: 'baseline' },
      errors: [{ messageId: 'enforce', path: 'spec.containers[0].securityContext.seccompProfile.type', message: 'container "app" must not set securityContext.seccompProfile.type to "Unconfined"' }],
    },
    {
      name: 'reported under restricted too (where seccompProfile_restricted replaces it)',
      input: unconfinedContainer,
      errors: [{ messageId: 'enforce', path: 'spec.containers[0].securityContext.seccompProfile.type', message: 'restricted:latest' }],
    },
  ],
});
