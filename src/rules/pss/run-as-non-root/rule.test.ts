import { ruleTester } from '../../../testing/vitest.js';
import { container, restrictedPod } from '../test-helpers.js';
import rule from './rule.js';

const SECCOMP = { seccompProfile: { type: 'RuntimeDefault' } };

ruleTester.run(rule, {
  valid: [
    restrictedPod(),
    restrictedPod({ securityContext: SECCOMP, containers: [container({ runAsNonRoot: true })] }),
    { name: 'user namespace from v1.35', input: restrictedPod({ securityContext: SECCOMP, hostUsers: false }), settings: { pssVersion: 'v1.35' } },
  ],
  invalid: [
    {
      input: restrictedPod({ securityContext: SECCOMP }),
      errors: [{ messageId: 'enforce', path: 'spec.containers[0].securityContext.runAsNonRoot', message: 'runAsNonRoot != true (pod or container "app" must set securityContext.runAsNonRoot=true)' }],
    },
    {
      name: 'an explicit false wins over the pod',
      input: restrictedPod({ containers: [container({ runAsNonRoot: false })] }),
      errors: [{ messageId: 'enforce', path: 'spec.containers[0].securityContext.runAsNonRoot', message: 'container "app" must not set securityContext.runAsNonRoot=false' }],
    },
    {
      name: 'user namespace before v1.35',
      input: restrictedPod({ securityContext: { ...SECCOMP, runAsNonRoot: false }, hostUsers: false }),
      settings: { pssVersion: 'v1.34' },
      errors: [{ messageId: 'enforce', path: 'spec.securityContext.runAsNonRoot', message: 'pod must not set securityContext.runAsNonRoot=false' }],
    },
  ],
});
