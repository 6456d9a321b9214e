import { describe, expect, it } from 'vitest';
import { pod, ruleTester } from '../../../testing/vitest.js';
import rule from './rule.js';

ruleTester.run(rule, {
  valid: [
    pod({ containers: [{ name: 'a', image: 'x:1', resources: { limits: { cpu: '500m' } } }] }),
    {
      input: pod({ containers: [{ name: 'a', image: 'x:1' }] }),
      with: [{ apiVersion: 'v1', kind: 'LimitRange', metadata: { name: 'l', namespace: 'app' }, spec: { limits: [{ type: 'Container', default: { cpu: '1' } }] } }],
    },
  ],
  invalid: [
    {
      input: pod({ containers: [{ name: 'a', image: 'x:1', resources: { limits: { memory: '1Gi' } } }] }),
      errors: [{ messageId: 'missing', path: 'spec.containers[0].resources.limits' }],
    },
  ],
});

describe('container-cpu-limit', () => {
  it('is off by default and low severity (CPU limits throttle even on idle nodes)', () => {
    expect(rule.defaultEnabled).toBe(false);
    expect(rule.severity).toBe('low');
  });
});
