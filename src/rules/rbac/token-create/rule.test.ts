import { expect, it } from 'vitest';
import { ruleTester } from '../../../testing/vitest.js';
import { clusterRole, crb, rb, rule as r, severities, user } from '../fixtures/index.js';
import rule from './rule.js';

const minter = (names?: string[]) => clusterRole('x', [r([''], ['serviceaccounts/token'], ['create'], names)]);

ruleTester.run(rule, {
  valid: [
    { input: clusterRole('x', [r([''], ['serviceaccounts'], ['create'])]), with: [crb('b', 'x', [user('u')])] },
    // `serviceaccounts` does not match the token subresource, `*/token` does (below).
    { input: clusterRole('x', [r([''], ['serviceaccounts'], ['*'])]), with: [crb('b', 'x', [user('u')])] },
    { name: 'bound to nobody (rbac-unused-role)', input: minter() },
  ],
  invalid: [
    { input: minter(), with: [crb('b', 'x', [user('u')])], errors: [{ messageId: 'role', path: 'rules[0]', message: 'cluster-wide' }] },
    { name: 'a subresource wildcard', input: clusterRole('x', [r([''], ['*/token'], ['create'])]), with: [crb('b', 'x', [user('u')])], errors: [{ messageId: 'role', message: 'create serviceaccounts/token (through *)' }] },
    // A token request names the account in its URL, so resourceNames do limit it (calico's shape).
    { name: 'one named account', input: minter(['calico-cni-plugin']), with: [crb('b', 'x', [user('u')])], errors: [{ messageId: 'role', message: 'named calico-cni-plugin' }] },
    { name: 'in one namespace', input: minter(), with: [rb('team', 'b', 'ClusterRole', 'x', [user('u')])], errors: [{ messageId: 'role', message: 'in namespace team' }] },
  ],
});

it('rbac-token-create: critical cluster-wide, high in a namespace, medium for named accounts', () => {
  expect(severities(rule, { input: minter(), with: [crb('b', 'x', [user('u')])] })).toEqual(['critical']);
  expect(severities(rule, { input: minter(), with: [rb('team', 'b', 'ClusterRole', 'x', [user('u')])] })).toEqual(['high']);
  expect(severities(rule, { input: minter(['one']), with: [crb('b', 'x', [user('u')])] })).toEqual(['medium']);
});
