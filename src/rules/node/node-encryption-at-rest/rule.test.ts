import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { canonicalTree, runNodeRules, sharedDir } from '../../../testing/node-fixture.js';
import rule from './rule.js';

const ENC = 'var/snap/k8s/common/etc/encryption/enc.yaml';
const config = (providers: string) => `apiVersion: apiserver.config.k8s.io/v1\nkind: EncryptionConfiguration\nresources:\n- resources: ["secrets"]\n  providers:\n${providers}`;

async function verdict(providers: string | undefined, mode = 0o600) {
  const root = canonicalTree('node-cis-hardened');
  if (providers !== undefined) fs.writeFileSync(path.join(root, ENC), providers);
  fs.chmodSync(path.join(root, ENC), mode);
  const findings = await runNodeRules(root, [rule]);
  return Object.fromEntries(findings.map((f) => [f.messageId, f]));
}

describe.skipIf(!sharedDir())('node-encryption-at-rest', () => {
  it('fails identity first, passes secretbox and KMS v2, warns on KMS v1 and aesgcm', async () => {
    expect((await verdict(config('  - identity: {}\n  - aescbc: {keys: [{name: k, secret: c2VjcmV0}]}\n')))['encryption-providers']!.status).toBe('fail');
    expect((await verdict(config('  - secretbox: {keys: [{name: k, secret: c2VjcmV0}]}\n  - identity: {}\n')))['encryption-providers']!.status).toBe('pass');
    expect((await verdict(config('  - kms: {apiVersion: v2, name: vault, endpoint: unix:///kms.sock}\n')))['encryption-providers']!.status).toBe('pass');
    expect((await verdict(config('  - kms: {name: vault, endpoint: unix:///kms.sock}\n')))['encryption-providers']!.status).toBe('warn');
    const aesgcm = (await verdict(undefined))['encryption-providers']!;
    expect(aesgcm.status).toBe('warn');
    expect(JSON.stringify(aesgcm)).not.toContain('AAECAwQF');
  });

  it('fails a configuration that does not cover secrets, and one readable by others', async () => {
    const v = await verdict('apiVersion: apiserver.config.k8s.io/v1\nkind: EncryptionConfiguration\nresources:\n- resources: ["configmaps"]\n  providers:\n  - aescbc: {keys: [{name: k, secret: c2VjcmV0}]}\n', 0o644);
    expect(v['encryption-providers']!.message).toContain('has no provider for secrets');
    expect(v['encryption-config-mode']).toMatchObject({ status: 'fail', remediation: expect.stringContaining(`sudo chmod 600 /${ENC}`) });
  });

  it('reports a file that is not an EncryptionConfiguration as an error', async () => {
    expect((await verdict('kind: Something\n'))['encryption-providers']!.status).toBe('error');
  });

  it('fails a node without encryption and is not applicable on a worker', async () => {
    const def = await runNodeRules(canonicalTree('node-default'), [rule]);
    expect(def.map((f) => `${f.properties!.checkId}:${f.status}`).sort()).toEqual(['1.2.29:fail', '1.2.30:fail']);
    const worker = await runNodeRules(canonicalTree('node-default-worker'), [rule]);
    expect(worker.map((f) => f.status)).toEqual(['not-applicable', 'not-applicable']);
  });
});
