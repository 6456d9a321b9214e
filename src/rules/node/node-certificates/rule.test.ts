import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { canonicalTree, runNodeRules, sharedDir } from '../../../testing/node-fixture.js';
import rule from './rule.js';

const pki = (name: string) => path.resolve(__dirname, '../../../../test/fixtures/node-pki', name);

describe.skipIf(!sharedDir())('node-certificates', () => {
  it('passes the test PKI and grades expiry by days left (fail under 30, warn under 90)', async () => {
    const root = canonicalTree('node-default');
    const at = async (now: string) => (await runNodeRules(root, [rule], { now: new Date(now) })).find((f) => f.messageId === 'expiry' && f.evidence!.file === '/etc/kubernetes/pki/apiserver.crt')!;
    expect((await at('2027-06-01T00:00:00Z')).status).toBe('pass');
    expect(await at('2036-09-20T00:00:00Z')).toMatchObject({ status: 'warn', severity: 'medium' });
    expect(await at('2036-11-10T00:00:00Z')).toMatchObject({ status: 'fail', severity: 'high' });
    const expired = await at('2037-01-01T00:00:00Z');
    expect(expired).toMatchObject({ status: 'fail', severity: 'critical', remediation: expect.stringContaining('k8s refresh-certs') });
  });

  it('fails a 1024-bit SHA-1 certificate used as the API server certificate, and its missing SANs', async () => {
    const root = canonicalTree('node-default');
    fs.copyFileSync(pki('weak.crt'), path.join(root, 'etc/kubernetes/pki/apiserver.crt'));
    fs.copyFileSync(pki('weak.key'), path.join(root, 'etc/kubernetes/pki/apiserver.key'));
    const findings = (await runNodeRules(root, [rule])).filter((f) => f.evidence?.file === '/etc/kubernetes/pki/apiserver.crt' || f.evidence?.file === '/etc/kubernetes/pki/apiserver.key');
    const by = Object.fromEntries(findings.map((f) => [f.messageId, f]));
    expect(by.strength).toMatchObject({ status: 'fail', message: expect.stringContaining('RSA key of 1024 bits (< 2048); weak signature sha1WithRSAEncryption') });
    expect(by['apiserver-sans']).toMatchObject({ status: 'fail', message: expect.stringContaining('missing DNS:kubernetes') });
    expect(by['key-strength']!.status).toBe('fail');
  });

  it('fails a CA file that holds a leaf certificate, and reports unparseable files as errors', async () => {
    const root = canonicalTree('node-default');
    fs.copyFileSync(pki('apiserver.crt'), path.join(root, 'etc/kubernetes/pki/client-ca.crt'));
    fs.writeFileSync(path.join(root, 'etc/kubernetes/pki/front-proxy-ca.crt'), 'REDACTED-NOT-REPRODUCED-BY-CORPUS-GATHERER\n');
    const findings = await runNodeRules(root, [rule]);
    expect(findings.find((f) => f.messageId === 'ca-constraints' && f.evidence!.file === '/etc/kubernetes/pki/client-ca.crt')).toMatchObject({ status: 'fail' });
    expect(findings.find((f) => f.messageId === 'unreadable')).toMatchObject({ status: 'error', evidence: { file: '/etc/kubernetes/pki/front-proxy-ca.crt' } });
  });
});
