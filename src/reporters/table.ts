import pc from 'picocolors';
import { SEVERITIES, type Finding, type Severity } from '../core/types.js';
import type { Reporter, ReporterOptions } from './index.js';
import type { Report } from './report.js';

type Paint = (s: string) => string;

function palette(color: boolean) {
  const c = pc.createColors(color);
  const sev: Record<Severity, Paint> = {
    critical: (s) => c.bold(c.magenta(s)),
    high: c.red,
    medium: c.yellow,
    low: c.cyan,
    info: c.dim,
  };
  return { c, sev };
}

function resourceTitle(f: Finding): string {
  const ns = f.resource.namespace ? `${f.resource.namespace}/` : '';
  return `${f.resource.kind} ${ns}${f.resource.name}`;
}

/**
 * Findings grouped by resource, most severe first within each resource, then a summary line.
 * Info findings, passes and waived findings are shown with `--verbose`.
 */
export function renderTable(report: Report, options: ReporterOptions): string {
  const { c, sev } = palette(options.color);
  const lines: string[] = [];
  const shown = report.findings.filter(
    (f) =>
      options.verbose ||
      (!f.waiver && (f.status === 'fail' || f.status === 'warn' || f.status === 'error') && f.severity !== 'info'),
  );
  const groups = new Map<string, Finding[]>();
  for (const f of shown) {
    const key = `${f.source.file ?? f.source.cluster ?? f.source.nodeRoot ?? f.source.image ?? ''}\0${f.location.documentIndex ?? ''}\0${resourceTitle(f)}`;
    let list = groups.get(key);
    if (!list) groups.set(key, (list = []));
    list.push(f);
  }
  for (const list of groups.values()) {
    const first = list[0]!;
    const file = first.location.file ? c.dim(`  ${first.location.file}`) : '';
    lines.push(`${c.bold(resourceTitle(first))}${file}`);
    list.sort((a, b) => SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity) || (a.location.line ?? 0) - (b.location.line ?? 0));
    for (const f of list) {
      const label = f.waiver ? c.dim('WAIVED') : f.status === 'fail' ? sev[f.severity](f.severity.toUpperCase()) : f.status.toUpperCase();
      const line = f.location.line ? c.dim(`:${f.location.line}`) : '';
      lines.push(`  ${label.padEnd(options.color ? label.length + Math.max(0, 8 - stripAnsi(label).length) : 8)} ${f.message} ${c.dim(`[${f.ruleId}]`)}${line}`);
      if (f.waiver) lines.push(c.dim(`           waived: ${f.waiver.justification}${f.waiver.expires ? ` (until ${f.waiver.expires})` : ''}`));
    }
    lines.push('');
  }
  for (const d of report.diagnostics) {
    const at = d.file ? `${d.file}${d.line ? `:${d.line}` : ''}${d.column ? `:${d.column}` : ''}: ` : '';
    const tag = d.level === 'error' ? c.red('error') : d.level === 'warning' ? c.yellow('warning') : c.dim('info');
    lines.push(`${tag}: ${at}${d.message.startsWith(d.file ?? '\0') ? d.message.slice((d.file ?? '').length + 2) : d.message}`);
  }
  if (report.diagnostics.length) lines.push('');
  const expired = report.exceptions.filter((e) => e.expired);
  for (const e of expired) lines.push(`${c.yellow('warning')}: exception for ${e.ruleId} at ${e.origin} expired on ${e.expires}; it no longer waives anything`);
  lines.push(summaryLine(report, options));
  return `${lines.join('\n')}\n`;
}

function stripAnsi(s: string): string {
  return s.replace(/\x1b\[[0-9;]*m/g, '');
}

export function summaryLine(report: Report, options: ReporterOptions): string {
  const { c, sev } = palette(options.color);
  const s = report.summary;
  const parts = SEVERITIES.filter((k) => s.bySeverity[k] > 0).map((k) => sev[k](`${s.bySeverity[k]} ${k}`));
  const found = s.findings === 0 ? c.green('no findings') : `${s.findings} finding${s.findings === 1 ? '' : 's'} (${parts.join(', ')})`;
  const extra = [
    s.waived ? `${s.waived} waived` : '',
    report.stats.files ? `${report.stats.files} file${report.stats.files === 1 ? '' : 's'}` : '',
    `${s.resources} resource${s.resources === 1 ? '' : 's'}`,
    `${s.rulesRun} rules`,
  ].filter(Boolean);
  return `${found} in ${extra.join(', ')}`;
}

export const tableReporter: Reporter = {
  description: 'findings grouped by resource, for people (default on a terminal)',
  extension: 'txt',
  render: renderTable,
};
