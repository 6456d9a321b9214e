/**
 * Label selectors as the API server defines them (metav1.LabelSelector): `matchLabels` and
 * `matchExpressions` are ANDed; an empty selector matches everything; `In`/`NotIn` take values,
 * `Exists`/`DoesNotExist` take none. A malformed selector matches nothing, as the API server
 * would have rejected it.
 */

export type Labels = Readonly<Record<string, string>>;
export type SelectorFn = (labels: Labels) => boolean;

const MATCH_ALL: SelectorFn = () => true;
const MATCH_NONE: SelectorFn = () => false;

interface Requirement {
  key: string;
  op: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
  values: Set<string>;
}

/** Compiles a selector once, for many matches. */
export function compileSelector(selector: unknown): SelectorFn {
  if (selector === null || selector === undefined) return MATCH_ALL;
  if (typeof selector !== 'object' || Array.isArray(selector)) return MATCH_NONE;
  const s = selector as { matchLabels?: unknown; matchExpressions?: unknown };
  const reqs: Requirement[] = [];
  if (s.matchLabels !== undefined && s.matchLabels !== null) {
    if (typeof s.matchLabels !== 'object' || Array.isArray(s.matchLabels)) return MATCH_NONE;
    for (const [key, value] of Object.entries(s.matchLabels)) reqs.push({ key, op: 'In', values: new Set([String(value)]) });
  }
  if (s.matchExpressions !== undefined && s.matchExpressions !== null) {
    if (!Array.isArray(s.matchExpressions)) return MATCH_NONE;
    for (const e of s.matchExpressions) {
      if (!e || typeof e !== 'object' || typeof e.key !== 'string') return MATCH_NONE;
      const values = Array.isArray(e.values) ? e.values.map(String) : [];
      if (e.operator === 'In' || e.operator === 'NotIn') {
        if (values.length === 0) return MATCH_NONE;
      } else if (e.operator === 'Exists' || e.operator === 'DoesNotExist') {
        if (values.length !== 0) return MATCH_NONE;
      } else return MATCH_NONE;
      reqs.push({ key: e.key, op: e.operator, values: new Set(values) });
    }
  }
  if (reqs.length === 0) return MATCH_ALL;
  return (labels) => {
    for (const r of reqs) {
      const has = Object.prototype.hasOwnProperty.call(labels, r.key);
      switch (r.op) {
        case 'In':
          if (!has || !r.values.has(labels[r.key]!)) return false;
          break;
        case 'NotIn':
          if (has && r.values.has(labels[r.key]!)) return false;
          break;
        case 'Exists':
          if (!has) return false;
          break;
        case 'DoesNotExist':
          if (has) return false;
          break;
      }
    }
    return true;
  };
}

/** `app=web,tier in (a,b)` for messages. */
export function describeSelector(selector: unknown): string {
  if (!selector || typeof selector !== 'object') return '(all)';
  const s = selector as { matchLabels?: Record<string, string>; matchExpressions?: { key: string; operator: string; values?: string[] }[] };
  const parts: string[] = [];
  for (const [k, v] of Object.entries(s.matchLabels ?? {})) parts.push(`${k}=${v}`);
  for (const e of s.matchExpressions ?? []) {
    if (e.operator === 'Exists') parts.push(e.key);
    else if (e.operator === 'DoesNotExist') parts.push(`!${e.key}`);
    else parts.push(`${e.key} ${e.operator === 'In' ? 'in' : 'notin'} (${(e.values ?? []).join(',')})`);
  }
  return parts.length ? parts.join(',') : '(all)';
}
