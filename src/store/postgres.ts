import pg from 'pg';
import type { Db } from './sql-store.js';
import { StoreError } from './types.js';

/** `?` placeholders become `$1, $2, …` (none of our SQL has a literal `?`). */
function numbered(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return url.replace(/:[^:@/]*@/, ':***@');
  }
}

/** PostgreSQL through `pg`: one pool; a transaction holds one client, which nested calls reuse. */
export async function openPostgres(url: string): Promise<Db> {
  const pool = new pg.Pool({ connectionString: url, max: 4, connectionTimeoutMillis: 10_000 });
  pool.on('error', () => {
    // An idle client that dies is replaced on the next query; nothing to do here.
  });
  try {
    const c = await pool.connect();
    c.release();
  } catch (err) {
    await pool.end().catch(() => undefined);
    throw new StoreError(`cannot connect to ${redactUrl(url)}: ${(err as Error).message}`);
  }
  let tx: pg.PoolClient | undefined;
  const q = async (sql: string, params: readonly unknown[] = []) => (await (tx ?? pool).query(numbered(sql), params as unknown[])).rows as Record<string, any>[];
  return {
    dialect: 'postgres',
    all: q,
    async run(sql, params) {
      await q(sql, params);
    },
    async insertMany(table, columns, rows) {
      // Batches keep each statement under PostgreSQL's 65,535-parameter limit.
      const per = Math.max(1, Math.floor(30_000 / columns.length));
      for (let i = 0; i < rows.length; i += per) {
        const chunk = rows.slice(i, i + per);
        const values = chunk.map((r, j) => `(${r.map((_v, k) => `$${j * columns.length + k + 1}`).join(', ')})`).join(', ');
        await (tx ?? pool).query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${values}`, chunk.flat());
      }
    },
    async transaction(fn) {
      if (tx) return fn();
      const client = await pool.connect();
      tx = client;
      try {
        await client.query('BEGIN');
        const out = await fn();
        await client.query('COMMIT');
        return out;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        tx = undefined;
        client.release();
      }
    },
    async tables() {
      const rows = await q(`SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() ORDER BY table_name`);
      return rows.map((r) => String(r.table_name));
    },
    async close() {
      await pool.end();
    },
  };
}
