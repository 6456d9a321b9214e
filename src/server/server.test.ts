import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumPath, launchChromium } from '../../test/browser.js';
import { makeReport, MANIFESTS, testFramework, testOutputDir } from '../../test/compliance-fixture.js';
import { applyCompliance } from '../frameworks/index.js';
import { parseExceptionsFile } from '../frameworks/exceptions.js';
import { openStore, type Store } from '../store/index.js';
import { ensureToken, verifierForToken } from './auth.js';
import { openApiDocument } from './openapi.js';
import { buildRouter, createRampartServer } from './server.js';

const TOKEN = 'test-token-0123456789abcdef';
const FIXED = MANIFESTS.replace('image: nginx:latest', `image: nginx@sha256:${'c'.repeat(64)}`);

function scanned(text: string, at: string, cluster = 'prod') {
  const r = makeReport(text, { now: new Date(at), cluster });
  const { exceptions } = parseExceptionsFile('- rule: test-node-check\n  justification: node is being rebuilt\n  acceptedBy: ops\n  expires: 2026-12-31\n', 'w.yaml', { ruleIds: new Set(['test-node-check']), frameworks: [] });
  applyCompliance(r, { available: [testFramework()], exceptions });
  return r;
}

let store: Store;
let base: string;
let server: ReturnType<typeof createRampartServer>;
let ids: number[] = [];

beforeAll(async () => {
  store = await openStore(path.join(mkdtempSync(path.join(os.tmpdir(), 'rampart-serve-')), 's.db'));
  ids = [
    (await store.saveScan(scanned(MANIFESTS, '2026-06-01T10:00:00Z'))).id,
    (await store.saveScan(scanned(FIXED, '2026-06-02T10:00:00Z'))).id,
    (await store.saveScan(scanned(FIXED, '2026-06-02T11:00:00Z', 'dev'))).id,
  ];
  server = createRampartServer({ store, verify: verifierForToken(TOKEN) });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((r) => server.close(r));
  await store.close();
});

async function get(p: string, token: string | null = TOKEN) {
  const res = await fetch(base + p, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  const text = await res.text();
  let body: any = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON (metrics, page)
  }
  return { status: res.status, body, type: res.headers.get('content-type') ?? '' };
}

describe('access', () => {
  it('needs the token for data, not for the page, the OpenAPI document or health', async () => {
    expect((await get('/api/scans', null)).status).toBe(401);
    expect((await get('/api/scans', 'wrong')).status).toBe(401);
    expect((await get('/metrics', null)).status).toBe(401);
    const cookie = await fetch(`${base}/api/clusters`, { headers: { cookie: `rampart_token=${TOKEN}` } });
    expect(cookie.status).toBe(200);
    expect((await get('/healthz', null)).body).toEqual({ ok: true });
    expect((await get('/', null)).type).toContain('text/html');
    expect((await get('/api/openapi.json', null)).body.openapi).toBe('3.0.3');
  });

  it('makes a token once, keeps only its hash, and checks it', () => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'rampart-token-')), 'sub', 'token.json');
    const first = ensureToken(file);
    expect(first.newToken).toMatch(/^[\w-]{43}$/);
    const stored = readFileSync(file, 'utf8');
    expect(stored).not.toContain(first.newToken);
    expect(JSON.parse(stored)).toMatchObject({ algorithm: 'sha256' });
    expect((os.platform() === 'win32' ? 0o600 : (execFileSync('stat', ['-c', '%a', file]).toString().trim() as unknown)) as unknown).toBe(os.platform() === 'win32' ? 0o600 : '600');
    const second = ensureToken(file);
    expect(second.newToken).toBeUndefined();
    expect(second.verifier(first.newToken!)).toBe(true);
    expect(second.verifier('x')).toBe(false);
  });
});

describe('JSON API', () => {
  it('lists clusters and scans, and one scan with its framework scores', async () => {
    expect((await get('/api/clusters')).body.map((c: any) => [c.cluster, c.scans])).toEqual([
      ['dev', 1],
      ['prod', 2],
    ]);
    expect((await get('/api/scans?cluster=prod')).body.map((s: any) => s.id)).toEqual([ids[1], ids[0]]);
    const scan = (await get(`/api/scans/${ids[0]}`)).body;
    expect(scan).toMatchObject({ id: ids[0], cluster: 'prod', findings: 2, waived: 1 });
    expect(scan.frameworks[0]).toMatchObject({ id: 'test-fw', score: expect.any(Number) });
    expect(scan.frameworks[0].controls).toBeUndefined();
  });

  it('filters findings and drills down to one, with its rule, controls and neighbours', async () => {
    const high = (await get(`/api/scans/${ids[0]}/findings?severity=high`)).body;
    expect(high.total).toBe(1);
    expect(high.items[0]).toMatchObject({ ruleId: 'test-privileged', name: 'web', namespace: 'shop' });
    expect((await get(`/api/scans/${ids[0]}/findings?severity=medium,high&waived=false`)).body.total).toBe(2);
    expect((await get(`/api/scans/${ids[0]}/findings?q=nginx`)).body.total).toBe(1);
    const detail = (await get(`/api/scans/${ids[0]}/findings/${high.items[0].fingerprint}`)).body;
    expect(detail.finding.location).toMatchObject({ file: 'app.yaml', path: 'spec.template.spec.containers[0].securityContext.privileged' });
    expect(detail.rule.ruleId).toBe('test-privileged');
    expect(detail.controls).toEqual([{ framework: 'test-fw', control: 'W-1', title: 'No privileged containers', status: 'fail' }]);
    expect(detail.sameResource.map((x: any) => x.ruleId)).toEqual(['image-tag-mutable']);
  });

  it('gives frameworks, waivers, trends and diffs', async () => {
    const fws = (await get(`/api/scans/${ids[0]}/frameworks`)).body;
    expect(fws[0].controls.find((c: any) => c.id === 'N-2').status).toBe('waived');
    const w = (await get(`/api/scans/${ids[0]}/waivers`)).body;
    expect(w.exceptions[0]).toMatchObject({ ruleId: 'test-node-check', acceptedBy: 'ops', expires: '2026-12-31', matched: 1 });
    expect(w.waived).toHaveLength(1);
    const trend = (await get('/api/trend?cluster=prod&framework=test-fw')).body;
    expect(trend.map((t: any) => t.scanId)).toEqual([ids[0], ids[1]]);
    const d = (await get(`/api/diff?from=${ids[0]}&to=${ids[1]}`)).body;
    expect(d.fixed.map((f: any) => f.ruleId)).toEqual(['image-tag-mutable']);
    expect(d.new).toEqual([]);
  });

  it('answers bad parameters with 400 and a message, never 500', async () => {
    const bad = [
      '/api/scans/abc',
      '/api/scans/-1/findings',
      '/api/scans?limit=0',
      '/api/scans?limit=99999',
      '/api/scans?limit=ten',
      '/api/scans?colour=red',
      `/api/scans/${ids[0]}/findings?severity=urgent`,
      `/api/scans/${ids[0]}/findings?status=bad`,
      `/api/scans/${ids[0]}/findings?waived=maybe`,
      `/api/scans/${ids[0]}/findings?q=${'x'.repeat(201)}`,
      `/api/scans/${ids[0]}/findings/not-hex`,
      '/api/scans/%E0%A4%A/findings',
      '/api/diff?from=1',
      `/api/diff?from=${ids[0]}&to=${ids[2]}`,
      '/api/trend?limit=-5',
      '/api/scans/99999999999999999999',
    ];
    for (const p of bad) {
      const r = await get(p);
      expect([p, r.status]).toEqual([p, 400]);
      expect(typeof r.body.error).toBe('string');
    }
    expect((await get('/api/scans/424242')).status).toBe(404);
    expect((await get(`/api/scans/${ids[0]}/findings/abcdef`)).status).toBe(404);
    expect((await get('/api/nothing')).status).toBe(404);
    const post = await fetch(`${base}/api/scans`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}` } });
    expect(post.status).toBe(405);
    expect((await get(`/api/diff?from=${ids[0]}&to=${ids[2]}&force=true`)).body.sameCluster).toBe(false);
  });

  it('documents every API route in the OpenAPI document', () => {
    const doc = openApiDocument() as { paths: Record<string, unknown> };
    const routes = buildRouter({ store })
      .routes()
      .map((r) => r.path.replace(/:(\w+)/g, '{$1}'))
      .filter((p) => p.startsWith('/api/') && p !== '/api/openapi.json');
    for (const p of routes) expect(Object.keys(doc.paths)).toContain(p);
  });

  it('lets other features plug routes into the table', async () => {
    const router = buildRouter({ store, extraRoutes: [{ method: 'POST', path: '/admission/validate', handler: () => ({ allowed: true }) }] });
    expect(router.match('POST', '/admission/validate').route?.path).toBe('/admission/validate');
  });
});

describe('metrics', () => {
  it('exposes scores and counts of the latest scan per cluster in Prometheus text format', async () => {
    const r = await get('/metrics');
    expect(r.type).toContain('text/plain; version=0.0.4');
    const latest = (await get(`/api/scans/${ids[1]}`)).body;
    const score = latest.frameworks[0].score;
    expect(r.body).toContain(`rampart_framework_score_percent{cluster="prod",framework="test-fw"} ${score}`);
    expect(r.body).toContain(`rampart_open_findings{cluster="prod",severity="high"} ${latest.bySeverity.high}`);
    expect(r.body).toContain('rampart_scans_stored{cluster="prod"} 2');
    expect(r.body).toMatch(/# TYPE rampart_framework_controls gauge/);
    for (const line of r.body.trim().split('\n')) expect(line).toMatch(/^(# (HELP|TYPE) \w+ .+|\w+\{[^}]*\} -?[\d.]+)$/);
  });
});

describe('TLS', () => {
  const haveOpenssl = existsSync('/usr/bin/openssl');
  it.skipIf(!haveOpenssl)('serves HTTPS with the given certificate', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'rampart-tls-'));
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', path.join(dir, 'k.pem'), '-out', path.join(dir, 'c.pem'), '-days', '1', '-subj', '/CN=127.0.0.1'], { stdio: 'ignore' });
    const tls = createRampartServer({ store, verify: verifierForToken(TOKEN), tls: { cert: readFileSync(path.join(dir, 'c.pem')), key: readFileSync(path.join(dir, 'k.pem')) } });
    await new Promise<void>((r) => tls.listen(0, '127.0.0.1', r));
    try {
      const https = await import('node:https');
      const body = await new Promise<string>((resolve, reject) => {
        https
          .get({ host: '127.0.0.1', port: (tls.address() as AddressInfo).port, path: '/healthz', ca: readFileSync(path.join(dir, 'c.pem')), checkServerIdentity: () => undefined }, (res) => {
            let t = '';
            res.on('data', (c) => (t += c));
            res.on('end', () => resolve(t));
          })
          .on('error', reject);
      });
      expect(JSON.parse(body)).toEqual({ ok: true });
    } finally {
      await new Promise((r) => tls.close(r));
    }
  });
});

describe.skipIf(!chromiumPath)('dashboard in headless Chromium', () => {
  it('loads, shows the trend of two scans, filters findings, drills down, shows frameworks and waivers', async () => {
    const out = testOutputDir();
    const browser = await launchChromium();
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
      // Without a token: the login form; with the right one: the app.
      await page.goto(`${base}/`);
      await page.waitForSelector('#login:not([hidden])');
      await page.fill('#token-input', TOKEN);
      await page.click('#login button[type=submit]');
      await page.waitForSelector('#clusters li[data-cluster="dev"]');
      await page.click('#clusters li[data-cluster="prod"]');
      await page.waitForFunction(() => document.querySelector('#trend-chart')?.getAttribute('data-points') === '2');
      await page.waitForSelector(`#scans li[data-scan="${ids[1]}"].selected`);
      expect(await page.locator('#trend-empty').isHidden()).toBe(true);
      expect(await page.locator('#card-open b').textContent()).toBe(String((await get(`/api/scans/${ids[1]}`)).body.findings));
      await page.screenshot({ path: path.join(out, 'dashboard-overview.png') });

      // Findings of the older scan: filter to high, drill down.
      await page.click(`#scans li[data-scan="${ids[0]}"]`);
      await page.waitForSelector(`#scans li[data-scan="${ids[0]}"].selected`);
      await page.click('.tabs button[data-tab="findings"]');
      await page.waitForFunction(() => document.querySelectorAll('#findings-table tbody tr').length === 3);
      await page.selectOption('#filter-severity', 'high');
      await page.click('#filters button[type=submit]');
      await page.waitForFunction(() => document.querySelectorAll('#findings-table tbody tr').length === 1);
      await page.click('#findings-table tbody tr');
      await page.waitForSelector('#finding-detail:not([hidden])');
      const detail = await page.locator('#finding-detail').textContent();
      expect(detail).toContain('Container "web" is privileged');
      expect(detail).toContain('app.yaml:12');
      expect(detail).toContain('test-fw W-1');
      expect(detail).not.toContain('null');
      await page.screenshot({ path: path.join(out, 'dashboard-finding.png'), fullPage: true });

      await page.click('.tabs button[data-tab="frameworks"]');
      await page.waitForSelector('#controls-table tbody tr[data-control="W-1"]');
      expect(await page.locator('#controls-table tbody tr[data-control="N-2"] .st').textContent()).toBe('waived');
      await page.screenshot({ path: path.join(out, 'dashboard-frameworks.png'), fullPage: true });

      await page.click('.tabs button[data-tab="waivers"]');
      expect(await page.locator('#waivers-table tbody tr').first().textContent()).toContain('node is being rebuilt');
      expect(errors).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
