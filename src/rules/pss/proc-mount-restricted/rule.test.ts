import { ruleTester } from '../../../testing/vitest.js';
import { container, restrictedPod } from '../test-helpers.js';
import rule from './rule.js';

const unmasked = restrictedPod({ hostUsers: false, containers: [container({ procMount: 'Unmasked' })] });

ruleTester.run(rule, {
  valid: [
    restrictedPod({ hostUsers: false, containers: [container({ procMount: 'Default' })] }),
    { name: 'before v1.35 the baseline procMount check judges it', input: unmasked, settings: { pssVersion: 'v1.34' } },
    { name: 'baseline level', input: unmasked, settings: { pssLevel: 'baseline' } },
  ],
  invalid: [
    {
      name: 'restricted keeps forbidding it for user-namespaced pods',
      input: unmasked,
      errors: [{ messageId: 'enforce', path: 'spec.containers[0].securityContext.procMount', message: 'procMount (container "app" must not set securityContext.procMount to "Unmasked")' }],
    },
  ],
});
