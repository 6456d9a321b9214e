import { deployment, pod, ruleTester } from '../../../testing/vitest.js';
import rule from './rule.js';

ruleTester.run(rule, {
  valid: [
    pod({ securityContext: { runAsUser: 1000, runAsGroup: 1000 }, containers: [{ name: 'a', image: 'x:1' }] }),
    { name: 'unset is for Pod Security runAsNonRoot to judge', input: pod({ containers: [{ name: 'a', image: 'x:1' }] }) },
    { name: 'every container overrides a pod-level 0', input: pod({ securityContext: { runAsUser: 0 }, containers: [{ name: 'a', image: 'x:1', securityContext: { runAsUser: 1000 } }] }) },
    { name: 'Windows pods are not checked', input: pod({ os: { name: 'windows' }, securityContext: { runAsUser: 0 }, containers: [{ name: 'a', image: 'x:1' }] }) },
  ],
  invalid: [
    {
      input: pod({ containers: [{ name: 'a', image: 'x:1', securityContext: { runAsUser: 0, runAsGroup: 0 } }] }),
      errors: [
        { messageId: 'containerUser', path: 'spec.containers[0].securityContext.runAsUser' },
        { messageId: 'containerGroup', path: 'spec.containers[0].securityContext.runAsGroup' },
      ],
    },
    {
      name: 'a pod-level 0 is reported once, naming the containers that inherit it',
      input: deployment({
        securityContext: { runAsUser: 0, runAsGroup: 0 },
        containers: [
          { name: 'a', image: 'x:1' },
          { name: 'b', image: 'x:1', securityContext: { runAsUser: 1000 } },
          { name: 'c', image: 'x:1' },
        ],
      }),
      errors: [
        { messageId: 'podUser', path: 'spec.template.spec.securityContext.runAsUser', message: '"a", "c"' },
        { messageId: 'podGroup', path: 'spec.template.spec.securityContext.runAsGroup', message: '"a", "b", "c"' },
      ],
    },
    {
      name: 'a container 0 overrides a safe pod value',
      input: pod({ securityContext: { runAsUser: 1000 }, containers: [{ name: 'a', image: 'x:1', securityContext: { runAsUser: 0 } }] }),
      errors: [{ messageId: 'containerUser', path: 'spec.containers[0].securityContext.runAsUser' }],
    },
  ],
});
