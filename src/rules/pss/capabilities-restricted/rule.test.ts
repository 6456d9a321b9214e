import { ruleTester } from '../../../testing/vitest.js';
import { restrictedPod } from '../test-helpers.js';
import rule from './rule.js';

const withCaps = (capabilities: Record<string, unknown> | undefined, os?: string) =>
  restrictedPod({ ...(os ? { os: { name: os } } : {}), containers: [{ name: 'app', image: 'a:1', securityContext: { allowPrivilegeEscalation: false, ...(capabilities ? { capabilities } : {}) } }] });

ruleTester.run(rule, {
  valid: [
    withCaps({ drop: ['ALL'], add: ['NET_BIND_SERVICE'] }),
    { name: 'not checked before v1.22', input: withCaps(undefined), settings: { pssVersion: 'v1.21' } },
    { name: 'Windows pods are exempt from v1.25', input: withCaps(undefined, 'windows') },
  ],
  invalid: [
    {
      input: withCaps(undefined),
      errors: [{ messageId: 'enforce', path: 'spec.containers[0].securityContext.capabilities.drop', message: 'unrestricted capabilities (container "app" must set securityContext.capabilities.drop=["ALL"])' }],
    },
    {
      input: withCaps({ drop: ['ALL'], add: ['CHOWN'] }),
      errors: [{ messageId: 'enforce', path: 'spec.containers[0].securityContext.capabilities.add[0]', message: 'container "app" must not include "CHOWN" in securityContext.capabilities.add' }],
    },
  ],
});
