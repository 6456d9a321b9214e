import { ruleTester } from '../../../testing/vitest.js';
import { clusterRole, rule as r } from '../fixtures/index.js';
import rule from './rule.js';

ruleTester.run(rule, {
  valid: [clusterRole('x', [r([''], ['pods'], ['get'])])],
  invalid: [
    { input: clusterRole('x', [r([''], ['pods'], ['get']), r(['apps'], ['*'], ['get'])]), errors: [{ messageId: 'wildcard', path: 'rules[1].resources', message: 'resources' }] },
    { input: clusterRole('x', [r(['*'], ['*'], ['*'])]), errors: [{ messageId: 'wildcard', path: 'rules[0].verbs', message: 'verbs, resources, apiGroups' }] },
  ],
});
