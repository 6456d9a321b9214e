import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { scanNode } from '../../scan-node.js';
import { layOutNodeTree, sharedDir } from '../../testing/node-fixture.js';
import type { Finding } from '../../core/types.js';

/**
 * Verdicts node by node on the Canonical Kubernetes trees of ../shared/corpus/canonical-k8s (traced
 * to the snap's sources) and the kubeadm dump of ../shared/corpus/kubeadm-node. The expectations
 * come from the hardening guide (what it exists to fix) and cis-audit.md / disa-stig-audit.md.
 */

const shared = sharedDir();
const NOW = new Date('2027-06-01T00:00:00Z'); // the test PKI is valid from 2026-11-27 to 2036
const roots = new Map<string, string>();
function rootOf(tree: string): string {
  if (!roots.has(tree)) roots.set(tree, layOutNodeTree(path.join(shared!, 'corpus/canonical-k8s', tree)));
  return roots.get(tree)!;
}

function verdicts(root: string, benchmark?: 'cis-ck8s' | 'cis-kubeadm' | 'stig') {
  const report = scanNode(root, { benchmark, settings: { now: NOW } });
  const bench = report.findings.filter((f) => f.properties?.benchmark !== 'rampart');
  const byId = new Map<string, Finding>();
  for (const f of bench) byId.set(String(f.properties!.checkId), f);
  const ids = (status: string) => bench.filter((f) => f.status === status).map((f) => String(f.properties!.checkId)).sort(byCheckId);
  return { report, byId, ids, status: (id: string) => byId.get(id)?.status };
}

function byCheckId(a: string, b: string): number {
  const pa = a.split(/[.-]/).map((x) => Number(x) || 0);
  const pb = b.split(/[.-]/).map((x) => Number(x) || 0);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) if ((pa[i] ?? 0) !== (pb[i] ?? 0)) return (pa[i] ?? 0) - (pb[i] ?? 0);
  return 0;
}

/** What the hardening guide changes: these fail on the default node and pass once it is applied. */
const GUIDE_FIXES = ['1.2.9', '1.2.11', '1.2.18', '1.2.19', '1.2.20', '1.2.21', '1.2.29', '1.2.30', '1.3.7', '1.4.2', '3.2.1', '4.1.1', '4.2.6'];

describe.skipIf(!shared)('CIS Canonical Kubernetes (cis-ck8s) verdicts', () => {
  it('node-default fails exactly what the hardening guide fixes and passes what the snap sets by default', () => {
    const v = verdicts(rootOf('node-default'));
    expect(v.ids('fail')).toEqual(GUIDE_FIXES);
    for (const id of ['1.1.1', '1.1.2', '1.1.7', '1.1.11', '1.1.13', '1.1.19', '1.1.20', '1.1.21', '1.2.1', '1.2.2', '1.2.6', '1.2.7', '1.2.8', '1.2.15', '1.2.16', '1.2.17', '1.2.26', '1.2.31', '1.3.2', '1.3.3', '1.4.1', '2.1', '2.2', '2.3', '2.4', '2.5', '2.6', '4.1.5', '4.2.1', '4.2.2', '4.2.4', '4.2.5', '4.2.13']) {
      expect(v.status(id), id).toBe('pass');
    }
    expect(v.ids('manual')).toEqual(['1.1.9', '1.1.10', '1.2.12', '1.2.22', '3.1.1', '3.2.2']);
    expect(v.ids('error')).toEqual([]);
  });

  it('points each failing flag at its args file, with the value found and a snap remediation', () => {
    const v = verdicts(rootOf('node-default'));
    const bind = v.byId.get('1.3.7')!;
    expect(bind.evidence).toMatchObject({ component: 'kube-controller-manager', flag: '--bind-address', actual: '0.0.0.0', source: 'default', expected: 'eq 127.0.0.1' });
    expect(bind.location.file).toBe(path.join(rootOf('node-default'), 'var/snap/k8s/common/args/kube-controller-manager'));
    expect(bind.remediation).toContain('sudo snap restart k8s.kube-controller-manager');
    expect(bind.properties).toMatchObject({ benchmark: 'cis-ck8s', checkId: '1.3.7', stig: ['V-242385'] });
    const anon = v.byId.get('1.2.1')!;
    expect(anon.location.line).toBe(3);
    expect(anon.evidence).toMatchObject({ actual: 'false', source: 'args-file', line: 3 });
  });

  it('node-cis-hardened passes everything the guide fixes; aesgcm is a warning, not a pass', () => {
    const v = verdicts(rootOf('node-cis-hardened'));
    expect(v.ids('fail')).toEqual([]);
    expect(v.ids('warn')).toEqual(['1.2.30']);
    for (const id of GUIDE_FIXES.filter((id) => id !== '1.2.30')) expect(v.status(id), id).toBe('pass');
    // The appended line is found after the quoted ones.
    expect(v.byId.get('1.2.29')!.location.line).toBe(34);
  });

  it('node-disa-stig is not CIS-hardened: no encryption, no EventRateLimit/AlwaysPullImages, a unit file left 644, secrets logged in full', () => {
    const v = verdicts(rootOf('node-disa-stig'));
    expect(v.ids('fail')).toEqual(['1.2.9', '1.2.11', '1.2.29', '1.2.30', '3.2.2', '4.1.1']);
    expect(v.byId.get('3.2.2')!.message).toMatch(/RequestResponse/);
  });

  it('node-hardened fails only the audit policy that logs secret values', () => {
    const v = verdicts(rootOf('node-hardened'));
    expect(v.ids('fail')).toEqual(['3.2.2']);
    expect(v.ids('warn')).toEqual(['1.2.30']);
  });

  it('node-default-worker: control-plane checks are not applicable, the kubelet is judged', () => {
    const v = verdicts(rootOf('node-default-worker'));
    expect(v.ids('fail')).toEqual(['4.1.1', '4.2.6']);
    for (const id of ['1.1.1', '1.2.1', '1.3.7', '1.4.2', '2.1', '3.2.1', '1.2.29']) expect(v.status(id), id).toBe('not-applicable');
    for (const id of ['4.1.5', '4.2.1', '4.2.4']) expect(v.status(id), id).toBe('pass');
  });
});

describe.skipIf(!shared)('legacy k8s-dqlite datastore', () => {
  it('judges the dqlite files and leaves the etcd-only checks not applicable', () => {
    const root = layOutNodeTree(path.join(shared!, 'corpus/canonical-k8s/node-default'));
    const legacy = path.join(shared!, 'corpus/canonical-k8s/legacy-k8s-dqlite-datastore');
    fs.cpSync(legacy, root, { recursive: true });
    fs.rmSync(path.join(root, 'var/snap/k8s/common/args/etcd'));
    for (const f of ['var/snap/k8s/common/args/k8s-dqlite', 'var/snap/k8s/common/args/kube-apiserver']) fs.chmodSync(path.join(root, f), 0o600);
    fs.chmodSync(path.join(root, 'var/snap/k8s/common/var/lib/k8s-dqlite'), 0o700);
    const v = verdicts(root);
    expect(v.report.context).toMatchObject({ datastore: 'k8s-dqlite' });
    for (const id of ['1.2.25', '1.2.28', '2.1', '2.2', '2.7']) expect(v.status(id), id).toBe('not-applicable');
    expect(v.byId.get('1.1.7')!.evidence).toMatchObject({ files: [{ file: '/var/snap/k8s/common/args/k8s-dqlite', mode: '600' }] });
    expect(v.status('1.1.11')).toBe('pass');
    expect(v.ids('fail')).toEqual(GUIDE_FIXES);
  });
});

describe.skipIf(!shared)('DISA STIG verdicts', () => {
  it('the STIG bootstrap file fixes what node-default lacks', () => {
    const def = verdicts(rootOf('node-default'), 'stig');
    expect(def.ids('fail')).toEqual(['V-242384', 'V-242385', 'V-242400', 'V-242402', 'V-242403', 'V-242434', 'V-242462', 'V-242463', 'V-242464', 'V-245541', 'V-254800']);
    expect(verdicts(rootOf('node-disa-stig'), 'stig').ids('fail')).toEqual([]);
    expect(verdicts(rootOf('node-hardened'), 'stig').ids('fail')).toEqual([]);
    // The CIS guide does not switch alpha features off.
    expect(verdicts(rootOf('node-cis-hardened'), 'stig').ids('fail')).toEqual(['V-242400']);
  });

  it('reports FIPS from the kernel flag, failing only under the STIG', () => {
    const f = (tree: string, b?: 'stig') => verdicts(rootOf(tree), b).report.findings.find((x) => x.ruleId === 'node-fips-mode')!.status;
    expect(f('node-disa-stig', 'stig')).toBe('pass');
    expect(f('node-default', 'stig')).toBe('manual'); // no /proc in that tree: unknown, not a pass
    const root = layOutNodeTree(path.join(shared!, 'corpus/canonical-k8s/node-default'));
    fs.mkdirSync(path.join(root, 'proc/sys/crypto'), { recursive: true });
    fs.writeFileSync(path.join(root, 'proc/sys/crypto/fips_enabled'), '0\n');
    expect(verdicts(root, 'stig').report.findings.find((x) => x.ruleId === 'node-fips-mode')!.status).toBe('fail');
  });
});

describe.skipIf(!shared)('CIS kubeadm (cis-kubeadm) on the v1.29 kubeadm dump', () => {
  const root = shared ? fs.mkdtempSync(path.join(os.tmpdir(), 'rampart-kubeadm-')) : '';
  if (shared) fs.cpSync(path.join(shared, 'corpus/kubeadm-node/v1.29-zetaoss'), root, { recursive: true });

  it('fails the kubeadm defaults the README lists, with static-pod remediation', () => {
    const v = verdicts(root);
    for (const id of ['1.2.1', '1.2.5', '1.2.15', '1.3.2', '1.4.1', '1.2.16', '1.2.17', '1.2.18', '1.2.19', '1.2.27', '1.2.28', '3.2.1']) expect(v.status(id), id).toBe('fail');
    for (const id of ['1.2.6', '1.2.7', '1.2.8', '1.2.14', '2.1', '2.2', '2.4', '2.5', '1.3.7', '1.4.2']) expect(v.status(id), id).toBe('pass');
    const profiling = v.byId.get('1.2.15')!;
    expect(profiling.evidence).toMatchObject({ actual: 'true', source: 'default' });
    expect(profiling.remediation).toMatch(/static pod manifest \/etc\/kubernetes\/manifests\/kube-apiserver.yaml/);
    // The kubelet config file named by the drop-in is not in the dump: an error, never a silent pass.
    expect(v.status('4.2.1')).toBe('error');
  });

  it('flags the expired leaf certificates and the CVEs of Kubernetes v1.29.0', () => {
    const { report } = verdicts(root);
    const expired = report.findings.filter((f) => f.messageId === 'expiry' && f.status === 'fail').map((f) => f.evidence!.file);
    expect(expired).toContain('/etc/kubernetes/pki/apiserver.crt');
    expect(report.findings.find((f) => f.messageId === 'expiry' && f.evidence!.file === '/etc/kubernetes/pki/ca.crt')!.status).toBe('pass');
    const cves = report.findings.filter((f) => f.ruleId === 'node-kubernetes-version-cves' && f.status === 'fail').map((f) => f.properties!.cve);
    expect(cves).toEqual(['CVE-2024-3177']);
  });
});
