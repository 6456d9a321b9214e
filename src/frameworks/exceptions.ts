import { promises as fs } from 'node:fs';
import { isMap, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import { summarize } from '../core/engine.js';
import { applyExceptions, isExpired, selectorMatches, type ExceptionRule, type ResourceSelector } from '../core/exceptions.js';
import type { Diagnostic, ExceptionRecord } from '../core/types.js';
import type { Report } from '../reporters/report.js';
import { refMatches } from './assess.js';
import type { Framework } from './types.js';

/** Prefix that marks an exception naming a framework control (`control: cis-k8s/5.2.2`) rather than a rule. */
export const CONTROL_PREFIX = 'control:';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Reads an exceptions file: a list (or `exceptions:` list) of entries, each naming a `rule` or a
 * `control` (`<framework>/<control>`), a resource selector, a justification, who accepted it and
 * when it expires. Bad entries are diagnostics with file:line; the good ones still apply.
 */
export function parseExceptionsFile(
  text: string,
  file: string,
  known: { ruleIds: ReadonlySet<string>; frameworks: readonly Framework[] },
): { exceptions: ExceptionRule[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const exceptions: ExceptionRule[] = [];
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, uniqueKeys: true });
  const lineOf = (n: Node | null | undefined) => (n?.range ? lc.linePos(n.range[0]).line : undefined);
  const problem = (message: string, node: Node | null | undefined, level: Diagnostic['level'] = 'error') =>
    diagnostics.push({ level, code: 'exceptions-invalid', message: `${file}: ${message}`, file, line: lineOf(node) });
  if (doc.errors.length) {
    for (const e of doc.errors) diagnostics.push({ level: 'error', code: 'exceptions-syntax', message: `${file}: ${e.message.split('\n')[0]}`, file, line: lc.linePos(e.pos[0]).line });
    return { exceptions, diagnostics };
  }
  let seq = doc.contents as Node | null;
  if (isMap(seq)) seq = seq.get('exceptions', true) as Node | null;
  if (seq === null || seq === undefined) return { exceptions, diagnostics };
  if (!isSeq(seq)) {
    problem('expected a list of exceptions (or a mapping with an "exceptions" list)', seq);
    return { exceptions, diagnostics };
  }
  const items = (seq.toJSON() ?? []) as any[];
  items.forEach((item, i) => {
    const node = seq.items[i] as Node;
    const line = lineOf(node);
    const origin = `${file}:${line ?? 0}`;
    if (!item || typeof item !== 'object' || Array.isArray(item)) return problem(`entry ${i + 1} must be a mapping`, node);
    let rule: string;
    if (typeof item.control === 'string' && item.control) {
      const [fwId, ...rest] = item.control.split('/');
      const controlId = rest.join('/');
      const fw = known.frameworks.find((f) => f.id === fwId);
      if (!fw || !controlId) problem(`entry ${i + 1}: control must be <framework>/<control>, e.g. cis-k8s/5.2.2 (got "${item.control}")`, node, 'warning');
      else if (!fw.controls.some((c) => c.id === controlId)) problem(`entry ${i + 1}: framework ${fwId} has no control "${controlId}"`, node, 'warning');
      rule = CONTROL_PREFIX + item.control;
    } else if (typeof item.rule === 'string' && item.rule) {
      rule = item.rule;
      if (rule !== '*' && !known.ruleIds.has(rule)) problem(`entry ${i + 1}: unknown rule "${rule}" (see rampart rules list)`, node, 'warning');
    } else return problem(`entry ${i + 1} needs a rule or a control`, node);
    const justification = item.justification ?? item.reason;
    if (typeof justification !== 'string' || !justification.trim()) return problem(`entry ${i + 1} needs a justification`, node);
    if (item.acceptedBy === undefined) problem(`entry ${i + 1} does not say who accepted it (acceptedBy)`, node, 'warning');
    let expires: string | undefined;
    if (item.expires !== undefined && item.expires !== null) {
      const t = String(item.expires);
      if (!DATE.test(t) || Number.isNaN(Date.parse(`${t}T00:00:00Z`)) || new Date(`${t}T00:00:00Z`).toISOString().slice(0, 10) !== t)
        return problem(`entry ${i + 1}: expires must be a date YYYY-MM-DD (got "${t}")`, node);
      expires = t;
    }
    const sel = item.resources ?? item.resource ?? {};
    const selector: ResourceSelector = {};
    if (sel && typeof sel === 'object') for (const k of ['kind', 'name', 'namespace', 'file'] as const) if (sel[k] !== undefined) selector[k] = String(sel[k]);
    exceptions.push({ rule, selector, justification: justification.trim(), acceptedBy: item.acceptedBy !== undefined ? String(item.acceptedBy) : undefined, expires, origin, source: 'exceptions-file' });
  });
  return { exceptions, diagnostics };
}

export async function loadExceptionsFile(file: string, known: { ruleIds: ReadonlySet<string>; frameworks: readonly Framework[] }) {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return {
      exceptions: [] as ExceptionRule[],
      diagnostics: [{ level: 'error' as const, code: 'exceptions-unreadable', message: `${file}: ${code === 'ENOENT' ? 'no such file' : (err as Error).message}`, file }],
    };
  }
  return parseExceptionsFile(text, file, known);
}

/**
 * Applies exceptions to a finished report: rule exceptions from an exceptions file, and control
 * exceptions from either source (those from `.rampart.yaml` were listed by the engine with no
 * match; their records are updated here). Summary counts are recomputed.
 */
export function applyReportExceptions(report: Report, exceptions: readonly ExceptionRule[], frameworks: readonly Framework[], now: Date): void {
  const ruleExceptions = exceptions.filter((e) => !e.rule.startsWith(CONTROL_PREFIX));
  const records = applyExceptions(report.findings, ruleExceptions, now);
  report.exceptions.push(...records);
  // Control exceptions: those already listed (from .rampart.yaml) are updated in place.
  const controlExceptions = [
    ...exceptions.filter((e) => e.rule.startsWith(CONTROL_PREFIX)),
    ...report.exceptions
      .filter((r) => r.ruleId.startsWith(CONTROL_PREFIX) && !exceptions.some((e) => e.origin === r.origin))
      .map((r): ExceptionRule => ({ rule: r.ruleId, selector: r.selector as ResourceSelector, justification: r.justification, acceptedBy: r.acceptedBy, expires: r.expires, origin: r.origin, source: 'config' })),
  ];
  for (const ex of controlExceptions) {
    let record: ExceptionRecord | undefined = report.exceptions.find((r) => r.origin === ex.origin && r.ruleId === ex.rule);
    if (!record) {
      record = { ruleId: ex.rule, selector: { ...ex.selector }, justification: ex.justification, acceptedBy: ex.acceptedBy, expires: ex.expires, expired: isExpired(ex, now), matched: 0, origin: ex.origin };
      report.exceptions.push(record);
    }
    const [fwId, ...rest] = ex.rule.slice(CONTROL_PREFIX.length).split('/');
    const control = frameworks.find((f) => f.id === fwId)?.controls.find((c) => c.id === rest.join('/'));
    if (!control) continue;
    for (const f of report.findings) {
      if (f.waiver || f.status === 'pass' || f.status === 'not-applicable') continue;
      if (!control.rules.some((r) => refMatches(r, f))) continue;
      if (!selectorMatches(ex.selector, f.resource, f.source.file)) continue;
      record.matched++;
      if (record.expired) {
        (f.properties ??= {}).expiredException = ex.origin;
        continue;
      }
      f.waiver = { source: ex.source, justification: ex.justification, acceptedBy: ex.acceptedBy, expires: ex.expires, origin: ex.origin };
    }
  }
  recount(report);
}

/** Recomputes the summary and per-rule waived counts after waivers changed. */
export function recount(report: Report): void {
  report.summary = summarize(report.findings, report.summary.resources, report.summary.rulesRun);
  const waived = new Map<string, number>();
  for (const f of report.findings) if (f.waiver && f.status !== 'pass') waived.set(f.ruleId, (waived.get(f.ruleId) ?? 0) + 1);
  for (const r of report.rules) r.waived = waived.get(r.ruleId) ?? 0;
}
