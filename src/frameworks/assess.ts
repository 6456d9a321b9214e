import type { Finding } from '../core/types.js';
import type { Report } from '../reporters/report.js';
import {
  CONTROL_STATUSES,
  type Control,
  type ControlResult,
  type ControlStatus,
  type Framework,
  type FrameworkResult,
  type FrameworksExtension,
  type RuleRef,
  type StatusCounts,
} from './types.js';

export function emptyCounts(): StatusCounts {
  return Object.fromEntries(CONTROL_STATUSES.map((s) => [s, 0])) as StatusCounts;
}

/** Passing share of the decided controls, in percent with one decimal; waived and undecided controls do not count. */
export function scoreOf(counts: StatusCounts): number | null {
  const decided = counts.pass + counts.fail;
  return decided === 0 ? null : Math.round((counts.pass / decided) * 1000) / 10;
}

const FAILING = new Set(['fail', 'warn', 'error']);

export function refMatches(ref: RuleRef, f: Finding): boolean {
  if (ref.rule !== '*' && ref.rule !== f.ruleId) return false;
  if (ref.checkId === undefined) return true;
  const p = f.properties ?? {};
  if (String(p.checkId ?? '') === ref.checkId && (ref.benchmark === undefined || p.benchmark === ref.benchmark)) return true;
  // A finding may list its ids in other benchmarks, e.g. `stig: ['V-242390']`.
  if (ref.benchmark !== undefined) {
    const also = p[ref.benchmark];
    return Array.isArray(also) ? also.map(String).includes(ref.checkId) : also !== undefined && String(also) === ref.checkId;
  }
  return false;
}

interface Index {
  byRule: Map<string, Finding[]>;
  checkedByRule: Map<string, number>;
}

function indexReport(report: Report): Index {
  const byRule = new Map<string, Finding[]>();
  for (const f of report.findings) {
    let list = byRule.get(f.ruleId);
    if (!list) byRule.set(f.ruleId, (list = []));
    list.push(f);
  }
  return { byRule, checkedByRule: new Map(report.rules.map((r) => [r.ruleId, r.checked])) };
}

function assessControl(c: Control, idx: Index, all: readonly Finding[]): ControlResult {
  const matched: Finding[] = [];
  const rulesRun = new Set<string>();
  const rulesMissing = new Set<string>();
  let checked = 0;
  let ruleRefsRan = false;
  for (const ref of c.rules) {
    const pool = ref.rule === '*' ? all : (idx.byRule.get(ref.rule) ?? []);
    const hits = pool.filter((f) => refMatches(ref, f));
    matched.push(...hits);
    if (ref.rule !== '*' && idx.checkedByRule.has(ref.rule)) {
      rulesRun.add(ref.rule);
      // A check-id reference is decided by its own findings (a node rule reports each check, pass included).
      if (ref.checkId === undefined) {
        checked += idx.checkedByRule.get(ref.rule)!;
        ruleRefsRan = true;
      }
    } else if (ref.rule !== '*') rulesMissing.add(ref.rule);
  }
  const failingAll = matched.filter((f) => FAILING.has(f.status));
  const failing = failingAll.filter((f) => !f.waiver).map((f) => f.fingerprint);
  const waived = failingAll.filter((f) => f.waiver).map((f) => f.fingerprint);
  const statuses = new Set(matched.map((f) => f.status));
  let status: ControlStatus;
  if (c.applicability === 'not-applicable') status = 'not-applicable';
  else if (failing.length) status = 'fail';
  else if (waived.length) status = 'waived';
  else if (c.rules.length === 0) status = 'manual';
  else if (statuses.has('manual') && !statuses.has('pass')) status = 'manual';
  // Rule-id references pass when their rule checked something; check-id references need a passing finding.
  else if (checked > 0 || statuses.has('pass')) status = 'pass';
  else if (statuses.has('not-applicable') || ruleRefsRan) status = 'not-applicable';
  else status = c.assessment === 'manual' ? 'manual' : 'not-assessed';
  const result: ControlResult = {
    id: c.id,
    title: c.title,
    section: c.section,
    status,
    rules: c.rules,
    failing: [...new Set(failing)],
    waived: [...new Set(waived)],
    evidence: { findings: matched.length, checked, rulesRun: [...rulesRun], rulesMissing: [...rulesMissing] },
  };
  if (c.severity) result.severity = c.severity;
  return result;
}

/** Decides every control of each framework from the report's findings and rule summaries. */
export function assessFrameworks(report: Report, frameworks: readonly Framework[]): FrameworkResult[] {
  const idx = indexReport(report);
  return frameworks.map((fw) => {
    const controls = fw.controls.map((c) => assessControl(c, idx, report.findings));
    const counts = emptyCounts();
    const bySection = new Map<string, StatusCounts>();
    for (const c of controls) {
      counts[c.status]++;
      let s = bySection.get(c.section);
      if (!s) bySection.set(c.section, (s = emptyCounts()));
      s[c.status]++;
    }
    return {
      id: fw.id,
      name: fw.name,
      version: fw.version,
      score: scoreOf(counts),
      counts,
      sections: [...bySection].map(([id, sc]) => ({ id, title: fw.sections[id] ?? id, score: scoreOf(sc), counts: sc })),
      controls,
    };
  });
}

export function frameworksOf(report: Report): FrameworkResult[] {
  const ext = report.extensions?.frameworks as FrameworksExtension | undefined;
  return Array.isArray(ext?.frameworks) ? ext.frameworks : [];
}
