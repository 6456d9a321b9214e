import type { Finding } from '../core/types.js';
import { frameworksOf } from '../frameworks/assess.js';
import { openFindings, type Report } from '../reporters/report.js';
import { clusterOf } from './sql-store.js';

export interface ScanDiff {
  from: { label: string; cluster: string; generatedAt: string; findings: number };
  to: { label: string; cluster: string; generatedAt: string; findings: number };
  /** False when the two scans are of different clusters or targets; the diff is then labelled, or refused by the CLI. */
  sameCluster: boolean;
  new: Finding[];
  fixed: Finding[];
  unchanged: Finding[];
  scores: { framework: string; from: number | null; to: number | null; change: number | null }[];
}

/** New, fixed and unchanged open findings, matched by fingerprint, and the change of each framework score. */
export function diffReports(a: Report, b: Report, labels: { from: string; to: string } = { from: 'A', to: 'B' }): ScanDiff {
  const before = new Map(openFindings(a).map((f) => [f.fingerprint, f]));
  const after = new Map(openFindings(b).map((f) => [f.fingerprint, f]));
  const fa = new Map(frameworksOf(a).map((f) => [f.id, f.score]));
  const fb = new Map(frameworksOf(b).map((f) => [f.id, f.score]));
  const ids = [...new Set([...fa.keys(), ...fb.keys()])].sort();
  return {
    from: { label: labels.from, cluster: clusterOf(a), generatedAt: a.generatedAt, findings: before.size },
    to: { label: labels.to, cluster: clusterOf(b), generatedAt: b.generatedAt, findings: after.size },
    sameCluster: clusterOf(a) === clusterOf(b),
    new: [...after.values()].filter((f) => !before.has(f.fingerprint)),
    fixed: [...before.values()].filter((f) => !after.has(f.fingerprint)),
    unchanged: [...after.values()].filter((f) => before.has(f.fingerprint)),
    scores: ids.map((id) => {
      const from = fa.get(id) ?? null;
      const to = fb.get(id) ?? null;
      return { framework: id, from, to, change: from === null || to === null ? null : Math.round((to - from) * 10) / 10 };
    }),
  };
}

/** Fingerprints of a baseline report's open findings, for `--baseline`. */
export function baselineFingerprints(report: Report): Set<string> {
  return new Set(openFindings(report).map((f) => f.fingerprint));
}
