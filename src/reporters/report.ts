import type { Rule } from '../core/rule.js';
import type { Diagnostic, ExceptionRecord, Finding, InventoryStats, RuleSummary, ScanResult, ScanSummary } from '../core/types.js';

/**
 * The JSON report: the contract between a scan and everything that reads it (reporters, the HTML
 * report, the store, the dashboard). Its JSON Schema is `schemas/report.schema.json`.
 * Bump the minor version for additions, the major version for anything that breaks a reader.
 */
export const REPORT_SCHEMA_VERSION = '1.0.0';

export interface ReportRule extends RuleSummary {
  title: string;
  area: string;
  description: string;
  remediation: string;
  /** A YAML snippet that shows the fix, when the rule has one. */
  example?: string;
  references?: string[];
  pss?: { level: string; check: string };
}

export interface ScanTarget {
  /** What was scanned: `manifests`, `cluster`, `snapshot`, `node`, `image`, `admission`. */
  kind: string;
  /** The paths, context, node root or image reference as the user gave them. */
  inputs: string[];
}

export interface Report {
  schemaVersion: string;
  tool: { name: 'rampart'; version: string };
  generatedAt: string;
  target: ScanTarget;
  settings: Record<string, unknown>;
  summary: ScanSummary;
  findings: Finding[];
  rules: ReportRule[];
  exceptions: ExceptionRecord[];
  diagnostics: Diagnostic[];
  stats: InventoryStats;
  context?: Record<string, unknown>;
  /** Sections that later capabilities add (frameworks, rbac, images, ...), each owning its shape. */
  extensions?: Record<string, unknown>;
}

export interface ReportMeta {
  version: string;
  target: ScanTarget;
  settings?: Record<string, unknown>;
  now?: Date;
}

export function buildReport(result: ScanResult, rules: readonly Rule[], meta: ReportMeta): Report {
  const byId = new Map(rules.map((r) => [r.id, r]));
  const report: Report = {
    schemaVersion: REPORT_SCHEMA_VERSION,
    tool: { name: 'rampart', version: meta.version },
    generatedAt: (meta.now ?? new Date()).toISOString(),
    target: meta.target,
    settings: meta.settings ?? {},
    summary: result.summary,
    findings: result.findings,
    rules: result.rules.map((s) => {
      const r = byId.get(s.ruleId);
      const out: ReportRule = {
        ...s,
        title: r?.title ?? s.ruleId,
        area: r?.area ?? 'custom',
        description: r?.description ?? '',
        remediation: r?.remediation ?? '',
      };
      if (r?.example) out.example = r.example;
      if (r?.references?.length) out.references = [...r.references];
      if (r?.pss) out.pss = { ...r.pss };
      return out;
    }),
    exceptions: result.exceptions,
    diagnostics: result.diagnostics,
    stats: result.stats,
  };
  if (result.context) report.context = result.context;
  return report;
}

/** Findings a person must act on: failed or warned, and not waived. */
export function openFindings(report: Report): Finding[] {
  return report.findings.filter((f) => !f.waiver && (f.status === 'fail' || f.status === 'warn' || f.status === 'error'));
}
