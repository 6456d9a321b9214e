import type { Report } from '../reporters/report.js';

export interface ScanMeta {
  id: number;
  cluster: string;
  targetKind: string;
  target: string;
  generatedAt: string;
  storedAt: string;
  toolVersion: string;
  resources: number;
  /** Open findings (failed, warned or errored and not waived). */
  findings: number;
  bySeverity: { critical: number; high: number; medium: number; low: number; info: number };
  waived: number;
  scores: FrameworkScore[];
}

export interface FrameworkScore {
  framework: string;
  name: string;
  score: number | null;
  pass: number;
  fail: number;
  waived: number;
  manual: number;
}

export interface ClusterSummary {
  cluster: string;
  scans: number;
  lastScanId: number;
  lastScanAt: string;
  lastFindings: number;
}

export interface FindingRow {
  fingerprint: string;
  ruleId: string;
  severity: string;
  status: string;
  waived: boolean;
  kind: string;
  namespace: string;
  name: string;
  message: string;
  file: string | null;
  line: number | null;
}

export interface FindingFilter {
  severity?: string[];
  status?: string[];
  rule?: string;
  namespace?: string;
  kind?: string;
  /** Substring of the message, resource name or rule id. */
  q?: string;
  /** Include waived findings (default true). */
  waived?: boolean;
  limit?: number;
  offset?: number;
}

export interface TrendPoint {
  scanId: number;
  generatedAt: string;
  framework: string;
  score: number | null;
  findings: number;
}

export interface Store {
  readonly kind: 'sqlite' | 'postgres';
  /** Where it is, with any password removed. */
  readonly location: string;
  saveScan(report: Report, options?: { cluster?: string }): Promise<ScanMeta>;
  listScans(filter?: { cluster?: string; limit?: number; offset?: number }): Promise<ScanMeta[]>;
  getScan(id: number): Promise<ScanMeta | undefined>;
  getReport(id: number): Promise<Report | undefined>;
  listClusters(): Promise<ClusterSummary[]>;
  findings(scanId: number, filter?: FindingFilter): Promise<{ total: number; items: FindingRow[] }>;
  trend(filter?: { cluster?: string; framework?: string; limit?: number }): Promise<TrendPoint[]>;
  close(): Promise<void>;
}

/** A problem with the store that the user must fix (corrupt, foreign, unreachable). */
export class StoreError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StoreError';
  }
}
