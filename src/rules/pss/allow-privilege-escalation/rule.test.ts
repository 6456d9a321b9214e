import { ruleTester } from '../../../testing/vitest.js';
import { namespace, restrictedPod } from '../test-helpers.js';
import rule from './rule.js';

const bare = restrictedPod({ containers: [{ name: 'app', image: 'a:1', securityContext: { capabilities: { drop: ['ALL'] } } }] });
const windows = restrictedPod({ os: { name: 'windows' }, containers: [{ name: 'app', image: 'a:1' }] });

ruleTester.run(rule, {
  valid: [
    restrictedPod(),
    { name: 'not checked before v1.8', input: bare, settings: { pssVersion: 'v1.7' } },
    { name: 'Windows pods are exempt from v1.25', input: windows, settings: { pssVersion: 'v1.25' } },
    { name: 'baseline namespace', input: bare, with: [namespace({ enforce: 'baseline' })] },
  ],
  invalid: [
    {
      input: bare,
      errors: [
        {
          messageId: 'enforce',
          path: 'spec.containers[0].securityContext.allowPrivilegeEscalation',
          message: 'allowPrivilegeEscalation != false (container "app" must set securityContext.allowPrivilegeEscalation=false)',
        },
      ],
    },
    { name: 'Windows pods before v1.25', input: windows, settings: { pssVersion: 'v1.24' }, errors: [{ messageId: 'enforce', path: 'spec.containers[0].securityContext.allowPrivilegeEscalation' }] },
    {
      name: 'enforce baseline, warn restricted at a pinned version',
      input: bare,
      with: [namespace({ enforce: 'baseline', warn: 'restricted', 'warn-version': 'v1.30' })],
      errors: [{ messageId: 'warn', status: 'warn', message: 'would violate PodSecurity "restricted:v1.30" (warn label)' }],
    },
    {
      name: 'audit label',
      input: bare,
      with: [namespace({ enforce: 'baseline', audit: 'restricted' })],
      errors: [{ messageId: 'warn', status: 'warn', message: '(audit label)' }],
    },
  ],
});
