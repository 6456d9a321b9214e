import os from 'node:os';
import path from 'node:path';
import { SqlStore } from './sql-store.js';
import { openSqlite } from './sqlite.js';
import { StoreError, type Store } from './types.js';

export * from './types.js';
export { clusterOf } from './sql-store.js';

/** `$RAMPART_STORE`, else `rampart/rampart.db` under the XDG data folder (`~/.local/share` by default). */
export function defaultStoreUrl(): string {
  if (process.env.RAMPART_STORE) return process.env.RAMPART_STORE;
  const data = process.env.XDG_DATA_HOME || path.join(os.homedir(), '.local', 'share');
  return path.join(data, 'rampart', 'rampart.db');
}

/**
 * Opens (creating and migrating when new) the store at `url`: `postgres://…` or `postgresql://…`
 * for PostgreSQL; `sqlite:PATH`, `file:PATH` or a plain path for SQLite. A store that is not
 * Rampart's, or is damaged, is refused with a StoreError and left as it was.
 */
export async function openStore(url: string = defaultStoreUrl()): Promise<Store> {
  let store: SqlStore;
  if (/^postgres(ql)?:\/\//i.test(url)) {
    const { openPostgres, redactUrl } = await import('./postgres.js');
    store = new SqlStore(await openPostgres(url), redactUrl(url));
  } else {
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(url) && !/^(sqlite|file):/i.test(url)) throw new StoreError(`unsupported store URL "${url}": use postgres://… or a SQLite file path`);
    const file = url.replace(/^(sqlite|file):(\/\/)?/i, '');
    store = new SqlStore(openSqlite(file), file);
  }
  try {
    await store.init();
  } catch (err) {
    await store.close().catch(() => undefined);
    throw err;
  }
  return store;
}
