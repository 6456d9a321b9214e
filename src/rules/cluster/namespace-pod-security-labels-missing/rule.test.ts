import { ruleTester } from '../../../testing/vitest.js';
import { namespace } from '../shared/test-objects.js';
import rule from './rule.js';

ruleTester.run(rule, {
  valid: [namespace('app', { 'pod-security.kubernetes.io/enforce': 'restricted' }), namespace('kube-system', { 'pod-security.kubernetes.io/enforce': 'privileged' })],
  invalid: [
    { input: namespace('app'), errors: [{ messageId: 'missing', path: 'metadata', line: 3 }] },
    { input: namespace('app', { 'pod-security.kubernetes.io/warn': 'restricted', 'pod-security.kubernetes.io/audit': 'restricted' }), errors: [{ messageId: 'notEnforced', status: 'warn', message: 'only audits and warns about' }] },
  ],
});
