import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Finding } from '../../core/types.js';
import { evaluateInventory } from '../../scan.js';
import { collectManifests } from '../manifests/collect.js';
import { writeSnapshot } from '../snapshot/snapshot.js';
import { ClusterError, connect } from './client.js';
import { collectCluster } from './collect.js';
import { inventoryFromCollection } from './inventory.js';
import { ACCEPT_METADATA } from './lister.js';
import { loadRecording, RecordingTransport, saveRecording, serveRecording, type Recording, type ReplayServer } from './recorder.js';
import type { Collection } from './types.js';

/**
 * The live path against the API's wire format: a recording of List responses (continue tokens, a
 * 410 Expired token, 403 and 404 Status objects) served over HTTPS on 127.0.0.1 with a certificate
 * made here, reached through a kubeconfig with a bearer token, as `rampart cluster` would.
 */
const FIXTURE = path.join(path.dirname(new URL(import.meta.url).pathname), 'fixtures', 'eks-recording.json');
const TOKEN = 'rampart-test-token-0123456789';
const NOW = new Date('2026-11-27T08:00:00Z');

let dir: string;
let tls: { cert: string; key: string };
let recording: Recording;

function hasOpenssl(): boolean {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const opensslMissing = !hasOpenssl();
if (opensslMissing) console.warn('skipping the live cluster tests: the openssl command is needed to make a test certificate');

function kubeconfig(server: string, opts: { token?: string; ca?: boolean } = {}): string {
  const file = path.join(dir, `kubeconfig-${Math.random().toString(36).slice(2)}`);
  const ca = opts.ca === false ? '' : `    certificate-authority-data: ${Buffer.from(tls.cert).toString('base64')}\n`;
  writeFileSync(
    file,
    `apiVersion: v1
kind: Config
clusters:
- name: eks-test
  cluster:
    server: ${server}
${ca}contexts:
- name: eks-test
  context: {cluster: eks-test, user: rampart}
- name: other
  context: {cluster: eks-test, user: rampart}
current-context: eks-test
users:
- name: rampart
  user:
    token: ${opts.token ?? TOKEN}
`,
  );
  return file;
}

async function collectFrom(server: ReplayServer, extra: Partial<Parameters<typeof collectCluster>[0]> = {}): Promise<Collection> {
  const target = await connect({ kubeconfig: kubeconfig(server.url) });
  try {
    return await collectCluster({ transport: target.transport, cluster: { name: target.clusterName, context: target.context, server: target.server }, now: NOW, ...extra });
  } finally {
    target.transport.close();
  }
}

const comparable = (findings: Finding[]) => findings.map(({ source: _s, location: { file: _f, ...location }, ...f }) => ({ ...f, location }));

describe.skipIf(opensslMissing)('live cluster path (recorded API traffic over HTTPS)', () => {
  let server: ReplayServer;
  let collection: Collection;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'rampart-cluster-'));
    execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', path.join(dir, 'key.pem'), '-out', path.join(dir, 'cert.pem')], { stdio: 'ignore' });
    tls = { cert: readFileSync(path.join(dir, 'cert.pem'), 'utf8'), key: readFileSync(path.join(dir, 'key.pem'), 'utf8') };
    recording = await loadRecording(FIXTURE);
    server = await serveRecording(recording, tls, TOKEN);
    collection = await collectFrom(server);
  });

  afterAll(async () => {
    await server?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('authenticates with the kubeconfig token, verifies the server certificate, and pages with limit/continue', () => {
    const reqs = server.replayer.requests;
    expect(reqs.every((r) => r.authorization === `Bearer ${TOKEN}`)).toBe(true);
    const lists = reqs.filter((r) => !['/version', '/api', '/apis'].includes(r.path));
    expect(lists.every((r) => new URLSearchParams(r.path.split('?')[1]).get('limit') === '500')).toBe(true);
    const pods = collection.lists.find((l) => l.resource === 'pods')!;
    expect(pods.pages).toBe(2);
    expect(pods.items.map((p) => `${p.metadata.namespace}/${p.metadata.name}`)).toEqual([
      'app/web-7c9f8b6d5-x2x7q',
      'payments/api-5d4c3b2a1-k8s9z',
      'payments/worker-6f5e4d3c2-p0q1r',
      'kube-system/aws-node-8xk2p',
      'kube-system/debug-shell',
      'legacy/batch-84b7d9f6c-7mm2d',
    ]);
    expect(pods.items[0]).toMatchObject({ apiVersion: 'v1', kind: 'Pod' });
    expect(pods.items[0]!.metadata.managedFields).toBeUndefined();
  });

  it('lists again from the start when a continue token has expired (410)', () => {
    const deployments = collection.lists.find((l) => l.resource === 'deployments')!;
    expect(deployments.items.map((d) => d.metadata.name)).toEqual(['api', 'web', 'worker', 'batch']);
    expect(deployments.resourceVersion).toBe('123789');
    const paths = server.replayer.requests.map((r) => r.path).filter((p) => p.startsWith('/apis/apps/v1/deployments'));
    expect(paths).toHaveLength(4);
  });

  it('asks for Secrets as metadata only, so values never travel', () => {
    const secrets = server.replayer.requests.find((r) => r.path.startsWith('/api/v1/secrets'));
    expect(secrets?.accept).toBe(ACCEPT_METADATA);
  });

  it('records 403 and 404 per resource type, keeps reading the rest, and names the checks skipped', () => {
    expect(collection.forbidden.map((f) => `${f.resource} ${f.code} ${f.reason}`).sort()).toEqual([
      'clusterrolebindings.rbac.authorization.k8s.io 403 Forbidden',
      'cronjobs.batch 404 NotFound',
      'secrets 403 Forbidden',
    ]);
    expect(collection.forbidden.find((f) => f.resource === 'secrets')!.message).toContain('cannot list resource "secrets"');
    expect(collection.serverVersion?.gitVersion).toBe('v1.29.3-eks-adc7111');
    const inventory = inventoryFromCollection(collection, { origin: 'cluster' });
    expect(inventory.context).toMatchObject({ partial: true, serverVersion: 'v1.29.3-eks-adc7111', cluster: 'eks-test' });
    expect(inventory.context!.skippedChecks).toContain('cloud-credentials-in-cluster');
    expect(inventory.diagnostics.map((d) => d.code)).toContain('cluster-forbidden');
    const { result } = evaluateInventory(inventory, { settings: { now: NOW } });
    const skipped = result.findings.filter((f) => f.status === 'skipped');
    expect(skipped.map((f) => f.ruleId)).toEqual(['cloud-credentials-in-cluster']);
    expect(skipped[0]!.message).toBe('Not checked: could not read secrets (403 Forbidden)');
  });

  it('judges the cluster: IMDS per pod with the reason, identity, version, skew, exposure, webhooks, namespaces', () => {
    const { result } = evaluateInventory(inventoryFromCollection(collection, { origin: 'cluster' }), { settings: { now: NOW } });
    const by = (rule: string, status = 'fail') => result.findings.filter((f) => f.ruleId === rule && f.status === status);
    const names = (fs: Finding[]) => fs.map((f) => `${f.resource.namespace ?? ''}/${f.resource.name}`).sort();
    expect(names(by('cloud-metadata-reachable'))).toEqual(['kube-system/aws-node-8xk2p', 'kube-system/debug-shell', 'legacy/batch-84b7d9f6c-7mm2d', 'payments/api-5d4c3b2a1-k8s9z', 'payments/worker-6f5e4d3c2-p0q1r']);
    expect(names(by('cloud-metadata-reachable', 'pass'))).toEqual(['app/web-7c9f8b6d5-x2x7q']);
    const batch = by('cloud-metadata-reachable').find((f) => f.resource.name.startsWith('batch'))!;
    expect(batch.message).toContain('batch-egress egress[1] allows it: to[0] ipBlock 169.254.0.0/16, ports[0] 80/TCP');
    const awsNode = by('cloud-metadata-reachable').find((f) => f.resource.name.startsWith('aws-node'))!;
    expect(awsNode).toMatchObject({ severity: 'high', location: { path: 'spec.hostNetwork' } });
    const web = by('cloud-metadata-reachable', 'pass')[0]!;
    expect(web.message).toContain('excepts 169.254.169.254/32');
    expect(names(by('cloud-node-identity-fallback'))).toEqual(['kube-system/aws-node-8xk2p', 'kube-system/debug-shell', 'legacy/batch-84b7d9f6c-7mm2d', 'payments/worker-6f5e4d3c2-p0q1r']);
    expect(by('cloud-node-identity-fallback', 'pass').map((f) => f.message)).toContain('Pod payments/api-5d4c3b2a1-k8s9z uses eks-irsa (ServiceAccount payments/api annotation eks.amazonaws.com/role-arn)');
    expect(by('cloud-provider-detected', 'pass')[0]!.message).toBe('The cluster runs on aws (eks), from spec.providerID, metadata.labels["eks.amazonaws.com/nodegroup"]');
    expect(by('cloud-credentials-in-cluster').map((f) => f.location.path)).toEqual(['spec.containers[0].env[0].value', 'spec.containers[0].env[1].value']);
    expect(by('kubernetes-version-vulnerable').map((f) => `${f.resource.kind} ${f.evidence?.cve}`).sort()).toEqual(['ClusterInfo CVE-2024-3177', 'Node CVE-2025-0426', 'Node CVE-2025-0426']);
    expect(by('kubelet-version-skew').map((f) => f.message)).toEqual([
      'Node ip-10-0-2-20.eu-west-1.compute.internal runs kubelet v1.25.16-eks-5e0fdde, 4 minor versions behind the API server v1.29.3-eks-adc7111 (at most 3 are supported)',
    ]);
    expect(names(by('kube-system-foreign-workload'))).toEqual(['kube-system/debug-shell']);
    expect(names(by('admission-webhook-fail-open'))).toEqual(['/pod-identity-webhook', '/policy-engine']);
    expect(names(by('service-exposed-externally'))).toEqual(['payments/api']);
    expect(names(by('ingress-without-tls'))).toEqual(['app/web']);
    expect(names(by('namespace-pod-security-labels-missing'))).toEqual(['/default', '/kube-system', '/legacy']);
    expect(names(by('namespace-pod-security-labels-missing', 'warn'))).toEqual(['/payments']);
    expect(names(by('namespace-network-policy-missing'))).toEqual(['/kube-system', '/payments']);
    expect(names(by('namespace-network-policy-missing', 'warn'))).toEqual(['/legacy']);
  });

  it('round-trips: a snapshot scanned offline gives the findings of the live scan', async () => {
    const live = evaluateInventory(inventoryFromCollection(collection, { origin: 'cluster' }), { settings: { now: NOW } }).result;
    const file = path.join(dir, 'prod.json.gz');
    await writeSnapshot(file, collection);
    const offline = evaluateInventory(await collectManifests([file]), { settings: { now: NOW } }).result;
    expect(offline.findings.length).toBeGreaterThan(20);
    expect(comparable(offline.findings)).toEqual(comparable(live.findings));
    expect(offline.findings[0]!.source).toMatchObject({ origin: 'snapshot', file, cluster: 'eks-test' });
    expect(offline.context).toMatchObject({ partial: true, snapshot: file });
  });

  it('reads Secret and ConfigMap values only with --read-secrets, reports locations, and never keeps a value', async () => {
    const awsFile = '[default]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n';
    const gcpKey = JSON.stringify({ type: 'service_account', project_id: 'demo', private_key_id: 'abc', private_key: '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----\n', client_email: 'x@demo.iam.gserviceaccount.com' });
    const kubeconfigText = 'apiVersion: v1\nkind: Config\nusers:\n- name: ci\n  user:\n    token: eyJhbGciOiJSUzI1NiIsImtpZCI6IkNJIn0.payload.signature\n';
    const b64 = (s: string) => Buffer.from(s).toString('base64');
    const secretList = {
      kind: 'SecretList',
      apiVersion: 'v1',
      metadata: { resourceVersion: '1' },
      items: [
        { metadata: { name: 'aws-creds', namespace: 'payments', uid: 's1', annotations: { 'kubectl.kubernetes.io/last-applied-configuration': `{"data":{"credentials":"${b64(awsFile)}"}}` } }, type: 'Opaque', data: { credentials: b64(awsFile), region: b64('eu-west-1') } },
        { metadata: { name: 'gcp-sa', namespace: 'legacy', uid: 's2' }, type: 'Opaque', data: { 'key.json': b64(gcpKey) } },
      ],
    };
    const cmList = { kind: 'ConfigMapList', apiVersion: 'v1', metadata: { resourceVersion: '1' }, items: [{ metadata: { name: 'ci-kubeconfig', namespace: 'app', uid: 'c1' }, data: { config: kubeconfigText, AZURE_CLIENT_SECRET: 'q7Q8Q~abcdefghijklmnopqrstuvwxyz0123456' } }] };
    const variant: Recording = {
      ...recording,
      exchanges: [
        ...recording.exchanges.filter((e) => !e.path.startsWith('/api/v1/secrets')),
        { method: 'GET', path: '/api/v1/secrets?limit=500', status: 200, body: secretList },
        { method: 'GET', path: '/api/v1/configmaps?limit=500', status: 200, body: cmList },
      ],
    };
    const s2 = await serveRecording(variant, tls, TOKEN);
    try {
      const c = await collectFrom(s2, { readSecrets: true });
      expect(s2.replayer.requests.find((r) => r.path.startsWith('/api/v1/secrets'))?.accept).toBe('application/json');
      const { result } = evaluateInventory(inventoryFromCollection(c, { origin: 'cluster' }), { settings: { now: NOW } });
      const creds = result.findings.filter((f) => f.ruleId === 'cloud-credentials-in-cluster' && f.status === 'fail');
      expect(creds.map((f) => `${f.resource.kind} ${f.resource.namespace}/${f.resource.name} ${f.location.path} ${(f.evidence?.types as string[]).join('+')}`).sort()).toEqual([
        'ConfigMap app/ci-kubeconfig data.AZURE_CLIENT_SECRET azure-client-secret',
        'ConfigMap app/ci-kubeconfig data.config kubeconfig-credentials',
        'Pod payments/worker-6f5e4d3c2-p0q1r spec.containers[0].env[0].value aws-access-key',
        'Pod payments/worker-6f5e4d3c2-p0q1r spec.containers[0].env[1].value aws-secret-key',
        'Secret legacy/gcp-sa data["key.json"] gcp-service-account-key',
        'Secret payments/aws-creds data.credentials aws-access-key+aws-secret-key',
      ]);
      expect(creds.find((f) => f.resource.kind === 'ConfigMap')!.severity).toBe('critical');
      const file = path.join(dir, 'secrets.json.gz');
      await writeSnapshot(file, c);
      const snapshotText = gunzipSync(readFileSync(file)).toString('utf8');
      const reportText = JSON.stringify(result);
      for (const secret of ['wJalrXUtnFEMI', 'BEGIN PRIVATE KEY', 'eyJhbGciOiJSUzI1NiIsImtpZCI6IkNJIn0', 'q7Q8Q~abc', b64(awsFile).slice(0, 20), b64(gcpKey).slice(0, 20), 'ZXUtd2VzdC0x']) {
        expect(snapshotText).not.toContain(secret);
        expect(reportText).not.toContain(secret);
      }
      expect(snapshotText).not.toContain('last-applied-configuration');
      const offline = evaluateInventory(await collectManifests([file]), { settings: { now: NOW } }).result;
      expect(comparable(offline.findings)).toEqual(comparable(result.findings));
    } finally {
      await s2.close();
    }
  });

  it('keeps Secrets answered as PartialObjectMetadataList as metadata only, without the last-applied annotation', async () => {
    const partial = {
      kind: 'PartialObjectMetadataList',
      apiVersion: 'meta.k8s.io/v1',
      metadata: { resourceVersion: '9' },
      items: [
        {
          kind: 'PartialObjectMetadata',
          apiVersion: 'meta.k8s.io/v1',
          metadata: { name: 'db', namespace: 'payments', uid: 'u1', annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{"data":{"password":"aHVudGVyMg=="}}', team: 'pay' } },
        },
      ],
    };
    const variant: Recording = { ...recording, exchanges: [...recording.exchanges.filter((e) => !e.path.startsWith('/api/v1/secrets')), { method: 'GET', path: '/api/v1/secrets?limit=500', status: 200, body: partial }] };
    const s4 = await serveRecording(variant, tls, TOKEN);
    try {
      const c = await collectFrom(s4);
      expect(c.lists.find((l) => l.resource === 'secrets')!.items).toEqual([{ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db', namespace: 'payments', uid: 'u1', annotations: { team: 'pay' } } }]);
      expect(c.forbidden.some((f) => f.resource === 'secrets')).toBe(false);
    } finally {
      await s4.close();
    }
  });

  it('records API traffic with values redacted, and the recording replays to the same collection', async () => {
    const target = await connect({ kubeconfig: kubeconfig(server.url) });
    const recorder = new RecordingTransport(target.transport);
    const first = await collectCluster({ transport: recorder, cluster: { name: 'eks-test' }, now: NOW });
    recorder.close();
    const file = path.join(dir, 'recorded.json');
    await saveRecording(file, recorder.recording('test'));
    const text = readFileSync(file, 'utf8');
    expect(text).not.toContain('wJalrXUtnFEMI');
    expect(text).toContain('rampart-redacted:aws-secret-key');
    const again = await serveRecording(await loadRecording(file), tls);
    try {
      const target2 = await connect({ kubeconfig: kubeconfig(again.url) });
      const second = await collectCluster({ transport: target2.transport, cluster: { name: 'eks-test' }, now: NOW });
      target2.transport.close();
      expect(second).toEqual(first);
    } finally {
      await again.close();
    }
  });

  it('fails clearly on a wrong token (401), an untrusted certificate, and an unknown context', async () => {
    const bad = await connect({ kubeconfig: kubeconfig(server.url, { token: 'wrong' }) });
    await expect(collectCluster({ transport: bad.transport, cluster: { name: 'x', server: server.url } })).rejects.toThrow(/does not accept the kubeconfig's credentials \(401 Unauthorized/);
    bad.transport.close();
    const untrusted = await connect({ kubeconfig: kubeconfig(server.url, { ca: false }) });
    await expect(collectCluster({ transport: untrusted.transport, cluster: { name: 'x', server: server.url } })).rejects.toThrow(/certificate .* is not trusted/);
    untrusted.transport.close();
    await expect(connect({ kubeconfig: kubeconfig(server.url), context: 'nope' })).rejects.toThrow(ClusterError);
    await expect(connect({ kubeconfig: path.join(dir, 'missing') })).rejects.toThrow(/cannot read the kubeconfig .*missing/);
    const other = await connect({ kubeconfig: kubeconfig(server.url), context: 'other' });
    expect(other.context).toBe('other');
    other.transport.close();
  });

  it('narrows namespaced lists with -n and keeps only that Namespace', async () => {
    const s3 = await serveRecording(
      {
        ...recording,
        exchanges: recording.exchanges.map((e) => ({ ...e, path: e.path.replace(/^\/api\/v1\/pods\?/, '/api/v1/namespaces/payments/pods?') })),
      },
      tls,
      TOKEN,
    );
    try {
      const c = await collectFrom(s3, { namespace: 'payments' });
      expect(s3.replayer.requests.some((r) => r.path.startsWith('/api/v1/namespaces/payments/pods?limit=500'))).toBe(true);
      expect(c.lists.find((l) => l.resource === 'namespaces')!.items.map((n) => n.metadata.name)).toEqual(['payments']);
      expect(c.namespace).toBe('payments');
      // Resources the recording lacks for the namespace path answer 404 and are listed as unreadable, not dropped silently.
      expect(c.forbidden.some((f) => f.resource === 'services' && f.namespace === 'payments' && f.code === 404)).toBe(true);
    } finally {
      await s3.close();
    }
  });
});
