import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sharedDir } from '../testing/shared.js';
import { VulnDb } from './store.js';
import { updateDatabase } from './update.js';

const shared = sharedDir();

function zipOf(files: string[]): Buffer {
  const entries: Record<string, Uint8Array> = {};
  for (const f of files) entries[path.basename(f)] = readFileSync(f);
  return Buffer.from(zipSync(entries));
}

describe.skipIf(!shared)('db update against a local OSV mirror on 127.0.0.1 (needs ../shared/vulndata)', () => {
  let tmp: string;
  let server: http.Server;
  let base: string;
  const zips = new Map<string, Buffer>();
  const hits: string[] = [];
  let mode: 'ok' | 'cut' | 'crc' = 'ok';

  beforeAll(async () => {
    tmp = mkdtempSync(path.join(os.tmpdir(), 'rampart-upd-'));
    const v = path.join(shared!, 'vulndata');
    const json = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => path.join(dir, f));
    zips.set('Go', zipOf(json(path.join(v, 'go'))));
    zips.set('Ubuntu', zipOf([...json(path.join(v, 'ubuntu', 'usn')), ...json(path.join(v, 'ubuntu', 'cve'))]));
    zips.set('npm', zipOf(json(path.join(v, 'ghsa')).filter((f) => /"ecosystem": "npm"/.test(readFileSync(f, 'utf8')))));
    server = http.createServer((req, res) => {
      hits.push(`${req.url} ${req.headers['if-none-match'] ?? ''}`);
      const eco = decodeURIComponent(/^\/([^/]+)\/all\.zip$/.exec(req.url ?? '')?.[1] ?? '');
      const body = zips.get(eco);
      if (!body) return void res.writeHead(404).end();
      const etag = `"${createHash('sha256').update(body).digest('hex').slice(0, 16)}"`;
      if (mode === 'ok' && req.headers['if-none-match'] === etag) return void res.writeHead(304).end();
      if (mode === 'cut') {
        res.writeHead(200, { 'content-length': String(body.length), etag });
        res.write(body.subarray(0, body.length >> 1));
        setTimeout(() => res.destroy(), 20);
        return;
      }
      let out = body;
      if (mode === 'crc') {
        // Flip one byte of the first member's data: its CRC-32 no longer matches.
        out = Buffer.from(body);
        out[80] ^= 0xff;
      }
      res.writeHead(200, { 'content-length': String(out.length), etag: mode === 'crc' ? '"other"' : etag }).end(out);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
    rmSync(tmp, { recursive: true, force: true });
  });

  it('downloads, builds, then answers later updates from the cache through conditional requests', async () => {
    const target = path.join(tmp, 'db', 'vuln.db');
    const lines: string[] = [];
    const r1 = await updateDatabase(target, { baseUrl: base, ecosystems: ['Go', 'Ubuntu', 'npm'], progress: (l) => lines.push(l) });
    expect(r1.ecosystems.map((e) => e.status)).toEqual(['downloaded', 'downloaded', 'downloaded']);
    expect(lines.some((l) => /Go: .* downloaded/.test(l))).toBe(true);
    const db = VulnDb.open(target);
    expect(db.affected('npm', 'lodash').length).toBe(1);
    expect(db.affected('Go', 'stdlib').length).toBeGreaterThan(100);
    db.close();
    const r2 = await updateDatabase(target, { baseUrl: base, ecosystems: ['Go', 'Ubuntu', 'npm'] });
    expect(r2.ecosystems.map((e) => e.status)).toEqual(['not-modified', 'not-modified', 'not-modified']);
    expect(hits.filter((h) => h.startsWith('/Go/all.zip "')).length).toBe(1);
    expect(r2.stats.records).toBe(r1.stats.records);
  });

  it('leaves the old database working when a download is cut off or corrupt', async () => {
    const target = path.join(tmp, 'db2', 'vuln.db');
    await updateDatabase(target, { baseUrl: base, ecosystems: ['npm'] });
    mode = 'cut';
    await expect(updateDatabase(target, { baseUrl: base, ecosystems: ['Go'], attempts: 2, backoffMs: 10 })).rejects.toThrow(/Go: download failed after 2 attempts.*existing database was left/);
    mode = 'crc';
    await expect(updateDatabase(target, { baseUrl: base, ecosystems: ['Go'], attempts: 1 })).rejects.toThrow(/CRC-32|corrupt/);
    mode = 'ok';
    const db = VulnDb.open(target);
    expect([...new Set(db.affected('npm', 'minimist').map((r) => r.vuln_id))]).toEqual(['GHSA-xvch-5gv4-984h']);
    db.close();
  });

  it('says which ecosystem is unknown to the mirror', async () => {
    await expect(updateDatabase(path.join(tmp, 'db3', 'vuln.db'), { baseUrl: base, ecosystems: ['Nope'] })).rejects.toThrow(/Nope: .*not found \(HTTP 404\)/);
  });
});
