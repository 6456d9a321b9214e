import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { makeReport, MANIFESTS } from '../../test/compliance-fixture.js';
import { applyCompliance } from '../frameworks/index.js';
import { diffReports } from './diff.js';
import { openStore, StoreError, type Store } from './index.js';

const PG = process.env.RAMPART_TEST_POSTGRES_URL;
if (!PG) console.log('store tests: PostgreSQL part skipped (set RAMPART_TEST_POSTGRES_URL to a running server to run it)');

function tmp(): string {
  return mkdtempSync(path.join(os.tmpdir(), 'rampart-store-'));
}

/** A report with frameworks assessed, as `rampart scan --store` stores it. */
function scanned(text = MANIFESTS, at = '2026-06-01T12:00:00Z', cluster = 'prod') {
  const r = makeReport(text, { now: new Date(at), cluster });
  applyCompliance(r, { frameworks: ['nsa-cisa'] });
  return r;
}

const FIXED = MANIFESTS.replace('image: nginx:latest', `image: nginx@sha256:${'c'.repeat(64)}`);

const schemas: string[] = [];
/** Each PostgreSQL test gets its own schema, dropped at the end, so runs never see each other. */
async function pgUrl(): Promise<string> {
  const name = `rampart_test_${process.pid}_${schemas.length}_${Date.now() % 100000}`;
  const c = new pg.Client({ connectionString: PG });
  await c.connect();
  await c.query(`CREATE SCHEMA ${name}`);
  await c.end();
  schemas.push(name);
  return `${PG}${PG!.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${name}`)}`;
}

afterAll(async () => {
  if (!PG || !schemas.length) return;
  const c = new pg.Client({ connectionString: PG });
  await c.connect();
  for (const s of schemas) await c.query(`DROP SCHEMA ${s} CASCADE`);
  await c.end();
});

const backends: [string, () => Promise<string>][] = [['SQLite', async () => path.join(tmp(), 'nested', 'rampart.db')]];
if (PG) backends.push(['PostgreSQL', pgUrl]);

describe.each(backends)('store on %s', (_name, makeUrl) => {
  it('creates its schema, stores scans, and answers lists, filters and trends', async () => {
    const url = await makeUrl();
    let store: Store = await openStore(url);
    const a = await store.saveScan(scanned(MANIFESTS, '2026-06-01T12:00:00Z'));
    const b = await store.saveScan(scanned(FIXED, '2026-06-02T12:00:00Z'));
    await store.saveScan(scanned(FIXED, '2026-06-02T13:00:00Z', 'staging'));
    expect(a.id).toBeLessThan(b.id);
    expect(a).toMatchObject({ cluster: 'prod', targetKind: 'manifests', findings: 3, bySeverity: { high: 1, medium: 2 }, waived: 0 });
    expect(a.scores).toEqual([expect.objectContaining({ framework: 'nsa-cisa', fail: 1 })]);
    expect(b.findings).toBe(2);
    await store.close();

    // Reopening migrates nothing twice and keeps everything.
    store = await openStore(url);
    expect((await store.listScans()).map((s) => s.cluster)).toEqual(['staging', 'prod', 'prod']);
    expect((await store.listScans({ cluster: 'prod', limit: 1 })).map((s) => s.id)).toEqual([b.id]);
    expect(await store.listClusters()).toEqual([
      expect.objectContaining({ cluster: 'prod', scans: 2, lastScanId: b.id, lastFindings: 2 }),
      expect.objectContaining({ cluster: 'staging', scans: 1 }),
    ]);
    const report = await store.getReport(a.id);
    expect(report!.findings.length).toBe(scanned().findings.length);
    expect(await store.getReport(999999)).toBeUndefined();

    const all = await store.findings(a.id);
    expect(all.total).toBe(3); // two failures and one failed node check; passes are not rows
    expect(all.items[0]).toMatchObject({ severity: 'high', ruleId: 'test-privileged', kind: 'Deployment', namespace: 'shop', name: 'web', waived: false, file: 'app.yaml' });
    expect((await store.findings(a.id, { severity: ['medium'] })).items.map((f) => f.ruleId).sort()).toEqual(['image-tag-mutable', 'test-node-check']);
    expect((await store.findings(a.id, { q: 'NGINX' })).total).toBe(1);
    expect((await store.findings(a.id, { namespace: '' })).items.map((f) => f.ruleId)).toEqual(['test-node-check']);
    expect((await store.findings(a.id, { rule: 'image-tag-mutable', limit: 1, offset: 0 })).total).toBe(1);
    expect((await store.findings(a.id, { q: "%' OR 1=1 --" })).total).toBe(0);

    const trend = await store.trend({ cluster: 'prod', framework: 'nsa-cisa' });
    expect(trend.map((t) => [t.scanId, t.score])).toEqual([
      [a.id, a.scores[0]!.score],
      [b.id, b.scores[0]!.score],
    ]);
    await store.close();
  });

  it('refuses a report that is not one, storing nothing', async () => {
    const store = await openStore(await makeUrl());
    await expect(store.saveScan({ hello: 'world' } as never)).rejects.toThrow(StoreError);
    expect(await store.listScans()).toEqual([]);
    await store.close();
  });
});

describe('stores that are not Rampart stores', () => {
  it('a corrupt SQLite file is refused with a clear message and left byte for byte as it was', async () => {
    const file = path.join(tmp(), 'broken.db');
    const bytes = Buffer.concat([Buffer.from('SQLite format 3\0'), Buffer.alloc(4096, 0x5a)]);
    writeFileSync(file, bytes);
    await expect(openStore(file)).rejects.toThrow(/not a SQLite database \(or it is damaged\).*left untouched/);
    expect(readFileSync(file).equals(bytes)).toBe(true);
    const text = path.join(tmp(), 'notes.txt');
    writeFileSync(text, 'my notes\n');
    await expect(openStore(`sqlite:${text}`)).rejects.toThrow(StoreError);
    expect(readFileSync(text, 'utf8')).toBe('my notes\n');
  });

  it('a foreign SQLite database is refused and its tables are kept', async () => {
    const file = path.join(tmp(), 'app.db');
    const db = new Database(file);
    db.exec("CREATE TABLE users (id INTEGER, name TEXT); INSERT INTO users VALUES (1, 'ann')");
    db.close();
    await expect(openStore(file)).rejects.toThrow(/is not a Rampart store \(it has other tables: users\)/);
    const again = new Database(file);
    expect(again.prepare('SELECT name FROM sqlite_master WHERE type = ?').all('table')).toEqual([{ name: 'users' }]);
    again.close();
  });

  it('a store written by a newer version is refused', async () => {
    const file = path.join(tmp(), 'newer.db');
    (await openStore(file)).close();
    const db = new Database(file);
    db.prepare("UPDATE rampart_meta SET value = '99' WHERE key = 'version'").run();
    db.close();
    await expect(openStore(file)).rejects.toThrow(/newer Rampart \(store version 99/);
  });

  it('an unsupported URL scheme is refused', async () => {
    await expect(openStore('mysql://x/y')).rejects.toThrow(/unsupported store URL/);
  });

  it.skipIf(!PG)('a foreign PostgreSQL schema is refused and kept; a wrong server gives a clear message', async () => {
    const url = await pgUrl();
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    await c.query('CREATE TABLE invoices (id INT)');
    await expect(openStore(url)).rejects.toThrow(/is not a Rampart store \(it has other tables: invoices\)/);
    expect((await c.query('SELECT COUNT(*)::int AS n FROM invoices')).rows[0].n).toBe(0);
    await c.end();
    await expect(openStore('postgres://nobody:secret@127.0.0.1:1/none')).rejects.toThrow(/cannot connect to postgres:\/\/nobody:\*\*\*@127\.0\.0\.1:1\/none/);
  });
});

describe('diff of two scans', () => {
  it('lists new, fixed and unchanged findings by fingerprint, and the score change', () => {
    const a = scanned(MANIFESTS);
    const b = scanned(FIXED.replace('checks: { "1.2.1": true', 'checks: { "1.2.1": false'));
    const d = diffReports(a, b, { from: '1', to: '2' });
    expect(d.sameCluster).toBe(true);
    expect(d.fixed.map((f) => f.ruleId)).toEqual(['image-tag-mutable']);
    expect(d.new.map((f) => `${f.ruleId}:${f.properties?.checkId}`)).toEqual(['test-node-check:1.2.1']);
    expect(d.unchanged.map((f) => f.ruleId).sort()).toEqual(['test-node-check', 'test-privileged']);
    expect(d.scores).toEqual([{ framework: 'nsa-cisa', from: d.scores[0]!.from, to: d.scores[0]!.to, change: d.scores[0]!.change }]);
  });

  it('marks scans of different clusters', () => {
    const d = diffReports(scanned(MANIFESTS, undefined, 'prod'), scanned(MANIFESTS, undefined, 'dev'));
    expect(d.sameCluster).toBe(false);
    expect([d.from.cluster, d.to.cluster]).toEqual(['prod', 'dev']);
  });
});
