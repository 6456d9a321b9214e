import { ruleTester } from '../../../testing/vitest.js';
import { clusterRole, crb, rule as r, user } from '../fixtures/index.js';
import rule from './rule.js';

ruleTester.run(rule, {
  valid: [
    { input: clusterRole('x', [r([''], ['pods'], ['get'])]), with: [crb('b', 'x', [user('u')])] },
    clusterRole('x', [r([''], ['pods'], ['get'])], { metadata: { name: 'x', labels: { 'rbac.authorization.k8s.io/aggregate-to-view': 'true' } } }),
  ],
  invalid: [{ input: clusterRole('x', [r([''], ['pods'], ['get'])]), errors: [{ messageId: 'unused', path: 'metadata.name' }] }],
});
