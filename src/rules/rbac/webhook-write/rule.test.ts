import { ruleTester } from '../../../testing/vitest.js';
import { clusterRole, crb, rule as r, user } from '../fixtures/index.js';
import rule from './rule.js';

ruleTester.run(rule, {
  valid: [{ input: clusterRole('x', [r(['admissionregistration.k8s.io'], ['mutatingwebhookconfigurations'], ['get', 'list', 'watch'])]), with: [crb('b', 'x', [user('u')])] }],
  invalid: [
    { input: clusterRole('x', [r(['admissionregistration.k8s.io'], ['validatingwebhookconfigurations', 'mutatingwebhookconfigurations'], ['patch'])]), with: [crb('b', 'x', [user('u')])], errors: [{ messageId: 'role', path: 'rules[0]' }] },
  ],
});
