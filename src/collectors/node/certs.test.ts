import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { inspectCertificates, inspectKey, signatureAlgorithmOf } from './certs.js';
import { X509Certificate, createPrivateKey, generateKeyPairSync } from 'node:crypto';

const pki = (name: string) => readFileSync(path.resolve(__dirname, '../../../test/fixtures/node-pki', name), 'utf8');

describe('certificate facts', () => {
  it('reads key type, curve, SANs, CA flag and the signature algorithm from DER', () => {
    const [c] = inspectCertificates('/pki/apiserver.crt', pki('apiserver.crt'));
    expect(c).toMatchObject({ keyType: 'ec', curve: 'prime256v1', isCA: false, signatureAlgorithm: 'sha256WithRSAEncryption', issuer: 'CN=kubernetes-ca' });
    expect(c!.subjectAltNames).toContain('DNS:kubernetes.default.svc');
    expect(c!.subjectAltNames).toContain('IP Address:10.152.183.1');
    const [ca] = inspectCertificates('/pki/ca.crt', pki('ca.crt'));
    expect(ca).toMatchObject({ keyType: 'rsa', keyBits: 2048, isCA: true, selfSigned: true });
  });

  it('recognises a SHA-1 signature and a 1024-bit key', () => {
    const [w] = inspectCertificates('/pki/weak.crt', pki('weak.crt'));
    expect(w).toMatchObject({ keyBits: 1024, signatureAlgorithm: 'sha1WithRSAEncryption' });
    expect(signatureAlgorithmOf(new X509Certificate(pki('weak.crt')).raw)).toBe('sha1WithRSAEncryption');
  });

  it('reads every certificate of a bundle and refuses a file without one', () => {
    expect(inspectCertificates('/b.crt', pki('ca.crt') + pki('apiserver.crt')).map((c) => c.index)).toEqual([0, 1]);
    expect(() => inspectCertificates('/x.crt', 'REDACTED-NOT-REPRODUCED')).toThrow(/no PEM certificate/);
    expect(() => inspectCertificates('/x.crt', '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----')).toThrow();
  });

  it('describes keys without keeping the key material', () => {
    expect(inspectKey('/k', pki('weak.key'))).toEqual({ file: '/k', keyType: 'rsa', keyBits: 1024, curve: undefined });
    expect(inspectKey('/k', pki('apiserver.key'))).toMatchObject({ keyType: 'ec', curve: 'prime256v1' });
    expect(inspectKey('/k', 'garbage')).toEqual({ file: '/k', error: 'not a readable private key' });
  });

  it('reads type and size from the DER of PKCS#8, PKCS#1 and SEC1 keys as OpenSSL does', () => {
    const cases = [
      generateKeyPairSync('rsa', { modulusLength: 1536 }).privateKey.export({ type: 'pkcs8', format: 'pem' }),
      generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs1', format: 'pem' }),
      generateKeyPairSync('ec', { namedCurve: 'secp384r1' }).privateKey.export({ type: 'sec1', format: 'pem' }),
      generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey.export({ type: 'pkcs8', format: 'pem' }),
      generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }),
    ].map(String);
    for (const pem of cases) {
      const k = createPrivateKey(pem);
      const d = k.asymmetricKeyDetails ?? {};
      const got = inspectKey('/k', pem);
      expect([got.keyType, got.keyBits, got.curve]).toEqual([k.asymmetricKeyType, d.modulusLength, d.namedCurve]);
    }
    const encrypted = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'x' });
    expect(inspectKey('/k', String(encrypted))).toEqual({ file: '/k', error: 'encrypted key (needs a passphrase)' });
  });
});
