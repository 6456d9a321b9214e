import { promises as fs } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import type { Inventory } from '../../core/types.js';
import { inventoryFromCollection } from '../cluster/inventory.js';
import type { Collection } from '../cluster/types.js';

/**
 * A snapshot is one gzipped JSON envelope around a {@link Collection}: the Lists as collected
 * (Secret values already redacted), the server version, and what could not be read. Version 1 of
 * the envelope; a reader refuses a major version it does not know rather than guess.
 */
export const SNAPSHOT_API_VERSION = 'rampart.dev/snapshot/v1';
export const SNAPSHOT_KIND = 'ClusterSnapshot';
/** Refuses to inflate more than this (a gzip bomb, or not a snapshot). */
export const MAX_SNAPSHOT_BYTES = 2 * 1024 * 1024 * 1024 - 1;

export interface SnapshotEnvelope {
  apiVersion: typeof SNAPSHOT_API_VERSION;
  kind: typeof SNAPSHOT_KIND;
  collection: Collection;
}

export class SnapshotError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SnapshotError';
  }
}

const gzip = promisify(zlib.gzip);
const gunzip = promisify(zlib.gunzip);

export function isSnapshotPath(file: string): boolean {
  return file.toLowerCase().endsWith('.json.gz');
}

export async function encodeSnapshot(collection: Collection): Promise<Buffer> {
  const envelope: SnapshotEnvelope = { apiVersion: SNAPSHOT_API_VERSION, kind: SNAPSHOT_KIND, collection };
  return gzip(Buffer.from(JSON.stringify(envelope)), { level: 6 });
}

/** Writes atomically: a temp file beside the target, then a rename. */
export async function writeSnapshot(file: string, collection: Collection): Promise<number> {
  const data = await encodeSnapshot(collection);
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    await fs.writeFile(tmp, data, { mode: 0o600 });
    await fs.rename(tmp, file);
  } catch (err) {
    await fs.rm(tmp, { force: true });
    throw new SnapshotError(`cannot write ${file}: ${(err as Error).message}`);
  }
  return data.length;
}

export async function decodeSnapshot(data: Buffer, name: string): Promise<Collection> {
  if (data[0] !== 0x1f || data[1] !== 0x8b) throw new SnapshotError(`${name}: not gzip data (a snapshot is a .json.gz file written by rampart snapshot)`);
  let text: string;
  try {
    text = (await gunzip(data, { maxOutputLength: MAX_SNAPSHOT_BYTES })).toString('utf8');
  } catch (err) {
    throw new SnapshotError(`${name}: cannot decompress: ${(err as Error).message}`);
  }
  let envelope: Partial<SnapshotEnvelope>;
  try {
    envelope = JSON.parse(text);
  } catch (err) {
    throw new SnapshotError(`${name}: not JSON after decompression: ${(err as Error).message}`);
  }
  if (envelope?.kind !== SNAPSHOT_KIND || typeof envelope.apiVersion !== 'string') throw new SnapshotError(`${name}: not a rampart cluster snapshot (kind ${JSON.stringify(envelope?.kind)})`);
  if (envelope.apiVersion !== SNAPSHOT_API_VERSION) throw new SnapshotError(`${name}: snapshot version ${envelope.apiVersion} is not supported (this rampart reads ${SNAPSHOT_API_VERSION})`);
  const c = envelope.collection;
  if (!c || typeof c !== 'object' || !Array.isArray(c.lists) || !Array.isArray(c.forbidden) || !c.cluster) throw new SnapshotError(`${name}: the snapshot's collection is malformed`);
  c.notServed ??= [];
  for (const list of c.lists) if (!Array.isArray(list?.items)) throw new SnapshotError(`${name}: a list in the snapshot has no items`);
  return c;
}

export async function readSnapshot(file: string): Promise<{ collection: Collection; bytes: number }> {
  let data: Buffer;
  try {
    data = await fs.readFile(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new SnapshotError(`${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : (err as Error).message}`);
  }
  return { collection: await decodeSnapshot(data, file), bytes: data.length };
}

/**
 * Adds a snapshot's objects to an inventory (the hook `collectManifests` uses for `.json.gz`).
 * A bad snapshot becomes an error diagnostic; the other inputs are still read.
 */
export async function addSnapshot(inventory: Inventory, file: string): Promise<void> {
  let read;
  try {
    read = await readSnapshot(file);
  } catch (err) {
    inventory.diagnostics.push({ level: 'error', code: 'snapshot-invalid', message: (err as Error).message, file });
    return;
  }
  const part = inventoryFromCollection(read.collection, { origin: 'snapshot', file, bytes: read.bytes });
  inventory.resources.push(...part.resources);
  inventory.diagnostics.push(...part.diagnostics);
  inventory.stats.files += part.stats.files;
  inventory.stats.bytes += part.stats.bytes;
  inventory.stats.documents += part.stats.documents;
  inventory.stats.resources += part.stats.resources;
  inventory.context = { ...part.context, ...inventory.context, snapshot: file };
}
