import { ruleTester } from '../../../testing/vitest.js';
import { container, restrictedPod } from '../test-helpers.js';
import rule from './rule.js';

ruleTester.run(rule, {
  valid: [restrictedPod(), restrictedPod({ containers: [container({ windowsOptions: { hostProcess: false } })] })],
  invalid: [
    {
      input: restrictedPod({
        securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' }, windowsOptions: { hostProcess: true } },
        containers: [container({ windowsOptions: { hostProcess: true } })],
      }),
      errors: [
        { messageId: 'enforce', path: 'spec.securityContext.windowsOptions.hostProcess', message: 'hostProcess (pod and container "app" must not set securityContext.windowsOptions.hostProcess=true)' },
        { messageId: 'enforce', path: 'spec.containers[0].securityContext.windowsOptions.hostProcess' },
      ],
    },
  ],
});
