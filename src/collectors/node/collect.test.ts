import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { layOutNodeTree, sharedDir } from '../../testing/node-fixture.js';
import { applySnapInfo, collectNode, NotANodeError, type NodeFacts, type SnapFacts } from './collect.js';

const shared = sharedDir();
const canonical = (t: string) => path.join(shared!, 'corpus/canonical-k8s', t);
const kubeadm = (t: string) => path.join(shared!, 'corpus/kubeadm-node', t);
const factsOf = (root: string, opts = {}) => collectNode(root, opts).resources[0]!.object as unknown as NodeFacts;

function copyTree(src: string): string {
  const dest = fs.mkdtempSync(path.join(os.tmpdir(), 'rampart-kubeadm-'));
  fs.cpSync(src, dest, { recursive: true });
  return dest;
}

describe('collectNode: bad input', () => {
  it('says clearly when the root is not a node', () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'rampart-empty-'));
    expect(() => collectNode(empty)).toThrow(NotANodeError);
    expect(() => collectNode(empty)).toThrow(/is not a Kubernetes node/);
    expect(() => collectNode(path.join(empty, 'missing'))).toThrow(/not found/);
  });
});

describe.skipIf(!shared)('collectNode on Canonical Kubernetes trees (../shared/corpus/canonical-k8s)', () => {
  it('detects the snap, the control-plane role and the etcd datastore, with flags and their lines', () => {
    const inv = collectNode(layOutNodeTree(canonical('node-default')));
    const f = inv.resources[0]!.object as unknown as NodeFacts;
    expect([f.distribution, f.role, f.datastore, f.benchmark]).toEqual(['canonical-k8s', 'control-plane', 'etcd', 'cis-ck8s']);
    expect(f.components['kube-apiserver']!.flags['--profiling']).toEqual({ value: 'false', source: 'args-file', file: '/var/snap/k8s/common/args/kube-apiserver', line: 16 });
    // Not set by the snap: the Kubernetes default applies.
    expect(f.components['kube-controller-manager']!.flags['--bind-address']).toEqual({ value: '0.0.0.0', source: 'default' });
    expect(f.components.kubelet!.flags['--read-only-port']!.value).toBe('0');
    const api = inv.resources.find((r) => r.kind === 'NodeComponentConfig' && r.name === 'kube-apiserver')!;
    expect(api.locate!(['flags', '--tls-min-version'])).toEqual({ line: 32, column: 1 });
    expect(f.files['/var/snap/k8s/common/args/kube-apiserver']).toMatchObject({ exists: true, mode: '600', uid: 0 });
    expect(f.encryption).toEqual({ configured: false });
    expect(f.audit).toEqual({});
    expect(f.fips).toEqual({});
  });

  it('reads a worker: no control-plane component, kubelet and proxy only', () => {
    const f = factsOf(layOutNodeTree(canonical('node-default-worker')));
    expect(f.role).toBe('worker');
    expect(f.datastore).toBeUndefined();
    expect(Object.keys(f.components).sort()).toEqual(['containerd', 'kube-proxy', 'kubelet']);
  });

  it('reads the hardening: appended lines, the EncryptionConfiguration, the audit policy and FIPS', () => {
    const f = factsOf(layOutNodeTree(canonical('node-hardened')));
    expect(f.components['kube-apiserver']!.flags['--encryption-provider-config']).toMatchObject({ value: '/var/snap/k8s/common/etc/encryption/enc.yaml', line: 41 });
    expect(f.encryption.secretsProviders).toEqual(['aesgcm', 'identity']);
    expect(JSON.stringify(f.encryption)).not.toContain('AAECAwQF'); // the key never leaves the file
    expect(f.audit).toMatchObject({ policyFile: '/var/snap/k8s/common/etc/configurations/audit-policy.yaml', secretsLevel: 'RequestResponse' });
    expect(f.fips).toEqual({ kernel: true, source: '/proc/sys/crypto/fips_enabled' });
    expect(f.files['/etc/systemd/system/snap.k8s.kubelet.service']!.mode).toBe('600');
    const cis = factsOf(layOutNodeTree(canonical('node-cis-hardened')));
    expect(cis.audit.secretsLevel).toBe('Metadata');
  });

  it('does not hang on a FIFO where a file should be', () => {
    const root = layOutNodeTree(canonical('node-default'));
    const file = path.join(root, 'var/snap/k8s/common/args/kube-proxy');
    fs.rmSync(file);
    execFileSync('mkfifo', [file]);
    expect(factsOf(root).components['kube-proxy']!.error).toBe('not a regular file');
  });

  it('turns malformed args lines, unreadable files and broken YAML into diagnostics and errors', () => {
    const root = layOutNodeTree(canonical('node-cis-hardened'));
    fs.appendFileSync(path.join(root, 'var/snap/k8s/common/args/kube-scheduler'), 'garbage without dashes\n');
    fs.writeFileSync(path.join(root, 'var/snap/k8s/common/etc/encryption/enc.yaml'), 'kind: EncryptionConfiguration\nresources: [\n');
    fs.writeFileSync(path.join(root, 'etc/kubernetes/pki/front-proxy-ca.crt'), 'REDACTED');
    // A folder where a file should be cannot be read, whoever runs the test.
    fs.rmSync(path.join(root, 'var/snap/k8s/common/args/kube-proxy'));
    fs.mkdirSync(path.join(root, 'var/snap/k8s/common/args/kube-proxy'));
    const inv = collectNode(root);
    const f = inv.resources[0]!.object as unknown as NodeFacts;
    expect(inv.diagnostics.map((d) => d.code)).toEqual(expect.arrayContaining(['node-args-syntax', 'node-file-unreadable']));
    expect(inv.diagnostics.find((d) => d.code === 'node-args-syntax')!.line).toBe(9);
    expect(f.components['kube-proxy']!.error).toBe('is a directory');
    expect(f.encryption.error).toMatch(/YAML does not parse/);
    expect(f.components['kube-scheduler']!.flags['--bind-address']!.value).toBe('127.0.0.1');
    expect(f.certificates.find((c) => c.file.endsWith('front-proxy-ca.crt'))).toEqual({ file: '/etc/kubernetes/pki/front-proxy-ca.crt', error: 'certificate does not parse: no PEM certificate in the file' });
  });
});

describe.skipIf(!shared)('collectNode on kubeadm trees (../shared/corpus/kubeadm-node)', () => {
  it('reads static pod manifests with the line of each flag, the version from the image, and the real certificates', () => {
    const inv = collectNode(copyTree(kubeadm('v1.29-zetaoss')));
    const f = inv.resources[0]!.object as unknown as NodeFacts;
    expect([f.distribution, f.role, f.datastore, f.benchmark]).toEqual(['kubeadm', 'control-plane', 'etcd', 'cis-kubeadm']);
    expect(f.components['kube-apiserver']!.flags['--authorization-mode']).toMatchObject({ value: 'Node,RBAC', source: 'manifest', line: 18 });
    expect(f.kubernetesVersion).toMatchObject({ version: 'v1.29.0' });
    const api = inv.resources.find((r) => r.kind === 'NodeComponentConfig' && r.name === 'kube-apiserver')!;
    expect(api.locate!(['flags', '--enable-admission-plugins'])!.line).toBe(20);
    const apiCert = f.certificates.find((c) => c.file === '/etc/kubernetes/pki/apiserver.crt') as any;
    expect(apiCert).toMatchObject({ keyType: 'rsa', keyBits: 2048, signatureAlgorithm: 'sha256WithRSAEncryption', notAfter: '2025-02-03T07:54:33.000Z' });
    expect(apiCert.subjectAltNames).toContain('DNS:kubernetes.default.svc');
    // The drop-in names --config, whose file is not in this dump: reported, not guessed.
    expect(f.components.kubelet!.flags['--config']).toMatchObject({ value: '/var/lib/kubelet/config.yaml', source: 'kubelet-flags' });
    expect(f.components.kubelet!.error).toMatch(/config.yaml: not found/);
  });

  it('applies the kubelet precedence: flag over config file over default', () => {
    const root = copyTree(kubeadm('v1.29-zetaoss'));
    fs.mkdirSync(path.join(root, 'var/lib/kubelet'), { recursive: true });
    fs.copyFileSync(kubeadm('v1.25-sallyom-otel/var/lib/kubelet/config.yaml'), path.join(root, 'var/lib/kubelet/config.yaml'));
    fs.writeFileSync(path.join(root, 'etc/default/kubelet'), 'KUBELET_EXTRA_ARGS=--streaming-connection-idle-timeout=5m\n');
    const k = factsOf(root).components.kubelet!;
    expect(k.flags['--streaming-connection-idle-timeout']).toMatchObject({ value: '5m', source: 'kubelet-flags', file: '/etc/default/kubelet', line: 1 });
    expect(k.flags['--anonymous-auth']).toMatchObject({ value: 'false', source: 'config-file', file: '/var/lib/kubelet/config.yaml', line: 4 });
    expect(k.flags['--rotate-certificates']).toMatchObject({ value: 'true', source: 'config-file' });
    // With a config file the file defaults apply: the read-only port is off.
    expect(k.flags['--read-only-port']).toEqual({ value: '0', source: 'default' });
    expect(k.flags['--protect-kernel-defaults']).toEqual({ value: 'false', source: 'default' });
  });

  it('reports a static pod manifest that does not parse and carries on', () => {
    const root = copyTree(kubeadm('v1.29-zetaoss'));
    fs.writeFileSync(path.join(root, 'etc/kubernetes/manifests/kube-scheduler.yaml'), 'apiVersion: v1\nkind: Pod\nspec: {containers: [\n');
    const inv = collectNode(root);
    const f = inv.resources[0]!.object as unknown as NodeFacts;
    expect(inv.diagnostics.some((d) => d.code === 'node-manifest-syntax' && d.file!.endsWith('kube-scheduler.yaml'))).toBe(true);
    expect(f.components['kube-scheduler']!.error).toBe('no Pod in the static pod manifest');
    expect(f.components['kube-apiserver']!.flags['--profiling']).toEqual({ value: 'true', source: 'default' });
  });
});

describe('snap facts', () => {
  it('reads tracking, refresh date, hold and the installed revision from snap info output', () => {
    const snap: SnapFacts = {};
    applySnapInfo(
      snap,
      'name:      k8s\nsummary:   Canonical Kubernetes\ntracking:     1.32-classic/stable\nrefresh-date: 2026-10-02T09:14:11Z\nhold:         forever\nchannels:\n  1.32-classic/stable:    v1.32.9  2026-09-30 (4162) 127MB classic\ninstalled:          v1.32.9             (4162) 127MB classic,held\n',
    );
    expect(snap).toEqual({ tracking: '1.32-classic/stable', refreshDate: '2026-10-02T09:14:11Z', held: true, version: 'v1.32.9', revision: '4162', notes: 'classic,held', confinement: 'classic' });
  });
});

describe.skipIf(!shared)('running processes', () => {
  it('takes the flags of a running component over its file, keeping the file line when they agree', () => {
    const root = layOutNodeTree(canonical('node-default'));
    fs.mkdirSync(path.join(root, 'proc/4242'), { recursive: true });
    fs.writeFileSync(path.join(root, 'proc/4242/cmdline'), ['/snap/k8s/4162/bin/kube-apiserver', '--profiling=true', '--anonymous-auth=false', ''].join('\0'));
    const f = factsOf(root, { processes: true });
    expect(f.components['kube-apiserver']!.running).toBe(true);
    expect(f.components['kube-apiserver']!.flags['--profiling']).toEqual({ value: 'true', source: 'process', file: '/var/snap/k8s/common/args/kube-apiserver', line: undefined });
    expect(f.components['kube-apiserver']!.flags['--anonymous-auth']).toMatchObject({ value: 'false', source: 'process', line: 3 });
  });
});
