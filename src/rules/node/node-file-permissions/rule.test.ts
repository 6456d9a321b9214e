import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { canonicalTree, runNodeRules, sharedDir } from '../../../testing/node-fixture.js';
import rule from './rule.js';

const isRoot = process.getuid?.() === 0;

describe.skipIf(!sharedDir())('node-file-permissions', () => {
  it('passes the modes k8sd writes and fails a kubeconfig opened to the group', async () => {
    const root = canonicalTree('node-default');
    fs.chmodSync(path.join(root, 'etc/kubernetes/admin.conf'), 0o640);
    const findings = await runNodeRules(root, [rule]);
    const admin = findings.find((f) => f.properties?.checkId === '1.1.13')!;
    expect(admin).toMatchObject({ status: 'fail', severity: 'high', remediation: expect.stringContaining('sudo chmod 600 /etc/kubernetes/admin.conf') });
    expect(admin.evidence).toEqual({ files: [{ file: '/etc/kubernetes/admin.conf', mode: '640', owner: expect.any(String) }], expected: { mode: '600' } });
    expect(findings.find((f) => f.properties?.checkId === '1.1.21')).toMatchObject({ status: 'pass', message: expect.stringContaining('11 files checked') });
  });

  it.skipIf(!isRoot)('fails a PKI key owned by another user, naming the file', async () => {
    const root = canonicalTree('node-default');
    fs.chownSync(path.join(root, 'etc/kubernetes/pki/etcd/peer.key'), 1234, 1234);
    const f = (await runNodeRules(root, [rule])).find((x) => x.properties?.checkId === '1.1.19')!;
    expect(f.status).toBe('fail');
    expect(f.message).toContain('/etc/kubernetes/pki/etcd/peer.key is owned by 1234:1234');
  });

  it('is not applicable on a worker for control-plane files, and manual when the CNI has not written its files yet', async () => {
    const findings = await runNodeRules(canonicalTree('node-default-worker'), [rule]);
    const status = (id: string) => findings.find((f) => f.properties?.checkId === id)!.status;
    expect(status('1.1.1')).toBe('not-applicable');
    expect(status('1.1.9')).toBe('manual');
    expect(status('4.1.5')).toBe('pass');
  });

  it('checks every file under the etcd data directory for the STIG (files 644, folders 700)', async () => {
    const root = canonicalTree('node-disa-stig');
    const member = path.join(root, 'var/snap/k8s/common/var/lib/etcd/data/member');
    fs.mkdirSync(path.join(member, 'snap'), { recursive: true, mode: 0o700 });
    fs.chmodSync(path.join(root, 'var/snap/k8s/common/var/lib/etcd/data'), 0o700);
    fs.chmodSync(member, 0o700);
    fs.chmodSync(path.join(member, 'snap'), 0o700);
    fs.writeFileSync(path.join(member, 'snap/db'), 'x', { mode: 0o600 });
    const pass = (await runNodeRules(root, [rule], { benchmark: 'stig' })).find((f) => f.properties?.checkId === 'V-242459')!;
    expect(pass).toMatchObject({ status: 'pass', message: expect.stringContaining('5 files checked') });
    fs.chmodSync(path.join(member, 'snap/db'), 0o666);
    fs.chmodSync(path.join(member, 'snap'), 0o755);
    const fail = (await runNodeRules(root, [rule], { benchmark: 'stig' })).find((f) => f.properties?.checkId === 'V-242459')!;
    expect(fail.status).toBe('fail');
    expect(fail.message).toContain('/var/snap/k8s/common/var/lib/etcd/data/member/snap is mode 755');
    expect(fail.message).toContain('/var/snap/k8s/common/var/lib/etcd/data/member/snap/db is mode 666');
    expect(fail.remediation).toContain('sudo chmod 700 /var/snap/k8s/common/var/lib/etcd/data/member/snap');
    expect(fail.remediation).toContain('sudo chmod 644 /var/snap/k8s/common/var/lib/etcd/data/member/snap/db');
  });
});
