import type { Rule } from '../core/rule.js';
import type { Inventory } from '../core/types.js';
import { rbacModel } from './model.js';
import { escalationPaths, type EscalationPath } from './paths.js';

/** `report.extensions.rbac`: the escalation paths with every hop, for the HTML report (docs/rbac.md). */
export interface RbacReportExtension {
  schemaVersion: '1';
  bootstrap: boolean;
  paths: EscalationPath[];
  stats: { roles: number; bindings: number; serviceAccounts: number; namespaces: number; graphNodes: number; graphEdges: number };
}

/**
 * Built only when the escalation-path rule ran; reuses the model and paths the rules built for this
 * inventory. `reported` (the `from` of each rbac-escalation-path finding) keeps the paths drawn the
 * ones the report tells, so the rule's filters (paths through defaults only) apply here too.
 */
export function rbacReportExtension(inventory: Inventory, rules: readonly Rule[], options: Record<string, Record<string, unknown>> = {}, reported?: ReadonlySet<string>): RbacReportExtension | undefined {
  if (!rules.some((r) => r.id === 'rbac-escalation-path')) return undefined;
  const bootstrap = options['rbac-escalation-path']?.bootstrap !== false;
  const model = rbacModel(inventory, { bootstrap });
  const result = escalationPaths(model);
  return {
    schemaVersion: '1',
    bootstrap,
    paths: result.paths.filter((p) => p.fromInput && (!reported || reported.has(p.from))),
    stats: {
      roles: model.roles.size,
      bindings: model.bindings.length,
      serviceAccounts: model.serviceAccounts.size,
      namespaces: model.namespaces.size,
      graphNodes: result.stats.nodes,
      graphEdges: result.stats.edges,
    },
  };
}
