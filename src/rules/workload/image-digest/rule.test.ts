import { pod, ruleTester } from '../../../testing/vitest.js';
import rule from './rule.js';

const digest = 'sha256:4f9a1c0b8e7d6a5f4e3d2c1b0a9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c3b2a19';

ruleTester.run(rule, {
  valid: [pod({ containers: [{ name: 'a', image: `nginx:1.27@${digest}` }] }), pod({ containers: [{ name: 'a', image: `registry.example.com:5000/nginx@${digest}` }] })],
  invalid: [
    {
      input: pod({ containers: [{ name: 'a', image: 'nginx:1.27' }], initContainers: [{ name: 'i', image: 'busybox' }] }),
      errors: [
        { messageId: 'tag', path: 'spec.containers[0].image', line: 9 },
        { messageId: 'tag', path: 'spec.initContainers[0].image', line: 12 },
      ],
    },
  ],
});
