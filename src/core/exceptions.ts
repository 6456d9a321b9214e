import type { ExceptionRecord, Finding, ResourceRef, Waiver } from './types.js';

/**
 * An accepted deviation: a rule (or `*`) on the resources a selector names, with a justification
 * and an optional expiry. Expired exceptions no longer waive anything but stay listed in the report.
 */
export interface ExceptionRule {
  rule: string;
  selector: ResourceSelector;
  justification: string;
  acceptedBy?: string;
  /** ISO date `YYYY-MM-DD`; the exception holds through the end of that day (UTC). */
  expires?: string;
  /** Where it is written, e.g. `.rampart.yaml:12`. */
  origin: string;
  source: Waiver['source'];
}

/** Each field is a glob (`*` matches any run of characters); absent fields match everything. */
export interface ResourceSelector {
  kind?: string;
  name?: string;
  namespace?: string;
  file?: string;
}

const globCache = new Map<string, RegExp>();
function glob(pattern: string): RegExp {
  let re = globCache.get(pattern);
  if (!re) {
    const body = pattern.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*');
    re = new RegExp(`^${body}$`);
    globCache.set(pattern, re);
  }
  return re;
}

function matches(pattern: string | undefined, value: string | undefined): boolean {
  if (pattern === undefined) return true;
  return glob(pattern).test(value ?? '');
}

export function selectorMatches(sel: ResourceSelector, ref: ResourceRef, file: string | undefined): boolean {
  return (
    matches(sel.kind, ref.kind) && matches(sel.name, ref.name) && matches(sel.namespace, ref.namespace ?? '') && matches(sel.file, file)
  );
}

export function isExpired(ex: { expires?: string }, now: Date): boolean {
  if (!ex.expires) return false;
  const end = Date.parse(`${ex.expires}T23:59:59.999Z`);
  return Number.isNaN(end) ? true : now.getTime() > end;
}

/**
 * Marks the findings that an exception waives and returns the record of every exception,
 * so that the report can list them (an expired one is listed as expired, with what it would have matched).
 */
export function applyExceptions(findings: Finding[], exceptions: readonly ExceptionRule[], now: Date): ExceptionRecord[] {
  const records: ExceptionRecord[] = exceptions.map((ex) => ({
    ruleId: ex.rule,
    selector: { ...ex.selector },
    justification: ex.justification,
    acceptedBy: ex.acceptedBy,
    expires: ex.expires,
    expired: isExpired(ex, now),
    matched: 0,
    origin: ex.origin,
  }));
  if (exceptions.length === 0) return records;
  for (const f of findings) {
    if (f.waiver || f.status === 'pass' || f.status === 'not-applicable') continue;
    for (let i = 0; i < exceptions.length; i++) {
      const ex = exceptions[i]!;
      if (ex.rule !== '*' && ex.rule !== f.ruleId) continue;
      if (!selectorMatches(ex.selector, f.resource, f.source.file)) continue;
      records[i]!.matched++;
      if (records[i]!.expired) {
        (f.properties ??= {}).expiredException = ex.origin;
        continue;
      }
      f.waiver = { source: ex.source, justification: ex.justification, acceptedBy: ex.acceptedBy, expires: ex.expires, origin: ex.origin };
      break;
    }
  }
  return records;
}
