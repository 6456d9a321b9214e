import type { Diagnostic } from '../core/types.js';
import { ruleKey } from './matcher.js';
import type { RoleRec } from './model.js';

/**
 * ClusterRole aggregation as the clusterrole-aggregation controller resolves it: an aggregated
 * role's rules are replaced by the rules of every other ClusterRole that one of its selectors
 * matches, taken in name order, without duplicates. Aggregated roles may select other aggregated
 * roles (admin ⊇ edit ⊇ view); the controller converges on the fixpoint, computed here from empty
 * rules. A cycle is reported, and still resolves to the union of everything it reaches.
 */

export interface LabelSelector {
  matchLabels?: Record<string, unknown>;
  matchExpressions?: { key?: unknown; operator?: unknown; values?: unknown }[];
}

/** metav1.LabelSelectorAsSelector: an empty selector matches everything; an invalid one, nothing. */
export function selectorMatches(sel: LabelSelector, labels: Record<string, string>): boolean | 'invalid' {
  const ml = sel.matchLabels;
  if (ml !== undefined && ml !== null) {
    if (typeof ml !== 'object') return 'invalid';
    for (const [k, v] of Object.entries(ml)) if (labels[k] !== String(v)) return false;
  }
  const exprs = sel.matchExpressions;
  if (exprs !== undefined && exprs !== null) {
    if (!Array.isArray(exprs)) return 'invalid';
    for (const e of exprs) {
      if (!e || typeof e.key !== 'string') return 'invalid';
      const values = Array.isArray(e.values) ? e.values.map(String) : [];
      const has = Object.prototype.hasOwnProperty.call(labels, e.key);
      switch (e.operator) {
        case 'In':
          if (values.length === 0) return 'invalid';
          if (!has || !values.includes(labels[e.key]!)) return false;
          break;
        case 'NotIn':
          if (values.length === 0) return 'invalid';
          if (has && values.includes(labels[e.key]!)) return false;
          break;
        case 'Exists':
          if (values.length) return 'invalid';
          if (!has) return false;
          break;
        case 'DoesNotExist':
          if (values.length) return 'invalid';
          if (has) return false;
          break;
        default:
          return 'invalid';
      }
    }
  }
  return true;
}

export function aggregateClusterRoles(roles: Map<string, RoleRec>, diagnostics: Diagnostic[]): void {
  const clusterRoles = [...roles.values()].filter((r) => r.kind === 'ClusterRole').sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const aggregated = clusterRoles.filter((r) => r.aggregation);
  if (aggregated.length === 0) return;
  // Which roles each aggregated role selects (fixed: labels do not change).
  const selects = new Map<RoleRec, RoleRec[]>();
  for (const agg of aggregated) {
    const chosen: RoleRec[] = [];
    const seen = new Set<RoleRec>();
    agg.aggregation!.forEach((sel, i) => {
      const matched: RoleRec[] = [];
      for (const cr of clusterRoles) {
        if (cr === agg) continue;
        const m = selectorMatches(sel, cr.labels);
        if (m === 'invalid') {
          if (!agg.builtin) {
            diagnostics.push({
              level: 'warning',
              code: 'rbac-invalid-selector',
              message: `ClusterRole ${agg.name}: aggregationRule.clusterRoleSelectors[${i}] is not a valid label selector; it selects nothing`,
              file: agg.resource.source.file,
              line: agg.resource.locate?.(['aggregationRule', 'clusterRoleSelectors', i])?.line,
            });
          }
          return;
        }
        if (m) matched.push(cr);
      }
      for (const cr of matched) {
        if (seen.has(cr)) continue;
        seen.add(cr);
        chosen.push(cr);
      }
    });
    selects.set(agg, chosen);
    agg.rules = [];
    agg.origins = [];
  }
  reportCycles(aggregated, selects, diagnostics);
  // Fixpoint: recompute until no aggregated role changes (bounded by the number of aggregated roles).
  const keys = new Map<RoleRec, Set<string>>(aggregated.map((a) => [a, new Set<string>()]));
  for (let round = 0; round <= aggregated.length; round++) {
    let changed = false;
    for (const agg of aggregated) {
      const have = keys.get(agg)!;
      for (const src of selects.get(agg)!) {
        src.rules.forEach((rule, i) => {
          const k = ruleKey(rule);
          if (have.has(k)) return;
          have.add(k);
          agg.rules.push(rule);
          agg.origins.push(src.origins[i]!);
          changed = true;
        });
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
