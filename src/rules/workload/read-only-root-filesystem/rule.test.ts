import { pod, ruleTester } from '../../../testing/vitest.js';
import rule from './rule.js';

ruleTester.run(rule, {
  valid: [
    pod({ containers: [{ name: 'a', image: 'x:1', securityContext: { readOnlyRootFilesystem: true } }] }),
    { name: 'Windows pods are not checked', input: pod({ os: { name: 'windows' }, containers: [{ name: 'a', image: 'x:1' }] }) },
    {
      name: 'ephemeral debug containers are not checked',
      input: pod({ containers: [{ name: 'a', image: 'x:1', securityContext: { readOnlyRootFilesystem: true } }], ephemeralContainers: [{ name: 'd', image: 'busybox:1' }] }),
    },
  ],
  invalid: [
    {
      input: pod({
        initContainers: [{ name: 'i', image: 'x:1' }],
        containers: [
          { name: 'a', image: 'x:1', securityContext: { readOnlyRootFilesystem: false } },
          { name: 'b', image: 'x:1', securityContext: { runAsNonRoot: true } },
        ],
      }),
      errors: [
        { messageId: 'writable', path: 'spec.initContainers[0]' },
        { messageId: 'writable', path: 'spec.containers[0].securityContext.readOnlyRootFilesystem' },
        { messageId: 'writable', path: 'spec.containers[1].securityContext' },
      ],
    },
  ],
});
