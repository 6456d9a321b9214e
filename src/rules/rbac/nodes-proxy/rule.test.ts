import { ruleTester } from '../../../testing/vitest.js';
import { clusterRole, crb, rule as r, user } from '../fixtures/index.js';
import rule from './rule.js';

ruleTester.run(rule, {
  valid: [{ input: clusterRole('x', [r([''], ['nodes', 'nodes/metrics', 'nodes/stats'], ['get'])]), with: [crb('b', 'x', [user('u')])] }],
  invalid: [{ input: clusterRole('x', [r([''], ['nodes/proxy'], ['get'])]), with: [crb('b', 'x', [user('u')])], errors: [{ messageId: 'role', path: 'rules[0]', message: 'cluster-wide' }] }],
});
