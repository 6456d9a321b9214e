import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Db } from './sql-store.js';
import { StoreError } from './types.js';

/** SQLite through better-sqlite3 (synchronous, in-process): the single-user default. */
export function openSqlite(file: string): Db {
  if (file !== ':memory:') mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const existed = file !== ':memory:' && existsSync(file);
  let db: Database.Database;
  try {
    db = new Database(file);
    // Reading the schema is what reveals a file that is not a database.
    db.prepare('SELECT name FROM sqlite_master LIMIT 1').all();
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
  } catch (err) {
    const msg = (err as Error).message;
    throw new StoreError(
      /not a database|malformed|file is encrypted/i.test(msg)
        ? `${file} is not a SQLite database (or it is damaged): ${msg}; it was left untouched — give another --store or move it away`
        : `cannot open ${file}${existed ? '' : ' (new)'}: ${msg}`,
    );
  }
  const wrap = <T>(fn: () => T): T => {
    try {
      return fn();
    } catch (err) {
      const msg = (err as Error).message;
      if (/malformed|not a database|corrupt/i.test(msg)) throw new StoreError(`${file} is damaged: ${msg}; it was left untouched`);
      throw err;
    }
  };
  let depth = 0;
  return {
    dialect: 'sqlite',
    async all(sql, params = []) {
      return wrap(() => {
        const stmt = db.prepare(sql);
        return stmt.reader ? (stmt.all(...(params as unknown[])) as Record<string, any>[]) : (stmt.run(...(params as unknown[])), []);
      });
    },
    async run(sql, params = []) {
      wrap(() => db.prepare(sql).run(...(params as unknown[])));
    },
    async insertMany(table, columns, rows) {
      if (!rows.length) return;
      const stmt = db.prepare(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`);
      wrap(() => {
        for (const r of rows) stmt.run(...r);
      });
    },
    async transaction(fn) {
      // Nested calls join the outer transaction.
      if (depth > 0) return fn();
      depth++;
      db.exec('BEGIN');
      try {
        const out = await fn();
        db.exec('COMMIT');
        return out;
      } catch (err) {
        db.exec('ROLLBACK');
        throw err;
      } finally {
        depth--;
      }
    },
    async tables() {
      return wrap(() => (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`).all() as { name: string }[]).map((r) => r.name));
    },
    async close() {
      db.close();
    },
  };
}
