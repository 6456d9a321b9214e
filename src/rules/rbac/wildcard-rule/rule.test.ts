import { expect, it } from 'vitest';
import { ruleTester } from '../../../testing/vitest.js';
import { clusterRole, role, rule as r, severities } from '../fixtures/index.js';
import rule from './rule.js';

ruleTester.run(rule, {
  valid: [clusterRole('x', [r([''], ['pods'], ['get'])]), { name: '`pods/*` is not a wildcard (it names a subresource called *)', input: clusterRole('x', [r([''], ['pods/*'], ['get'])]) }],
  invalid: [
    { input: clusterRole('x', [r([''], ['pods'], ['get']), r(['apps'], ['*'], ['get'])]), errors: [{ messageId: 'wildcard', path: 'rules[1].resources', message: 'resources' }] },
    { input: clusterRole('x', [r(['*'], ['*'], ['*'])]), errors: [{ messageId: 'wildcard', path: 'rules[0].verbs', message: 'verbs, resources, apiGroups, which allows everything' }] },
    { name: 'unbound roles are judged too (the day they are bound)', input: role('a', 'x', [r([''], ['*'], ['get'])]), errors: [{ messageId: 'wildcard', message: '(it reaches: pods-exec, secrets-read)' }] },
    { input: clusterRole('x', [{ nonResourceURLs: ['*'], verbs: ['get'] }]), errors: [{ messageId: 'wildcard', path: 'rules[0].nonResourceURLs' }] },
  ],
});

it('rbac-wildcard-rule: severity follows what the wildcard reaches', () => {
  expect(severities(rule, { input: clusterRole('x', [r(['*'], ['*'], ['*'])]) })).toEqual(['high']);
  // get on every core resource reads Secrets.
  expect(severities(rule, { input: clusterRole('x', [r([''], ['*'], ['get'])]) })).toEqual(['medium']);
  // every verb on an operator's own CRD group: reported, low.
  expect(severities(rule, { input: clusterRole('x', [r(['monitoring.coreos.com'], ['*'], ['*'])]) })).toEqual(['low']);
  // named objects only.
  expect(severities(rule, { input: clusterRole('x', [r(['*'], ['*'], ['*'], ['one'])]) })).toEqual(['medium']);
});
