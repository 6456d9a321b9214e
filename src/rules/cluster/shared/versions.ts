import { BUNDLED_CVES } from './kubernetes-cves.js';
import { packageFileExists, readPackageFile } from '../../../core/package-files.js';

export interface KubeVersion {
  major: number;
  minor: number;
  patch: number;
  text: string;
}

/** `v1.29.4`, `v1.29.4-eks-036c24b`, `v1.30.2+k3s1` → 1.29.4; undefined when it does not look like one. */
export function parseKubeVersion(text: unknown): KubeVersion | undefined {
  if (typeof text !== 'string') return undefined;
  const m = /^v?(\d+)\.(\d+)(?:\.(\d+))?/.exec(text.trim());
  if (!m) return undefined;
  return { major: Number(m[1]), minor: Number(m[2]), patch: Number(m[3] ?? 0), text };
}

export interface CveEntry {
  id: string;
  /** `kube-apiserver`, `kubelet`, `kube-proxy`, ... */
  component: string;
  severity: 'critical' | 'high' | 'medium' | 'low';
  summary: string;
  url: string;
  /** First patched release of each minor line that got a fix, e.g. `1.29.14`. */
  fixed: string[];
}

export interface CveFeed {
  /** Where the entries came from: the shared data file or the small list bundled with this rule. */
  source: string;
  entries: CveEntry[];
}

/**
 * Is `v` affected? A release of a minor line that got a fix is affected below the fixed patch; a
 * minor line older than every fixed line is affected (no fix was published for it); a line newer
 * than every fixed one is not (it was released with the fix). A line between fixed lines that got
 * no fix itself is affected.
 */
export function isAffected(v: KubeVersion, entry: CveEntry): { affected: boolean; fixedIn?: string } {
  const fixes = entry.fixed.map(parseKubeVersion).filter((f): f is KubeVersion => f !== undefined && f.major === v.major);
  if (fixes.length === 0) return { affected: false };
  const same = fixes.find((f) => f.minor === v.minor);
  if (same) return { affected: v.patch < same.patch, fixedIn: same.text };
  const newest = Math.max(...fixes.map((f) => f.minor));
  if (v.minor > newest) return { affected: false };
  const next = fixes.filter((f) => f.minor > v.minor).sort((a, b) => a.minor - b.minor)[0];
  return { affected: true, fixedIn: next?.text };
}

let cached: CveFeed | undefined;

/**
 * The CVE list: `data/kubernetes-cves.json` at the package root when present and readable (shared
 * with the node checks), else the small list bundled here. Read once per process.
 */
export function loadCveFeed(): CveFeed {
  if (cached) return cached;
  if (packageFileExists('data/kubernetes-cves.json')) {
    try {
      const entries = normalizeFeed(JSON.parse(readPackageFile('data/kubernetes-cves.json')));
      if (entries.length) return (cached = { source: 'data/kubernetes-cves.json', entries });
    } catch {
      // An unreadable shared file falls back to the bundled list; the finding names its source.
    }
  }
  return (cached = { source: 'bundled (src/rules/cluster/shared/kubernetes-cves.ts)', entries: BUNDLED_CVES });
}

/** Accepts a list or `{cves|items|vulnerabilities: [...]}` with `fixed`/`fixedIn`/`fixedVersions` or OSV ranges. */
export function normalizeFeed(raw: unknown): CveEntry[] {
  const list = Array.isArray(raw) ? raw : ((raw as any)?.cves ?? (raw as any)?.items ?? (raw as any)?.vulnerabilities ?? []);
  if (!Array.isArray(list)) return [];
  const out: CveEntry[] = [];
  for (const e of list) {
    if (!e || typeof e !== 'object') continue;
    const id = e.id ?? e.cve;
    let fixed: unknown = e.fixed ?? e.fixedIn ?? e.fixedVersions;
    if (!Array.isArray(fixed) && Array.isArray(e.affected)) {
      fixed = e.affected.flatMap((a: any) => (a?.ranges ?? []).flatMap((r: any) => (r?.events ?? []).map((ev: any) => ev?.fixed).filter(Boolean)));
    }
    if (typeof id !== 'string' || !Array.isArray(fixed) || fixed.length === 0) continue;
    const sev = String(e.severity ?? 'medium').toLowerCase();
    out.push({
      id,
      component: String(e.component ?? e.components?.[0] ?? 'kube-apiserver'),
      severity: (['critical', 'high', 'medium', 'low'].includes(sev) ? sev : 'medium') as CveEntry['severity'],
      summary: String(e.summary ?? e.title ?? e.details ?? ''),
      url: String(e.url ?? e.external_url ?? `https://www.cve.org/CVERecord?id=${id}`),
      fixed: fixed.map(String),
    });
  }
  return out;
}

/** The version skew policy: kubelets may be older than the API server by this many minors (3 since 1.28, 2 before). */
export function maxKubeletSkew(server: KubeVersion): number {
  return server.major === 1 && server.minor < 28 ? 2 : 3;
}
