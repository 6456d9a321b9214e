import type { Diagnostic } from '../core/types.js';
import { ruleKey, type PolicyRule } from './matcher.js';
import type { RoleRec } from './model.js';

/**
 * ClusterRole aggregation as the clusterrole-aggregation controller resolves it
 * (pkg/controller/clusterroleaggregation, syncClusterRole): an aggregated role's rules are
 * replaced by the rules of the ClusterRoles its selectors match — selector by selector, each
 * selector's matches in name order, the role itself skipped, semantically equal rules kept once.
 * An empty selector matches every ClusterRole; an aggregationRule without selectors leaves no rules.
 * When a selector is not a valid label selector the controller's sync fails and the role keeps
 * the rules written in it (the API server's validation also rejects such a role; both reported).
 * Aggregated roles may select aggregated roles (admin ⊇ edit ⊇ view): the controller converges
 * on the fixpoint, computed here from empty rules. A cycle is reported; it resolves to the rules
 * flowing into it (upstream, the result then depends on the order of syncs).
 */

export interface LabelSelector {
  matchLabels?: Record<string, unknown>;
  matchExpressions?: { key?: unknown; operator?: unknown; values?: unknown }[];
}

const LABEL_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** A label key as upstream validates it: optional DNS-subdomain prefix and `/`, then a name of at most 63 characters. */
function validLabelKey(key: string): boolean {
  const slash = key.indexOf('/');
  const name = slash === -1 ? key : key.slice(slash + 1);
  if (slash !== -1) {
    const prefix = key.slice(0, slash);
    if (prefix.length === 0 || prefix.length > 253 || !DNS_SUBDOMAIN.test(prefix)) return false;
  }
  return name.length > 0 && name.length <= 63 && LABEL_NAME.test(name);
}

/** A label value: empty, or at most 63 characters of the label-name alphabet. */
function validLabelValue(v: string): boolean {
  return v === '' || (v.length <= 63 && LABEL_NAME.test(v));
}

/**
 * metav1.LabelSelectorAsSelector: an empty selector matches everything; one that it cannot
 * convert (unknown operator, In/NotIn without values, Exists/DoesNotExist with values, an invalid
 * key or value) is 'invalid'.
 */
export function selectorMatches(sel: LabelSelector, labels: Record<string, string>): boolean | 'invalid' {
  if (sel === null || typeof sel !== 'object') return 'invalid';
  const ml = sel.matchLabels;
  let result = true;
  if (ml !== undefined && ml !== null) {
    if (typeof ml !== 'object' || Array.isArray(ml)) return 'invalid';
    for (const [k, v] of Object.entries(ml)) {
      if (typeof v !== 'string' || !validLabelKey(k) || !validLabelValue(v)) return 'invalid';
      if (labels[k] !== v) result = false;
    }
  }
  const exprs = sel.matchExpressions;
  if (exprs !== undefined && exprs !== null) {
    if (!Array.isArray(exprs)) return 'invalid';
    for (const e of exprs) {
      if (!e || typeof e !== 'object' || typeof e.key !== 'string' || !validLabelKey(e.key)) return 'invalid';
      if (e.values !== undefined && e.values !== null && !Array.isArray(e.values)) return 'invalid';
      const raw: unknown[] = Array.isArray(e.values) ? e.values : [];
      if (raw.some((v) => typeof v !== 'string' || !validLabelValue(v))) return 'invalid';
      const values = raw as string[];
      const has = Object.prototype.hasOwnProperty.call(labels, e.key);
      switch (e.operator) {
        case 'In':
          if (values.length === 0) return 'invalid';
          if (!has || !values.includes(labels[e.key]!)) result = false;
          break;
        case 'NotIn':
          if (values.length === 0) return 'invalid';
          if (has && values.includes(labels[e.key]!)) result = false;
          break;
        case 'Exists':
          if (values.length) return 'invalid';
          if (!has) result = false;
          break;
        case 'DoesNotExist':
          if (values.length) return 'invalid';
          if (has) result = false;
          break;
        default:
          return 'invalid';
      }
    }
  }
  return result;
}

export function aggregateClusterRoles(roles: Map<string, RoleRec>, diagnostics: Diagnostic[]): void {
  const clusterRoles = [...roles.values()].filter((r) => r.kind === 'ClusterRole').sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const candidates = clusterRoles.filter((r) => r.aggregation);
  if (candidates.length === 0) return;
  const warn = (agg: RoleRec, code: string, message: string, path: (string | number)[]) => {
    if (agg.builtin) return;
    diagnostics.push({ level: 'warning', code, message: `ClusterRole ${agg.name}: ${message}`, file: agg.resource.source.file, line: agg.resource.locate?.(path)?.line ?? agg.resource.source.line });
  };
  // Which roles each aggregated role selects, in the controller's order (fixed: labels do not change).
  const selects = new Map<RoleRec, RoleRec[]>();
  for (const agg of candidates) {
    const chosen: RoleRec[] = [];
    let invalid = -1;
    agg.aggregation!.forEach((sel, i) => {
      if (invalid !== -1) return;
      for (const cr of clusterRoles) {
        const m = selectorMatches(sel, cr.labels);
        if (m === 'invalid') {
          invalid = i;
          return;
        }
        if (m && cr !== agg) chosen.push(cr);
      }
    });
    if (invalid !== -1) {
      warn(agg, 'rbac-invalid-selector', `aggregationRule.clusterRoleSelectors[${invalid}] is not a valid label selector: the API server rejects this ClusterRole, and the aggregation controller cannot sync it (it keeps the rules written in it)`, ['aggregationRule', 'clusterRoleSelectors', invalid]);
      continue;
    }
    if (agg.aggregation!.length === 0) {
      warn(agg, 'rbac-invalid-selector', 'aggregationRule has no clusterRoleSelectors: the API server rejects this ClusterRole (the aggregation controller would leave it no rules)', ['aggregationRule']);
    }
    selects.set(agg, chosen);
    agg.rules = [];
    agg.origins = [];
  }
  const aggregated = candidates.filter((a) => selects.has(a));
  reportCycles(aggregated, selects, diagnostics);
  // Fixpoint from empty rules: each round recomputes every aggregated role from what it selects,
  // so that at convergence the order of rules is the controller's (selector, role name, rule).
  const maxRounds = aggregated.length * 2 + 2;
  for (let round = 0; round < maxRounds; round++) {
    let changed = false;
    for (const agg of aggregated) {
      const have = new Set<string>();
      const rules: PolicyRule[] = [];
      const origins: RoleRec['origins'] = [];
      for (const src of selects.get(agg)!) {
        const srcRules = src.rules;
        for (let i = 0; i < srcRules.length; i++) {
          const k = ruleKey(srcRules[i]!);
          if (have.has(k)) continue;
          have.add(k);
          rules.push(srcRules[i]!);
          origins.push(src.origins[i]!);
        }
      }
      if (rules.length !== agg.rules.length || rules.some((r, i) => r !== agg.rules[i])) {
        agg.rules = rules;
        agg.origins = origins;
        changed = true;
      }
    }
    if (!changed) break;
  }
}

function reportCycles(aggregated: RoleRec[], selects: Map<RoleRec, RoleRec[]>, diagnostics: Diagnostic[]) {
  const state = new Map<RoleRec, 1 | 2>();
  const stack: RoleRec[] = [];
  const visit = (r: RoleRec) => {
    state.set(r, 1);
    stack.push(r);
    for (const next of selects.get(r) ?? []) {
      if (!next.aggregation) continue;
      const s = state.get(next);
      if (s === 1) {
        const cycle = stack.slice(stack.indexOf(next)).map((x) => x.name);
        diagnostics.push({
          level: 'warning',
          code: 'rbac-aggregation-cycle',
          message: `aggregated ClusterRoles select each other in a cycle: ${[...cycle, next.name].join(' → ')}; each gets the union of the rules the cycle reaches`,
          file: r.resource.source.file,
          line: r.resource.source.line,
        });
      } else if (s === undefined) visit(next);
    }
    stack.pop();
    state.set(r, 2);
  };
  for (const r of aggregated) if (!state.has(r)) visit(r);
}
