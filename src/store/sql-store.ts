import { frameworksOf } from '../frameworks/assess.js';
import type { Report } from '../reporters/report.js';
import { MIGRATIONS, STORE_MARKER } from './schema.js';
import { StoreError, type ClusterSummary, type FindingFilter, type FindingRow, type ScanMeta, type Store, type TrendPoint } from './types.js';

/** What a dialect provides: queries with `?` placeholders, and a transaction. */
export interface Db {
  readonly dialect: 'sqlite' | 'postgres';
  all(sql: string, params?: readonly unknown[]): Promise<Record<string, any>[]>;
  run(sql: string, params?: readonly unknown[]): Promise<void>;
  /** Inserts many rows of `columns` into `table` (batched by the dialect). */
  insertMany(table: string, columns: readonly string[], rows: readonly unknown[][]): Promise<void>;
  transaction<T>(fn: () => Promise<T>): Promise<T>;
  tables(): Promise<string[]>;
  close(): Promise<void>;
}

/** The cluster a report is about: its context's cluster name, else its target as given. */
export function clusterOf(report: Report): string {
  const c = report.context?.cluster;
  if (typeof c === 'string' && c) return c;
  return `${report.target.kind}:${report.target.inputs.join(',')}`;
}

const num = (v: unknown) => (v === null || v === undefined ? 0 : Number(v));

/** Store on top of a SQL dialect. All SQL here is the common subset of SQLite and PostgreSQL. */
export class SqlStore implements Store {
  constructor(
    private readonly db: Db,
    readonly location: string,
  ) {}

  get kind() {
    return this.db.dialect;
  }

  /** Checks that the database is a Rampart store (or empty) and applies pending migrations. */
  async init(): Promise<void> {
    const tables = await this.db.tables();
    let version = 0;
    if (tables.includes('rampart_meta')) {
      const rows = await this.db.all(`SELECT key, value FROM rampart_meta`);
      const meta = new Map(rows.map((r) => [String(r.key), String(r.value)]));
      if (meta.get('format') !== STORE_MARKER) throw new StoreError(`${this.location} has a rampart_meta table but is not a Rampart store; refusing to change it`);
      version = Number(meta.get('version') ?? 0);
      if (version > MIGRATIONS.length)
        throw new StoreError(`${this.location} was written by a newer Rampart (store version ${version}, this one knows ${MIGRATIONS.length}); upgrade Rampart`);
    } else if (tables.length > 0) {
      throw new StoreError(
        `${this.location} is not a Rampart store (it has other tables: ${tables.slice(0, 5).join(', ')}${tables.length > 5 ? ', …' : ''}); refusing to change it — give another --store`,
      );
    }
    for (let v = version; v < MIGRATIONS.length; v++) {
      await this.db.transaction(async () => {
        for (const stmt of MIGRATIONS[v]!) await this.db.run(this.dialectSql(stmt));
        if (v === 0) await this.db.run(`INSERT INTO rampart_meta (key, value) VALUES ('format', ?)`, [STORE_MARKER]);
        await this.db.run(`DELETE FROM rampart_meta WHERE key = 'version'`);
        await this.db.run(`INSERT INTO rampart_meta (key, value) VALUES ('version', ?)`, [String(v + 1)]);
      });
    }
  }

  private dialectSql(sql: string): string {
    const pg = this.db.dialect === 'postgres';
    return sql.replace('{{id}}', pg ? 'BIGSERIAL PRIMARY KEY' : 'INTEGER PRIMARY KEY AUTOINCREMENT').replaceAll('{{bigint}}', pg ? 'BIGINT' : 'INTEGER');
  }

  async saveScan(report: Report, options: { cluster?: string } = {}): Promise<ScanMeta> {
    if (!report || typeof report !== 'object' || !Array.isArray(report.findings) || !report.summary) throw new StoreError('not a Rampart JSON report (no findings or summary)');
    const cluster = options.cluster ?? clusterOf(report);
    const s = report.summary;
    const storedAt = new Date().toISOString();
    const scores = frameworksOf(report);
    return this.db.transaction(async () => {
      const rows = await this.db.all(
        `INSERT INTO scans (cluster, target_kind, target, generated_at, stored_at, tool_version, resources, findings, critical, high, medium, low, info, waived, report)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
        [
          cluster,
          report.target.kind,
          report.target.inputs.join(' '),
          report.generatedAt,
          storedAt,
          report.tool.version,
          s.resources,
          s.findings,
          s.bySeverity.critical,
          s.bySeverity.high,
          s.bySeverity.medium,
          s.bySeverity.low,
          s.bySeverity.info,
          s.waived,
          JSON.stringify(report),
        ],
      );
      const id = Number(rows[0]!.id);
      // Passes are not stored row by row: they are in the report, and the rows serve filters and diffs.
      const findingRows = report.findings
        .filter((f) => f.status !== 'pass' && f.status !== 'not-applicable')
        .map((f) => [id, f.fingerprint, f.ruleId, f.severity, f.status, f.waiver ? 1 : 0, f.resource.kind, f.resource.namespace ?? '', f.resource.name, f.message, f.location.file ?? null, f.location.line ?? null]);
      await this.db.insertMany('findings', ['scan_id', 'fingerprint', 'rule_id', 'severity', 'status', 'waived', 'kind', 'namespace', 'name', 'message', 'file', 'line'], findingRows);
      await this.db.insertMany(
        'framework_scores',
        ['scan_id', 'framework', 'name', 'score', 'pass', 'fail', 'waived', 'manual'],
        scores.map((fw) => [id, fw.id, fw.name, fw.score, fw.counts.pass, fw.counts.fail, fw.counts.waived, fw.counts.manual]),
      );
      return (await this.getScan(id))!;
    });
  }

  private async withScores(rows: Record<string, any>[]): Promise<ScanMeta[]> {
    if (rows.length === 0) return [];
    const ids = rows.map((r) => Number(r.id));
    const scoreRows = await this.db.all(`SELECT * FROM framework_scores WHERE scan_id IN (${ids.map(() => '?').join(',')}) ORDER BY framework`, ids);
    return rows.map((r) => ({
      id: Number(r.id),
      cluster: r.cluster,
      targetKind: r.target_kind,
      target: r.target,
      generatedAt: r.generated_at,
      storedAt: r.stored_at,
      toolVersion: r.tool_version,
      resources: num(r.resources),
      findings: num(r.findings),
      bySeverity: { critical: num(r.critical), high: num(r.high), medium: num(r.medium), low: num(r.low), info: num(r.info) },
      waived: num(r.waived),
      scores: scoreRows
        .filter((s) => Number(s.scan_id) === Number(r.id))
        .map((s) => ({ framework: s.framework, name: s.name, score: s.score === null ? null : Number(s.score), pass: num(s.pass), fail: num(s.fail), waived: num(s.waived), manual: num(s.manual) })),
    }));
  }

  private static META = `id, cluster, target_kind, target, generated_at, stored_at, tool_version, resources, findings, critical, high, medium, low, info, waived`;

  async listScans(filter: { cluster?: string; limit?: number; offset?: number } = {}): Promise<ScanMeta[]> {
    const params: unknown[] = [];
    let where = '';
    if (filter.cluster) {
      where = 'WHERE cluster = ?';
      params.push(filter.cluster);
    }
    params.push(filter.limit ?? 100, filter.offset ?? 0);
    return this.withScores(await this.db.all(`SELECT ${SqlStore.META} FROM scans ${where} ORDER BY id DESC LIMIT ? OFFSET ?`, params));
  }

  async getScan(id: number): Promise<ScanMeta | undefined> {
    return (await this.withScores(await this.db.all(`SELECT ${SqlStore.META} FROM scans WHERE id = ?`, [id])))[0];
  }

  async getReport(id: number): Promise<Report | undefined> {
    const rows = await this.db.all(`SELECT report FROM scans WHERE id = ?`, [id]);
    if (!rows.length) return undefined;
    try {
      return JSON.parse(rows[0]!.report) as Report;
    } catch {
      throw new StoreError(`scan ${id} in ${this.location} holds a damaged report`);
    }
  }

  async listClusters(): Promise<ClusterSummary[]> {
    const rows = await this.db.all(
      `SELECT s.cluster, c.n, s.id, s.generated_at, s.findings FROM scans s
       JOIN (SELECT cluster, COUNT(*) AS n, MAX(id) AS last FROM scans GROUP BY cluster) c ON c.last = s.id ORDER BY s.cluster`,
    );
    return rows.map((r) => ({ cluster: r.cluster, scans: num(r.n), lastScanId: Number(r.id), lastScanAt: r.generated_at, lastFindings: num(r.findings) }));
  }

  async findings(scanId: number, filter: FindingFilter = {}): Promise<{ total: number; items: FindingRow[] }> {
    const where = ['scan_id = ?'];
    const params: unknown[] = [scanId];
    if (filter.severity?.length) {
      where.push(`severity IN (${filter.severity.map(() => '?').join(',')})`);
      params.push(...filter.severity);
    }
    if (filter.status?.length) {
      where.push(`status IN (${filter.status.map(() => '?').join(',')})`);
      params.push(...filter.status);
    }
    for (const [col, v] of [['rule_id', filter.rule], ['namespace', filter.namespace], ['kind', filter.kind]] as const) {
      if (v !== undefined) {
        where.push(`${col} = ?`);
        params.push(v);
      }
    }
    if (filter.waived === false) where.push('waived = 0');
    if (filter.q) {
      where.push(`(LOWER(message) LIKE ? OR LOWER(name) LIKE ? OR LOWER(rule_id) LIKE ?)`);
      const like = `%${filter.q.toLowerCase().replace(/[%_]/g, '')}%`;
      params.push(like, like, like);
    }
    const w = where.join(' AND ');
    const total = num((await this.db.all(`SELECT COUNT(*) AS n FROM findings WHERE ${w}`, params))[0]?.n);
    const rows = await this.db.all(
      `SELECT * FROM findings WHERE ${w}
       ORDER BY CASE severity WHEN 'critical' THEN 0 WHEN 'high' THEN 1 WHEN 'medium' THEN 2 WHEN 'low' THEN 3 ELSE 4 END, rule_id, namespace, name
       LIMIT ? OFFSET ?`,
      [...params, filter.limit ?? 100, filter.offset ?? 0],
    );
    return {
      total,
      items: rows.map((r) => ({
        fingerprint: r.fingerprint,
        ruleId: r.rule_id,
        severity: r.severity,
        status: r.status,
        waived: Boolean(Number(r.waived)),
        kind: r.kind,
        namespace: r.namespace,
        name: r.name,
        message: r.message,
        file: r.file ?? null,
        line: r.line === null || r.line === undefined ? null : Number(r.line),
      })),
    };
  }

  async trend(filter: { cluster?: string; framework?: string; limit?: number } = {}): Promise<TrendPoint[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.cluster) {
      where.push('s.cluster = ?');
      params.push(filter.cluster);
    }
    if (filter.framework) {
      where.push('f.framework = ?');
      params.push(filter.framework);
    }
    params.push(filter.limit ?? 500);
    const rows = await this.db.all(
      `SELECT s.id, s.generated_at, s.findings, f.framework, f.score FROM scans s JOIN framework_scores f ON f.scan_id = s.id
       ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY s.id DESC LIMIT ?`,
      params,
    );
    return rows
      .map((r) => ({ scanId: Number(r.id), generatedAt: r.generated_at, framework: r.framework, score: r.score === null ? null : Number(r.score), findings: num(r.findings) }))
      .reverse();
  }

  close(): Promise<void> {
    return this.db.close();
  }
}
