import { createHash } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { DbWriter, swapInto, VulnDbError, type ImportStats } from './store.js';
import { readZip, ZipError } from './zip.js';

/** Where records come from: folders of OSV JSON files, or zips of them (osv.dev's all.zip). */
export interface ImportSource {
  path: string;
  /** For update: the ecosystem the zip is for, recorded in the database metadata. */
  ecosystem?: string;
}

async function* walkJson(dir: string): AsyncGenerator<string> {
  let entries;
  try {
    entries = await fsp.readdir(dir, { withFileTypes: true });
  } catch (err) {
    throw new VulnDbError(`cannot read ${dir}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such directory' : (err as Error).message}`);
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : 1));
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) yield* walkJson(p);
    else if (e.isFile() && e.name.endsWith('.json')) yield p;
  }
}

function parse(text: string | Uint8Array, name: string, writer: DbWriter): void {
  let doc: unknown;
  try {
    doc = JSON.parse(typeof text === 'string' ? text : Buffer.from(text).toString('utf8'));
  } catch {
    writer.stats.files++;
    writer.stats.skipped.push(`${name} (not valid JSON)`);
    return;
  }
  writer.addDocument(doc, name);
}

async function addSource(writer: DbWriter, src: ImportSource): Promise<void> {
  let stat;
  try {
    stat = await fsp.stat(src.path);
  } catch {
    throw new VulnDbError(`${src.path}: no such file or directory`);
  }
  if (stat.isDirectory()) {
    for await (const file of walkJson(src.path)) parse(await fsp.readFile(file, 'utf8'), path.relative(src.path, file), writer);
    return;
  }
  const bytes = await fsp.readFile(src.path);
  let members: Map<string, Uint8Array>;
  try {
    members = readZip(bytes, (n) => n.endsWith('.json'));
  } catch (err) {
    if (err instanceof ZipError) throw new VulnDbError(`${src.path}: ${err.message}`);
    throw err;
  }
  for (const [name, data] of [...members].sort(([a], [b]) => (a < b ? -1 : 1))) parse(data, `${path.basename(src.path)}:${name}`, writer);
}

/**
 * Builds a complete database from the sources into a temporary file beside `target`, then
 * renames it over `target`. An interrupted or failed import leaves the old database as it was.
 */
export async function buildDatabase(sources: readonly ImportSource[], target: string, meta: Record<string, string> = {}): Promise<ImportStats> {
  await fsp.mkdir(path.dirname(target), { recursive: true });
  const tmp = `${target}.tmp-${process.pid}-${createHash('sha1').update(String(Date.now())).digest('hex').slice(0, 6)}`;
  const writer = new DbWriter(tmp);
  try {
    for (const src of sources) await addSource(writer, src);
    writer.flush();
    if (writer.stats.records === 0) throw new VulnDbError(`no OSV records found in ${sources.map((s) => s.path).join(', ')}`);
    const stats = writer.finish({ sources: JSON.stringify(sources.map((s) => s.ecosystem ?? path.resolve(s.path))), ...meta });
    await swapInto(tmp, target);
    return stats;
  } catch (err) {
    writer.abort();
    await fsp.rm(tmp, { force: true });
    throw err;
  }
}
