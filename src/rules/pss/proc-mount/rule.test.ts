import { ruleTester } from '../../../testing/vitest.js';
import { container, restrictedPod } from '../test-helpers.js';
import rule from './rule.js';

const unmasked = (spec: Record<string, unknown> = {}) => restrictedPod({ containers: [container({ procMount: 'Unmasked' })], ...spec });

ruleTester.run(rule, {
  valid: [
    restrictedPod({ containers: [container({ procMount: 'Default' })] }),
    { name: 'baseline v1.35 relaxes it for a user-namespaced pod', input: unmasked({ hostUsers: false }), settings: { pssLevel: 'baseline', pssVersion: 'v1.35' } },
  ],
  invalid: [
    {
      input: unmasked({ hostUsers: false }),
      settings: { pssLevel: 'baseline', pssVersion: 'v1.34' },
      errors: [{ messageId: 'enforce', path: 'spec.containers[0].securityContext.procMount', message: 'procMount (container "app" must not set securityContext.procMount to "Unmasked")' }],
    },
    {
      name: 'without a user namespace at v1.35',
      input: unmasked(),
      settings: { pssLevel: 'baseline', pssVersion: 'latest' },
      errors: [{ messageId: 'enforce', path: 'spec.containers[0].securityContext.procMount' }],
    },
  ],
});
