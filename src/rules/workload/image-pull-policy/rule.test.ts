import { pod, ruleTester } from '../../../testing/vitest.js';
import rule from './rule.js';

ruleTester.run(rule, {
  valid: [
    { name: 'latest defaults to Always', input: pod({ containers: [{ name: 'a', image: 'nginx:latest' }] }) },
    pod({ containers: [{ name: 'a', image: 'nginx', imagePullPolicy: 'Always' }] }),
    { name: 'a version tag is judged by image-not-pinned-by-digest', input: pod({ containers: [{ name: 'a', image: 'nginx:1.27', imagePullPolicy: 'IfNotPresent' }] }) },
    { name: 'a digest is immutable', input: pod({ containers: [{ name: 'a', image: 'nginx:latest@sha256:abcd', imagePullPolicy: 'IfNotPresent' }] }) },
  ],
  invalid: [
    {
      input: pod({ containers: [{ name: 'a', image: 'nginx:latest', imagePullPolicy: 'IfNotPresent' }] }),
      errors: [{ messageId: 'cached', path: 'spec.containers[0].imagePullPolicy', message: 'IfNotPresent' }],
    },
    {
      input: pod({ containers: [{ name: 'a', image: 'localhost:5000/app', imagePullPolicy: 'Never' }] }),
      errors: [{ messageId: 'cached', path: 'spec.containers[0].imagePullPolicy', message: 'Never' }],
    },
  ],
});
