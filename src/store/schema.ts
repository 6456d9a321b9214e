/**
 * The store's schema, as numbered migrations. Each runs once, in order, in one transaction, and
 * `rampart_meta.version` records the last one applied. `{{id}}` and `{{bigint}}` differ by dialect.
 */
export const STORE_MARKER = 'rampart-store';

export const MIGRATIONS: string[][] = [
  [
    `CREATE TABLE rampart_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)`,
    `CREATE TABLE scans (
      id {{id}},
      cluster TEXT NOT NULL,
      target_kind TEXT NOT NULL,
      target TEXT NOT NULL,
      generated_at TEXT NOT NULL,
      stored_at TEXT NOT NULL,
      tool_version TEXT NOT NULL,
      resources INTEGER NOT NULL,
      findings INTEGER NOT NULL,
      critical INTEGER NOT NULL,
      high INTEGER NOT NULL,
      medium INTEGER NOT NULL,
      low INTEGER NOT NULL,
      info INTEGER NOT NULL,
      waived INTEGER NOT NULL,
      report TEXT NOT NULL
    )`,
    `CREATE INDEX scans_by_cluster ON scans (cluster, generated_at)`,
    `CREATE TABLE findings (
      scan_id {{bigint}} NOT NULL REFERENCES scans (id) ON DELETE CASCADE,
      fingerprint TEXT NOT NULL,
      rule_id TEXT NOT NULL,
      severity TEXT NOT NULL,
      status TEXT NOT NULL,
      waived INTEGER NOT NULL,
      kind TEXT NOT NULL,
      namespace TEXT NOT NULL,
      name TEXT NOT NULL,
      message TEXT NOT NULL,
      file TEXT,
      line INTEGER
    )`,
    `CREATE INDEX findings_by_scan ON findings (scan_id, severity)`,
    `CREATE TABLE framework_scores (
      scan_id {{bigint}} NOT NULL REFERENCES scans (id) ON DELETE CASCADE,
      framework TEXT NOT NULL,
      name TEXT NOT NULL,
      score REAL,
      pass INTEGER NOT NULL,
      fail INTEGER NOT NULL,
      waived INTEGER NOT NULL,
      manual INTEGER NOT NULL,
      PRIMARY KEY (scan_id, framework)
    )`,
  ],
];
