import { ruleTester } from '../../../testing/vitest.js';
import { container, restrictedPod } from '../test-helpers.js';
import rule from './rule.js';

const root = restrictedPod({ containers: [container({ runAsUser: 0 })] });

ruleTester.run(rule, {
  valid: [
    restrictedPod({ containers: [container({ runAsUser: 1000 })] }),
    { name: 'not checked before v1.23', input: root, settings: { pssVersion: 'v1.22' } },
    { name: 'user namespace from v1.35', input: restrictedPod({ hostUsers: false, containers: [container({ runAsUser: 0 })] }) },
  ],
  invalid: [
    { input: root, errors: [{ messageId: 'enforce', path: 'spec.containers[0].securityContext.runAsUser', message: 'runAsUser=0 (container "app" must not set runAsUser=0)' }] },
    {
      input: restrictedPod({ securityContext: { runAsNonRoot: true, runAsUser: 0, seccompProfile: { type: 'RuntimeDefault' } } }),
      settings: { pssVersion: 'v1.23' },
      errors: [{ messageId: 'enforce', path: 'spec.securityContext.runAsUser', message: 'pod must not set runAsUser=0' }],
    },
  ],
});
