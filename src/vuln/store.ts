import { existsSync, promises as fsp, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { isOsvRecord, type OsvAffected, type OsvRecord } from './osv.js';

/**
 * The vulnerability database: OSV records in SQLite. One row per (ecosystem, package name,
 * record) in `affected`, indexed on (ecosystem, name), so that looking a package up is one
 * index probe. Debian and Ubuntu records name source packages; Ubuntu ones also list binary
 * names, which get rows of their own (`via = 'binary'`) so that a package without a known
 * source (a chisel rock) is still found.
 */
export const DB_SCHEMA_VERSION = 1;

export class VulnDbError extends Error {}

export function defaultDbPath(): string {
  if (process.env.RAMPART_DB) return process.env.RAMPART_DB;
  const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(base, 'rampart', 'vuln.db');
}

const SCHEMA = `
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE vulns (
  id TEXT PRIMARY KEY,
  summary TEXT,
  aliases TEXT NOT NULL,
  severity TEXT NOT NULL,
  db_severity TEXT,
  modified TEXT,
  published TEXT,
  url TEXT
);
CREATE TABLE affected (
  ecosystem TEXT NOT NULL,
  name TEXT NOT NULL,
  vuln_id TEXT NOT NULL,
  via TEXT NOT NULL,
  source_name TEXT NOT NULL,
  ranges TEXT NOT NULL,
  versions TEXT NOT NULL
);
`;
const INDEXES = `CREATE INDEX affected_lookup ON affected (ecosystem, name);`;

export interface AffectedRow {
  ecosystem: string;
  name: string;
  vuln_id: string;
  via: 'package' | 'binary';
  source_name: string;
  ranges: string;
  versions: string;
}

export interface VulnRow {
  id: string;
  summary: string | null;
  aliases: string;
  severity: string;
  db_severity: string | null;
  modified: string | null;
  published: string | null;
  url: string | null;
}

export interface ImportStats {
  files: number;
  records: number;
  withdrawn: number;
  /** Files that are not OSV (other formats side by side in a dump), by path. */
  skipped: string[];
  affectedRows: number;
  ecosystems: Record<string, number>;
}

/** Writes records into a new database file; used by `db import` and `db update` before the atomic swap. */
export class DbWriter {
  private readonly db: Database.Database;
  private readonly insertVuln: Database.Statement;
  private readonly insertAffected: Database.Statement;
  private pending: OsvRecord[] = [];
  readonly stats: ImportStats = { files: 0, records: 0, withdrawn: 0, skipped: [], affectedRows: 0, ecosystems: {} };
  private readonly seen = new Set<string>();

  constructor(readonly file: string) {
    this.db = new Database(file);
    this.db.pragma('journal_mode = OFF');
    this.db.pragma('synchronous = OFF');
    this.db.exec(SCHEMA);
    this.insertVuln = this.db.prepare('INSERT OR REPLACE INTO vulns VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
    this.insertAffected = this.db.prepare('INSERT INTO affected VALUES (?, ?, ?, ?, ?, ?, ?)');
  }

  /** Adds the records in one parsed JSON document (a record or an array of records). */
  addDocument(doc: unknown, name: string): void {
    this.stats.files++;
    const list = Array.isArray(doc) ? doc : [doc];
    const records = list.filter(isOsvRecord);
    if (records.length === 0) {
      this.stats.skipped.push(name);
      return;
    }
    for (const r of records) this.pending.push(r);
    if (this.pending.length >= 2000) this.flush();
  }

  flush(): void {
    const batch = this.pending;
    this.pending = [];
    this.db.transaction(() => {
      for (const r of batch) this.insert(r);
    })();
  }

  private insert(r: OsvRecord): void {
    if (r.withdrawn) {
      this.stats.withdrawn++;
      return;
    }
    // The same id may come twice (a record in two dumps); the later one wins.
    if (this.seen.has(r.id)) this.db.prepare('DELETE FROM affected WHERE vuln_id = ?').run(r.id);
    this.seen.add(r.id);
    this.stats.records++;
    const dbSeverity = typeof r.database_specific?.severity === 'string' ? r.database_specific.severity : null;
    const url = (r.database_specific?.url as string | undefined) ?? r.references?.find((x) => x.type === 'ADVISORY' || x.type === 'WEB')?.url ?? null;
    this.insertVuln.run(r.id, r.summary ?? null, JSON.stringify(r.aliases ?? []), JSON.stringify(r.severity ?? []), dbSeverity, r.modified ?? null, r.published ?? null, url);
    for (const a of r.affected ?? []) this.insertAffectedEntry(r.id, a);
  }

  private insertAffectedEntry(id: string, a: OsvAffected): void {
    const ecosystem = a.package?.ecosystem;
    const name = a.package?.name;
    if (!ecosystem || !name) return;
    const ranges = JSON.stringify((a.ranges ?? []).filter((x) => x.type !== 'GIT'));
    const versions = JSON.stringify(a.versions ?? []);
    this.insertAffected.run(ecosystem, name, id, 'package', name, ranges, versions);
    this.stats.affectedRows++;
    this.stats.ecosystems[ecosystem] = (this.stats.ecosystems[ecosystem] ?? 0) + 1;
    const binaries = a.ecosystem_specific?.binaries;
    if (Array.isArray(binaries)) {
      const names = new Set<string>();
      for (const b of binaries) {
        const n = typeof b === 'string' ? b : b?.binary_name;
        if (typeof n === 'string' && n !== name) names.add(n);
      }
      for (const n of names) {
        this.insertAffected.run(ecosystem, n, id, 'binary', name, ranges, versions);
        this.stats.affectedRows++;
      }
    }
  }

  /** Builds the index and writes metadata; the file is then complete and can be swapped in. */
  finish(meta: Record<string, string>): ImportStats {
    this.flush();
    this.db.exec(INDEXES);
    const put = this.db.prepare('INSERT OR REPLACE INTO meta VALUES (?, ?)');
    const all: Record<string, string> = {
      schemaVersion: String(DB_SCHEMA_VERSION),
      builtAt: new Date().toISOString(),
      records: String(this.stats.records),
      ecosystems: JSON.stringify(this.stats.ecosystems),
      ...meta,
    };
    for (const [k, v] of Object.entries(all)) put.run(k, v);
    this.db.exec('ANALYZE');
    this.db.close();
    return this.stats;
  }

  abort(): void {
    try {
      this.db.close();
    } catch {
      // already closed
    }
  }
}

const RUN_UPDATE = 'run `rampart db update` (or `rampart db import <dir|zip>` offline) to build it';

/** A read-only handle on a built database, with the per-package lookup prepared once. */
export class VulnDb {
  private readonly db: Database.Database;
  private readonly lookup: Database.Statement;
  private readonly vulnById: Database.Statement;
  private readonly vulnCache = new Map<string, VulnRow | undefined>();
  readonly meta: Record<string, string>;

  private constructor(
    readonly file: string,
    db: Database.Database,
  ) {
    this.db = db;
    this.lookup = db.prepare('SELECT ecosystem, name, vuln_id, via, source_name, ranges, versions FROM affected WHERE ecosystem = ? AND name = ?');
    this.vulnById = db.prepare('SELECT * FROM vulns WHERE id = ?');
    this.meta = Object.fromEntries((db.prepare('SELECT key, value FROM meta').all() as { key: string; value: string }[]).map((r) => [r.key, r.value]));
  }

  static open(file = defaultDbPath()): VulnDb {
    if (!existsSync(file)) throw new VulnDbError(`no vulnerability database at ${file}; ${RUN_UPDATE}`);
    if (statSync(file).size === 0) throw new VulnDbError(`the vulnerability database ${file} is empty; ${RUN_UPDATE}`);
    let db: Database.Database;
    try {
      db = new Database(file, { readonly: true, fileMustExist: true });
      const version = (db.prepare("SELECT value FROM meta WHERE key = 'schemaVersion'").get() as { value: string } | undefined)?.value;
      if (version !== String(DB_SCHEMA_VERSION)) {
        db.close();
        throw new VulnDbError(`the vulnerability database ${file} has schema ${version ?? 'unknown'}, this Rampart needs ${DB_SCHEMA_VERSION}; ${RUN_UPDATE}`);
      }
      return new VulnDb(file, db);
    } catch (err) {
      if (err instanceof VulnDbError) throw err;
      throw new VulnDbError(`the vulnerability database ${file} is corrupt or not a Rampart database (${(err as Error).message}); ${RUN_UPDATE}`);
    }
  }

  /** The rows of many names of one ecosystem in one query (names: at most 500). */
  affectedMany(ecosystem: string, names: readonly string[]): AffectedRow[] {
    let st = this.manyCache.get(names.length);
    if (!st) {
      // Rows as arrays: no per-row object built by the driver (measurably faster for thousands of rows).
      st = this.db.prepare(`SELECT name, vuln_id, via, source_name, ranges, versions FROM affected WHERE ecosystem = ? AND name IN (${names.map(() => '?').join(',')})`).raw(true);
      this.manyCache.set(names.length, st);
    }
    return (st.all(ecosystem, ...names) as string[][]).map(([name, vuln_id, via, source_name, ranges, versions]) => ({
      ecosystem,
      name: name!,
      vuln_id: vuln_id!,
      via: via as AffectedRow['via'],
      source_name: source_name!,
      ranges: ranges!,
      versions: versions!,
    }));
  }

  private readonly manyCache = new Map<number, Database.Statement>();

  affected(ecosystem: string, name: string): AffectedRow[] {
    return this.lookup.all(ecosystem, name) as AffectedRow[];
  }

  vuln(id: string): VulnRow | undefined {
    if (!this.vulnCache.has(id)) this.vulnCache.set(id, this.vulnById.get(id) as VulnRow | undefined);
    return this.vulnCache.get(id);
  }

  counts(): { records: number; affected: number; byEcosystem: Record<string, number> } {
    const records = (this.db.prepare('SELECT count(*) n FROM vulns').get() as { n: number }).n;
    const affected = (this.db.prepare('SELECT count(*) n FROM affected').get() as { n: number }).n;
    const rows = this.db.prepare("SELECT ecosystem, count(DISTINCT vuln_id) n FROM affected GROUP BY ecosystem ORDER BY ecosystem").all() as { ecosystem: string; n: number }[];
    return { records, affected, byEcosystem: Object.fromEntries(rows.map((r) => [r.ecosystem, r.n])) };
  }

  close(): void {
    this.db.close();
  }
}

/** Replaces `target` with the finished `tmp` file in one rename, so a reader never sees half a database. */
export async function swapInto(tmp: string, target: string): Promise<void> {
  await fsp.mkdir(path.dirname(target), { recursive: true });
  await fsp.rename(tmp, target);
}
