// Ingest of 1,000 scan reports into the store, SQLite and PostgreSQL: time per scan, scans per
// second, and size on disk. Floor: appending the same 1,000 reports as JSON lines to one file and
// fsyncing it once per report (the least any durable store must do: write the bytes and sync).
// Reports are real: the built-in rules over generated manifests (200 workloads), with frameworks
// assessed, varied per scan so that some findings come and go. PostgreSQL runs when
// RAMPART_TEST_POSTGRES_URL is set (a schema of its own, dropped at the end).
import { closeSync, fsyncSync, mkdtempSync, openSync, rmSync, statSync, writeSync, writeFileSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { scanManifests } from '../dist/scan.js';
import { applyCompliance } from '../dist/frameworks/index.js';
import { openStore } from '../dist/store/index.js';

const SCANS = Number(process.env.RAMPART_BENCH_SCANS ?? 1000);
const WORKLOADS = 200;
const dir = mkdtempSync(path.join(os.tmpdir(), 'rampart-store-bench-'));

function manifests(variant) {
  const docs = [];
  for (let i = 0; i < WORKLOADS; i++) {
    const insecure = (i + variant) % 7 === 0;
    docs.push(`apiVersion: apps/v1
kind: Deployment
metadata: { name: app-${i}, namespace: team-${i % 10} }
spec:
  selector: { matchLabels: { app: app-${i} } }
  template:
    metadata: { labels: { app: app-${i} } }
    spec:
      ${insecure ? 'hostNetwork: true' : 'securityContext: { runAsNonRoot: true, seccompProfile: { type: RuntimeDefault } }'}
      containers:
        - name: main
          image: ${i % 3 === 0 ? 'nginx:latest' : `registry.example/app-${i}:1.${i}`}
          securityContext: { allowPrivilegeEscalation: ${insecure}, capabilities: { drop: [ALL] }${insecure ? ', privileged: true' : ''} }
`);
  }
  return docs.join('---\n');
}

// Seven distinct scans (the pattern repeats with period 7), each re-stamped per stored scan.
const base = [];
for (let v = 0; v < 7; v++) {
  const file = path.join(dir, `m${v}.yaml`);
  writeFileSync(file, manifests(v));
  const report = await scanManifests([file], { version: 'bench' });
  applyCompliance(report, {});
  base.push(report);
}
const reportAt = (i) => ({ ...base[i % 7], generatedAt: new Date(Date.UTC(2026, 0, 1) + i * 3600_000).toISOString(), context: { cluster: `cluster-${i % 4}` } });
const sample = JSON.stringify(reportAt(0));
console.log(`${SCANS} scans of ${WORKLOADS} workloads; a report is ${(sample.length / 1024).toFixed(0)} KiB with ${base[0].findings.length} findings (${base[0].summary.findings} open)`);

function du(p) {
  const st = statSync(p);
  if (!st.isDirectory()) return st.size;
  return readdirSync(p).reduce((n, f) => n + du(path.join(p, f)), 0);
}

// Floor: JSON lines with an fsync per report.
{
  const file = path.join(dir, 'floor.jsonl');
  const fd = openSync(file, 'w');
  const t0 = performance.now();
  for (let i = 0; i < SCANS; i++) {
    writeSync(fd, `${JSON.stringify(reportAt(i))}\n`);
    fsyncSync(fd);
  }
  closeSync(fd);
  const ms = performance.now() - t0;
  globalThis.floor = { ms, bytes: statSync(file).size };
  console.log(`floor (JSON lines + fsync):  ${(ms / SCANS).toFixed(2)} ms/scan  ${(SCANS / (ms / 1000)).toFixed(0)} scans/s  ${(statSync(file).size / 1048576).toFixed(1)} MiB`);
}

async function ingest(label, url, sizeOf) {
  const store = await openStore(url);
  const t0 = performance.now();
  for (let i = 0; i < SCANS; i++) await store.saveScan(reportAt(i));
  const ms = performance.now() - t0;
  const q0 = performance.now();
  const scans = await store.listScans({ cluster: 'cluster-1', limit: 50 });
  const findings = await store.findings(scans[0].id, { severity: ['high', 'critical'], limit: 100 });
  const trend = await store.trend({ cluster: 'cluster-1', framework: 'pss-restricted' });
  const qms = performance.now() - q0;
  await store.close();
  const bytes = await sizeOf();
  const f = globalThis.floor;
  console.log(
    `${label.padEnd(27)} ${(ms / SCANS).toFixed(2)} ms/scan  ${(SCANS / (ms / 1000)).toFixed(0)} scans/s  ${(bytes / 1048576).toFixed(1)} MiB` +
      `  (×${(ms / f.ms).toFixed(1)} the floor's time, ×${(bytes / f.bytes).toFixed(2)} its size); list+filter+trend ${qms.toFixed(1)} ms (${findings.total} high findings, ${trend.length} trend points)`,
  );
}

const sqliteFile = path.join(dir, 'bench.db');
await ingest('SQLite (better-sqlite3, WAL)', sqliteFile, async () => du(dir) - du(path.join(dir, 'floor.jsonl')) - readdirSync(dir).filter((f) => f.endsWith('.yaml')).reduce((n, f) => n + du(path.join(dir, f)), 0));

const PG = process.env.RAMPART_TEST_POSTGRES_URL;
if (PG) {
  const schema = `rampart_bench_${process.pid}`;
  const admin = new pg.Client({ connectionString: PG });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  try {
    await ingest('PostgreSQL (pg)', `${PG}${PG.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`, async () => {
      const r = await admin.query(`SELECT SUM(pg_total_relation_size(quote_ident(schemaname) || '.' || quote_ident(tablename)))::bigint AS n FROM pg_tables WHERE schemaname = $1`, [schema]);
      return Number(r.rows[0].n);
    });
  } finally {
    await admin.query(`DROP SCHEMA ${schema} CASCADE`);
    await admin.end();
  }
} else console.log('PostgreSQL: skipped (set RAMPART_TEST_POSTGRES_URL)');
rmSync(dir, { recursive: true, force: true });
