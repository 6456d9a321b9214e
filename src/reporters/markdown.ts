import { SEVERITIES, type Finding } from '../core/types.js';
import type { Reporter, ReporterOptions } from './index.js';
import type { Report } from './report.js';

/**
 * GitHub-flavoured Markdown for a pull-request comment: a summary table, then the open findings
 * grouped by resource, then waived findings and input problems folded away. GitHub caps a comment
 * at 65,536 characters, so the output stops at {@link MAX_MARKDOWN_CHARS} with a note.
 */
export const MAX_MARKDOWN_CHARS = 60_000;

const ICON: Record<string, string> = { critical: '🟣', high: '🔴', medium: '🟠', low: '🔵', info: '⚪' };

/** Text that is safe inside a table cell: no pipes, newlines or HTML. */
export function escapeCell(s: string): string {
  return escapeInline(s).replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

/** Markdown and HTML metacharacters that would change the rendering of prose. */
function escapeInline(s: string): string {
  return s.replace(/[\\`*_[\]<>&#]/g, (c) => (c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '&' ? '&amp;' : `\\${c}`));
}

function code(s: string): string {
  const clean = s.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|');
  const fence = clean.includes('`') ? '`` ' : '`';
  return `${fence}${clean}${fence === '`' ? '`' : ' ``'}`;
}

function resourceTitle(f: Finding): string {
  const ns = f.resource.namespace ? `${f.resource.namespace}/` : '';
  return `${f.resource.kind} ${ns}${f.resource.name}`;
}

function where(f: Finding): string {
  if (f.location.file) return `${f.location.file}${f.location.line ? `:${f.location.line}` : ''}`;
  return f.source.cluster ? `cluster ${f.source.cluster}` : f.source.nodeRoot ? `node ${f.source.nodeRoot}` : f.source.image ? `image ${f.source.image}` : '';
}

function groupByResource(findings: Finding[]): Map<string, Finding[]> {
  const groups = new Map<string, Finding[]>();
  for (const f of findings) {
    const key = `${f.source.file ?? f.source.cluster ?? ''}\0${f.location.documentIndex ?? ''}\0${resourceTitle(f)}`;
    let list = groups.get(key);
    if (!list) groups.set(key, (list = []));
    list.push(f);
  }
  return groups;
}

function findingRow(f: Finding): string {
  const status = f.status === 'warn' ? ' (warn)' : f.status === 'manual' ? ' (manual)' : f.status === 'error' ? ' (rule error)' : '';
  const field = f.location.path ? code(f.location.path) : '';
  const line = f.location.line ? String(f.location.line) : '';
  return `| ${ICON[f.severity]} ${f.severity}${status} | ${code(f.ruleId)} | ${line} | ${field} | ${escapeCell(f.message)}<br>*Fix:* ${escapeCell(f.remediation ?? '')} |`;
}

export function renderMarkdown(report: Report, options: Partial<Pick<ReporterOptions, 'verbose'>> = {}): string {
  const s = report.summary;
  const out: string[] = [];
  const open = report.findings.filter((f) => !f.waiver && (f.status === 'fail' || f.status === 'warn' || f.status === 'error' || f.status === 'manual'));
  const shown = options.verbose ? open : open.filter((f) => f.severity !== 'info' || f.status === 'error');
  const waived = report.findings.filter((f) => f.waiver && f.status !== 'pass');
  const errors = report.diagnostics.filter((d) => d.level === 'error');
  const verdict = errors.length ? '⛔ input errors' : s.findings === 0 ? '✅ no open findings' : `❌ ${s.findings} open finding${s.findings === 1 ? '' : 's'}`;
  out.push(`## Rampart: ${verdict}`, '');
  out.push(
    `Scanned ${report.stats.files} file${report.stats.files === 1 ? '' : 's'}, ${s.resources} resource${s.resources === 1 ? '' : 's'} with ${s.rulesRun} rule${s.rulesRun === 1 ? '' : 's'}` +
      ` (Pod Security level ${code(String(report.settings.pssLevel ?? 'restricted'))}, rampart ${report.tool.version}).`,
    '',
  );
  out.push('| Severity | Open |', '| --- | ---: |');
  for (const sev of SEVERITIES) out.push(`| ${ICON[sev]} ${sev} | ${s.bySeverity[sev]} |`);
  out.push(`| waived | ${s.waived} |`, '');
  if (report.exceptions.some((e) => e.expired)) {
    for (const e of report.exceptions.filter((x) => x.expired))
      out.push(`> ⚠️ The exception for ${code(e.ruleId)} at ${code(e.origin)} expired on ${e.expires}; it no longer waives anything.`);
    out.push('');
  }
  const body: string[] = [];
  if (shown.length) {
    body.push('### Findings', '');
    for (const list of groupByResource(shown).values()) {
      const first = list[0]!;
      body.push(`#### ${escapeInline(resourceTitle(first))}${first.location.file ? ` — ${code(first.location.file)}` : ''}`, '');
      body.push('| Severity | Rule | Line | Field | Message |', '| --- | --- | ---: | --- | --- |');
      list.sort((a, b) => SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity) || (a.location.line ?? 0) - (b.location.line ?? 0));
      for (const f of list) body.push(findingRow(f));
      body.push('');
    }
  }
  if (waived.length) {
    body.push(`<details><summary>${waived.length} waived finding${waived.length === 1 ? '' : 's'}</summary>`, '');
    body.push('| Rule | Resource | Where | Justification |', '| --- | --- | --- | --- |');
    for (const f of waived) body.push(`| ${code(f.ruleId)} | ${escapeCell(resourceTitle(f))} | ${code(where(f))} | ${escapeCell(f.waiver!.justification)} (${f.waiver!.source}${f.waiver!.expires ? `, until ${f.waiver!.expires}` : ''}) |`);
    body.push('', '</details>', '');
  }
  if (report.diagnostics.length) {
    body.push(`<details${errors.length ? ' open' : ''}><summary>${report.diagnostics.length} input problem${report.diagnostics.length === 1 ? '' : 's'}</summary>`, '');
    for (const d of report.diagnostics) {
      const at = d.file ? `${d.file}${d.line ? `:${d.line}` : ''}${d.column ? `:${d.column}` : ''}` : '';
      body.push(`- **${d.level}** ${at ? `${code(at)} ` : ''}${escapeInline(d.message)}`);
    }
    body.push('', '</details>', '');
  }
  let text = out.join('\n') + '\n';
  for (const line of body) {
    if (text.length + line.length + 1 > MAX_MARKDOWN_CHARS) {
      text += `\n_… truncated to fit a comment: ${report.findings.length} findings in total; see the full report (\`--format json\` or \`sarif\`)._\n`;
      return text;
    }
    text += line + '\n';
  }
  return text;
}

export const markdownReporter: Reporter = {
  description: 'Markdown summary and findings by resource, for pull-request comments',
  extension: 'md',
  render: (report, options) => renderMarkdown(report, options),
};
