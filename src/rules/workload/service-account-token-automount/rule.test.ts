import { describe, expect, it } from 'vitest';
import { deployment, pod, ruleTester } from '../../../testing/vitest.js';
import rule, { serviceAccountOf } from './rule.js';

const sa = (name: string, automount?: boolean, namespace = 'app') => ({
  apiVersion: 'v1',
  kind: 'ServiceAccount',
  metadata: { name, namespace },
  ...(automount === undefined ? {} : { automountServiceAccountToken: automount }),
});
const c = [{ name: 'a', image: 'x:1' }];

ruleTester.run(rule, {
  valid: [
    pod({ automountServiceAccountToken: false, containers: c }),
    { name: 'the ServiceAccount opts out and the pod leaves it unset', input: pod({ serviceAccountName: 'web', containers: c }), with: [sa('web', false)] },
    { name: 'the default ServiceAccount opts out', input: deployment({ containers: c }), with: [sa('default', false)] },
    { name: 'the pod field wins over the ServiceAccount', input: pod({ serviceAccountName: 'web', automountServiceAccountToken: false, containers: c }), with: [sa('web', true)] },
    { name: 'the deprecated serviceAccount field names the account', input: pod({ serviceAccount: 'legacy', containers: c }), with: [sa('legacy', false)] },
  ],
  invalid: [
    {
      input: pod({ containers: c }),
      errors: [{ messageId: 'unset', path: 'spec', message: '"default" is not part of the scan' }],
    },
    {
      name: 'pod true wins over a ServiceAccount that opts out',
      input: pod({ serviceAccountName: 'web', automountServiceAccountToken: true, containers: c }),
      with: [sa('web', false)],
      errors: [{ messageId: 'pod', path: 'spec.automountServiceAccountToken' }],
    },
    {
      name: 'the ServiceAccount in the scan does not opt out',
      input: deployment({ serviceAccountName: 'web', containers: c }),
      with: [sa('web')],
      errors: [{ messageId: 'serviceAccount', path: 'spec.template.spec.serviceAccountName' }],
    },
    {
      name: 'a ServiceAccount of the same name in another namespace does not count',
      input: pod({ serviceAccountName: 'web', containers: c }),
      with: [sa('web', false, 'other')],
      errors: [{ messageId: 'unset', path: 'spec.serviceAccountName' }],
    },
  ],
});

describe('serviceAccountOf', () => {
  it('prefers serviceAccountName, then serviceAccount, then default', () => {
    expect(serviceAccountOf({ serviceAccountName: 'a', serviceAccount: 'b' })).toBe('a');
    expect(serviceAccountOf({ serviceAccount: 'b' })).toBe('b');
    expect(serviceAccountOf({ serviceAccountName: '' })).toBe('default');
  });
});
