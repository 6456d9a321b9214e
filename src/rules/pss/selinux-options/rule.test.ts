import { ruleTester } from '../../../testing/vitest.js';
import { container, restrictedPod } from '../test-helpers.js';
import rule from './rule.js';

const withOptions = (seLinuxOptions: Record<string, string>) => restrictedPod({ containers: [container({ seLinuxOptions })] });

ruleTester.run(rule, {
  valid: [
    withOptions({ type: 'container_t', level: 's0:c123,c456' }),
    { name: 'container_engine_t from v1.31', input: withOptions({ type: 'container_engine_t' }), settings: { pssVersion: 'v1.31' } },
  ],
  invalid: [
    {
      name: 'container_engine_t before v1.31',
      input: withOptions({ type: 'container_engine_t' }),
      settings: { pssVersion: 'v1.30' },
      errors: [{ messageId: 'enforce', path: 'spec.containers[0].securityContext.seLinuxOptions.type', message: 'container "app" set forbidden securityContext.seLinuxOptions: type "container_engine_t"' }],
    },
    {
      input: withOptions({ type: 'spc_t', user: 'system_u', role: 'system_r' }),
      errors: [
        { messageId: 'enforce', path: 'spec.containers[0].securityContext.seLinuxOptions.type', message: 'type "spc_t"; user may not be set; role may not be set' },
        { messageId: 'enforce', path: 'spec.containers[0].securityContext.seLinuxOptions.user' },
        { messageId: 'enforce', path: 'spec.containers[0].securityContext.seLinuxOptions.role' },
      ],
    },
  ],
});
