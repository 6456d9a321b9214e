import { createHash } from 'node:crypto';
import { createWriteStream, promises as fsp } from 'node:fs';
import path from 'node:path';
import { buildDatabase, type ImportSource } from './import.js';
import { VulnDbError, type ImportStats } from './store.js';
import { readZip } from './zip.js';

/**
 * `db update`: downloads OSV's per-ecosystem exports (`<base>/<ecosystem>/all.zip`), each with a
 * conditional request (ETag / Last-Modified) so an unchanged export is not fetched again, checks
 * length, zip CRCs and a SHA-256 of what is kept, then rebuilds the database and swaps it in
 * atomically. The base URL can point at a mirror.
 */
export const DEFAULT_OSV_BASE = 'https://osv-vulnerabilities.storage.googleapis.com';
export const DEFAULT_ECOSYSTEMS = ['Debian', 'Ubuntu', 'Alpine', 'Go', 'npm', 'PyPI'];

export interface UpdateOptions {
  baseUrl?: string;
  ecosystems?: string[];
  timeoutMs?: number;
  attempts?: number;
  backoffMs?: number;
  /** Progress lines (to stderr in the CLI). */
  progress?: (line: string) => void;
}

interface CacheMeta {
  etag?: string;
  lastModified?: string;
  sha256: string;
  size: number;
  fetchedAt: string;
}

export interface UpdateResult {
  stats: ImportStats;
  ecosystems: { ecosystem: string; status: 'downloaded' | 'not-modified'; bytes: number }[];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function readMeta(file: string): Promise<CacheMeta | undefined> {
  try {
    return JSON.parse(await fsp.readFile(file, 'utf8')) as CacheMeta;
  } catch {
    return undefined;
  }
}

async function sha256File(file: string): Promise<string | undefined> {
  try {
    return createHash('sha256').update(await fsp.readFile(file)).digest('hex');
  } catch {
    return undefined;
  }
}

function human(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MiB` : `${Math.ceil(n / 1024)} KiB`;
}

async function download(url: string, dest: string, cached: CacheMeta | undefined, options: UpdateOptions, label: string): Promise<{ status: 'downloaded' | 'not-modified'; meta?: CacheMeta }> {
  const timeoutMs = options.timeoutMs ?? 60_000;
  const attempts = Math.max(1, options.attempts ?? 3);
  let last = '';
  for (let attempt = 1; attempt <= attempts; attempt++) {
    if (attempt > 1) {
      const wait = (options.backoffMs ?? 1000) * 2 ** (attempt - 2);
      options.progress?.(`${label}: ${last}; retrying in ${wait} ms`);
      await sleep(wait);
    }
    const controller = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(() => controller.abort(), timeoutMs);
    };
    arm();
    const tmp = `${dest}.part-${process.pid}`;
    try {
      const headers: Record<string, string> = {};
      if (cached?.etag) headers['if-none-match'] = cached.etag;
      if (cached?.lastModified) headers['if-modified-since'] = cached.lastModified;
      const res = await fetch(url, { headers, signal: controller.signal });
      if (res.status === 304) {
        clearTimeout(timer);
        return { status: 'not-modified' };
      }
      if (res.status === 404) throw new VulnDbError(`${label}: ${url} not found (HTTP 404); is the ecosystem name right?`);
      if (res.status >= 500 || res.status === 429) {
        last = `HTTP ${res.status}`;
        await res.body?.cancel().catch(() => undefined);
        continue;
      }
      if (!res.ok) throw new VulnDbError(`${label}: ${url} answered HTTP ${res.status}`);
      const total = Number(res.headers.get('content-length') ?? 0);
      const hash = createHash('sha256');
      const out = createWriteStream(tmp);
      let got = 0;
      let lastShown = 0;
      for await (const c of res.body as unknown as AsyncIterable<Uint8Array>) {
        arm();
        got += c.length;
        hash.update(c);
        if (!out.write(c)) await new Promise<void>((r) => out.once('drain', () => r()));
        if (got - lastShown > 4 * 1024 * 1024) {
          lastShown = got;
          options.progress?.(`${label}: ${human(got)}${total ? ` of ${human(total)}` : ''}`);
        }
      }
      await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
      clearTimeout(timer);
      if (total && got !== total) throw new VulnDbError(`${label}: the download ended after ${got} of ${total} bytes`);
      // Refuse a damaged zip before it replaces the good one.
      readZip(await fsp.readFile(tmp));
      await fsp.rename(tmp, dest);
      const meta: CacheMeta = { sha256: hash.digest('hex'), size: got, fetchedAt: new Date().toISOString() };
      const etag = res.headers.get('etag');
      const lm = res.headers.get('last-modified');
      if (etag) meta.etag = etag;
      if (lm) meta.lastModified = lm;
      options.progress?.(`${label}: ${human(got)} downloaded`);
      return { status: 'downloaded', meta };
    } catch (err) {
      clearTimeout(timer);
      await fsp.rm(tmp, { force: true });
      if (err instanceof VulnDbError) throw err;
      if ((err as Error).name === 'ZipError') throw new VulnDbError(`${label}: ${(err as Error).message}`);
      const e = err as Error & { cause?: { code?: string } };
      last = controller.signal.aborted ? `no data for ${timeoutMs} ms` : (e.cause?.code ?? e.message);
    }
  }
  throw new VulnDbError(`${label}: download failed after ${attempts} attempts (${last}); the existing database was left as it was`);
}

export async function updateDatabase(target: string, options: UpdateOptions = {}): Promise<UpdateResult> {
  const base = (options.baseUrl ?? process.env.RAMPART_OSV_URL ?? DEFAULT_OSV_BASE).replace(/\/+$/, '');
  const ecosystems = options.ecosystems?.length ? options.ecosystems : DEFAULT_ECOSYSTEMS;
  const cacheDir = path.join(path.dirname(target), 'osv');
  await fsp.mkdir(cacheDir, { recursive: true });
  const sources: ImportSource[] = [];
  const results: UpdateResult['ecosystems'] = [];
  for (const eco of ecosystems) {
    const safe = eco.replace(/[^A-Za-z0-9._-]/g, '_');
    const zipFile = path.join(cacheDir, `${safe}.zip`);
    const metaFile = path.join(cacheDir, `${safe}.json`);
    let cached = await readMeta(metaFile);
    // A cached zip that no longer matches its recorded hash is fetched again in full.
    if (cached && (await sha256File(zipFile)) !== cached.sha256) cached = undefined;
    const url = `${base}/${encodeURIComponent(eco)}/all.zip`;
    options.progress?.(`${eco}: fetching ${url}`);
    const r = await download(url, zipFile, cached, options, eco);
    if (r.status === 'not-modified') options.progress?.(`${eco}: not modified since ${cached?.fetchedAt ?? 'the last update'}`);
    if (r.meta) await fsp.writeFile(metaFile, JSON.stringify(r.meta, null, 2));
    results.push({ ecosystem: eco, status: r.status, bytes: r.meta?.size ?? cached?.size ?? 0 });
    sources.push({ path: zipFile, ecosystem: eco });
  }
  options.progress?.('building the database');
  const stats = await buildDatabase(sources, target, { source: base });
  return { stats, ecosystems: results };
}
