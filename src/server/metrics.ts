import { SEVERITIES } from '../core/types.js';
import type { Store } from '../store/types.js';

function label(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
}

/** Prometheus text exposition of the latest scan of each cluster: scores, open findings, control counts. */
export async function renderMetrics(store: Store): Promise<string> {
  const clusters = await store.listClusters();
  const out: string[] = [];
  const family = (name: string, help: string, type = 'gauge') => out.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
  const latest = await Promise.all(clusters.map(async (c) => ({ c, scan: await store.getScan(c.lastScanId) })));
  family('rampart_scans_stored', 'Scans stored per cluster.');
  for (const { c } of latest) out.push(`rampart_scans_stored{cluster="${label(c.cluster)}"} ${c.scans}`);
  family('rampart_last_scan_timestamp_seconds', 'When the latest stored scan of the cluster ran.');
  for (const { c } of latest) out.push(`rampart_last_scan_timestamp_seconds{cluster="${label(c.cluster)}"} ${Math.floor(Date.parse(c.lastScanAt) / 1000)}`);
  family('rampart_open_findings', 'Open (not waived) findings in the latest scan, by severity.');
  for (const { c, scan } of latest) {
    if (!scan) continue;
    for (const s of SEVERITIES) out.push(`rampart_open_findings{cluster="${label(c.cluster)}",severity="${s}"} ${scan.bySeverity[s]}`);
  }
  family('rampart_waived_findings', 'Waived findings in the latest scan.');
  for (const { c, scan } of latest) if (scan) out.push(`rampart_waived_findings{cluster="${label(c.cluster)}"} ${scan.waived}`);
  family('rampart_framework_score_percent', 'Share of decided controls that pass, per framework, in the latest scan.');
  for (const { c, scan } of latest)
    for (const f of scan?.scores ?? []) if (f.score !== null) out.push(`rampart_framework_score_percent{cluster="${label(c.cluster)}",framework="${label(f.framework)}"} ${f.score}`);
  family('rampart_framework_controls', 'Controls per framework and status in the latest scan.');
  for (const { c, scan } of latest)
    for (const f of scan?.scores ?? [])
      for (const st of ['pass', 'fail', 'waived', 'manual'] as const)
        out.push(`rampart_framework_controls{cluster="${label(c.cluster)}",framework="${label(f.framework)}",status="${st}"} ${f[st]}`);
  return `${out.join('\n')}\n`;
}
