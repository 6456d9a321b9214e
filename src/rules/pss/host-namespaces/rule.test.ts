import { deployment, ruleTester } from '../../../testing/vitest.js';
import { namespace, restrictedPod } from '../test-helpers.js';
import rule from './rule.js';

ruleTester.run(rule, {
  valid: [
    restrictedPod(),
    restrictedPod({ hostNetwork: false, hostPID: false }),
    { name: 'privileged namespace', input: restrictedPod({ hostNetwork: true }), with: [namespace({ enforce: 'privileged' })] },
    { name: 'privileged scan level', input: restrictedPod({ hostPID: true }), settings: { pssLevel: 'privileged' } },
  ],
  invalid: [
    {
      input: restrictedPod({ hostNetwork: true }),
      errors: [{ messageId: 'enforce', path: 'spec.hostNetwork', status: 'fail', message: 'violates PodSecurity "restricted:latest": host namespaces (hostNetwork=true)' }],
    },
    {
      name: 'each namespace its own finding, at its line',
      input: restrictedPod({ hostPID: true, hostIPC: true }),
      errors: [
        { messageId: 'enforce', path: 'spec.hostPID', message: 'host namespaces (hostPID=true, hostIPC=true)' },
        { messageId: 'enforce', path: 'spec.hostIPC' },
      ],
    },
    {
      name: 'warn label stricter than a privileged enforce label',
      input: deployment({ hostNetwork: true, containers: [{ name: 'a', image: 'a:1' }] }),
      with: [namespace({ enforce: 'privileged', warn: 'baseline', 'warn-version': 'v1.25' })],
      errors: [{ messageId: 'warn', path: 'spec.template.spec.hostNetwork', status: 'warn', message: 'would violate PodSecurity "baseline:v1.25" (warn label)' }],
    },
    {
      name: 'an unreadable enforce level fails closed (restricted)',
      input: restrictedPod({ hostNetwork: true }),
      with: [namespace({ enforce: 'strict' })],
      settings: { pssLevel: 'privileged' },
      errors: [{ messageId: 'enforce', path: 'spec.hostNetwork', status: 'fail', message: 'restricted:latest' }],
    },
  ],
});
