import { describe, expect, it } from 'vitest';
import { deployment, pod, ruleTester } from '../../../testing/vitest.js';
import rule, { parseImageRef } from './rule.js';

ruleTester.run(rule, {
  valid: [
    pod({ containers: [{ name: 'a', image: 'nginx:1.27' }] }),
    pod({ containers: [{ name: 'a', image: 'nginx@sha256:0123' }] }),
    pod({ containers: [{ name: 'a', image: 'nginx:latest@sha256:0123' }] }),
    pod({ containers: [{ name: 'a', image: 'localhost:5000/app:v1' }] }),
  ],
  invalid: [
    {
      input: pod({ containers: [{ name: 'a', image: 'nginx:latest' }] }),
      errors: [{ messageId: 'latest', path: 'spec.containers[0].image', line: 9 }],
    },
    {
      input: deployment({ initContainers: [{ name: 'init', image: 'localhost:5000/busybox' }], containers: [{ name: 'a', image: 'x:1' }] }),
      errors: [{ messageId: 'untagged', path: 'spec.template.spec.initContainers[0].image' }],
    },
  ],
});

describe('parseImageRef', () => {
  it('does not take a registry port for a tag', () => {
    expect(parseImageRef('localhost:5000/app')).toEqual({ name: 'localhost:5000/app', tag: undefined, digest: undefined });
    expect(parseImageRef('r.io/a/b:1.2@sha256:ab')).toEqual({ name: 'r.io/a/b', tag: '1.2', digest: 'sha256:ab' });
  });
});
