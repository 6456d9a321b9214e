import { readFileSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emptyInventory, addSource } from '../src/collectors/manifests/collect.js';
import { evaluate } from '../src/core/engine.js';
import type { Rule } from '../src/core/rule.js';
import { decide, defaultAdmissionPolicy, type AdmissionContext } from '../src/enforce/admission.js';
import { loadCelRules } from '../src/enforce/cel-rules.js';
import { generateWebhookCerts } from '../src/enforce/certs.js';
import imageTag from '../src/rules/workload/image-tag/rule.js';
import { startAdmissionServer, type RunningAdmissionServer } from '../src/server/admission/server.js';

const fixtures = path.join(import.meta.dirname, 'fixtures/admission');
const review = () => JSON.parse(readFileSync(path.join(fixtures, 'pod-create.json'), 'utf8'));
let rules: Rule[];

beforeAll(async () => {
  const loaded = await loadCelRules([path.join(fixtures, 'rules.yaml')]);
  expect(loaded.diagnostics).toEqual([]);
  rules = [imageTag, ...loaded.rules];
});

const ctx = (policy = {}): AdmissionContext => ({ rules, policy: defaultAdmissionPolicy(policy) });

describe('admission decision', () => {
  it('denies in enforce mode, naming each rule and the fix', () => {
    const out = decide(review(), ctx());
    expect(out.decision).toBe('denied');
    const response = (out.review as any).response;
    expect(response.uid).toBe('705ab4f5-6393-11e8-b7cc-42010a800002');
    expect(response.allowed).toBe(false);
    expect(response.status.code).toBe(403);
    expect(response.status.message).toContain('[image-tag-mutable]');
    expect(response.status.message).toContain('[no-privileged] a container of Pod is privileged');
    expect(response.status.message).toContain('To fix:');
  });

  it('warns in warn mode and records in audit mode, allowing both', () => {
    const warn = decide(review(), ctx({ namespaces: { shop: 'warn' } }));
    expect((warn.review as any).response).toMatchObject({ allowed: true });
    expect((warn.review as any).response.warnings.join('\n')).toContain('[no-privileged]');
    const audit = decide(review(), ctx({ defaultMode: 'audit' }));
    expect((audit.review as any).response.allowed).toBe(true);
    expect((audit.review as any).response.auditAnnotations.findings).toContain('image-tag-mutable');
  });

  it('a label selector picks the mode before the namespace', () => {
    const out = decide(review(), ctx({ selectors: [{ matchLabels: { app: 'web' }, mode: 'warn' }] }));
    expect(out.decision).toBe('warned');
  });

  it('exempts namespaces, users and groups', () => {
    expect(decide(review(), ctx({ exemptNamespaces: ['shop'] })).decision).toBe('exempt');
    expect(decide(review(), ctx({ exemptUsers: ['system:serviceaccount:kube-system:replicaset-controller'] })).decision).toBe('exempt');
    expect(decide(review(), ctx({ exemptGroups: ['system:serviceaccounts:kube-system'] })).decision).toBe('exempt');
  });

  it('applies the same exceptions as the scanner', () => {
    const out = decide(review(), {
      ...ctx(),
      exceptions: [
        { rule: '*', selector: { namespace: 'shop', name: 'web-*' }, justification: 'migration', origin: 'test', source: 'config' },
      ],
    });
    expect(out.decision).toBe('allowed');
    expect(out.findings.every((f) => f.status !== 'fail' || f.waiver)).toBe(true);
  });

  it('allows unknown kinds and deletes without evaluating them', () => {
    const r = review();
    r.request.object = { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' }, spec: {} };
    expect(decide(r, ctx()).decision).toBe('unmatched');
    const d = review();
    d.request.operation = 'DELETE';
    d.request.oldObject = d.request.object;
    d.request.object = null;
    expect(decide(d, ctx()).decision).toBe('unmatched');
  });

  it('a CEL rule that throws follows the configured failure mode, never a crash', () => {
    const r = review();
    r.request.object = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } };
    const deny = decide(r, ctx());
    expect(deny.decision).toBe('denied');
    expect((deny.review as any).response.status.message).toMatch(/throws-on-missing-field.*rule error/);
    const allow = decide(r, ctx({ onRuleError: 'allow' }));
    expect(allow.decision).toBe('warned');
  });

  it('gives the same verdicts as a scan of the same object', () => {
    const inventory = emptyInventory();
    addSource(inventory, { name: 'pod.json', text: JSON.stringify(review().request.object), origin: 'file' });
    const scan = evaluate(inventory, rules);
    const admission = decide(review(), ctx());
    const ids = (fs: { ruleId: string; status: string }[]) => fs.filter((f) => f.status === 'fail').map((f) => f.ruleId).sort();
    expect(ids(admission.findings)).toEqual(ids(scan.findings));
    expect(ids(scan.findings)).toEqual(['image-tag-mutable', 'no-privileged']);
  });
});

describe('admission webhook over HTTPS', () => {
  let server: RunningAdmissionServer;
  let ca: string;
  beforeAll(async () => {
    const certs = await generateWebhookCerts('rampart-admission', 'rampart', 1);
    ca = certs.caCert;
    server = await startAdmissionServer({ context: ctx(), tls: { cert: certs.cert, key: certs.key }, port: 0, maxBodyBytes: 64 * 1024, requestTimeoutMs: 1500 });
  });
  afterAll(() => server.close());

  const post = (body: string | Buffer, pathName = '/validate') =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = httpsRequest(`${server.url}${pathName}`, { method: 'POST', ca, servername: 'localhost', headers: { 'content-type': 'application/json' } }, (res) => {
        let data = '';
        res.on('data', (c) => (data += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: data }));
      });
      req.on('error', reject);
      req.end(body);
    });

  it('verifies against the generated CA and answers an AdmissionReview', async () => {
    const res = await post(JSON.stringify(review()));
    expect(res.status).toBe(200);
    const body = JSON.parse(res.body);
    expect(body).toMatchObject({ apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview', response: { uid: '705ab4f5-6393-11e8-b7cc-42010a800002', allowed: false } });
  });

  it('answers 400 with a Status for malformed reviews', async () => {
    const notJson = await post('{"kind": "AdmissionRev');
    expect(notJson.status).toBe(400);
    expect(JSON.parse(notJson.body)).toMatchObject({ kind: 'Status', code: 400 });
    const noUid = await post(JSON.stringify({ apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview', request: {} }));
    expect(noUid.status).toBe(400);
    expect(JSON.parse(noUid.body).message).toContain('request.uid');
  });

  it('refuses oversized objects with 413', async () => {
    const big = review();
    big.request.object.metadata.annotations = { filler: 'x'.repeat(100 * 1024) };
    const res = await post(JSON.stringify(big));
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body).reason).toBe('RequestEntityTooLarge');
  });

  it('times out a client that never finishes its request', async () => {
    const socket = net.connect(server.port, '127.0.0.1');
    const closed = new Promise<number>((resolve) => {
      const start = Date.now();
      socket.on('close', () => resolve(Date.now() - start));
      socket.on('error', () => undefined);
    });
    socket.write('\x16\x03\x01'); // the start of a TLS hello, then silence
    const ms = await closed;
    expect(ms).toBeLessThan(15_000);
  }, 20_000);

  it('serves health, readiness and metrics', async () => {
    const get = (p: string) =>
      new Promise<{ status: number; body: string }>((resolve, reject) => {
        httpsRequest(`${server.url}${p}`, { ca, servername: 'localhost' }, (res) => {
          let data = '';
          res.on('data', (c) => (data += c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: data }));
        })
          .on('error', reject)
          .end();
      });
    expect((await get('/healthz')).status).toBe(200);
    expect((await get('/readyz')).status).toBe(200);
    const metrics = await get('/metrics');
    expect(metrics.body).toMatch(/rampart_admission_requests_total\{outcome="denied"\} [1-9]/);
    expect(metrics.body).toMatch(/rampart_admission_requests_total\{outcome="badRequests"\} [1-9]/);
  });
});
