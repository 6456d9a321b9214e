import type { InventoryContext, InventoryRule } from '../../core/rule.js';
import { defineRule } from '../../core/rule.js';
import type { Inventory, Severity } from '../../core/types.js';
import { roleCapabilities, type CapabilityId, type RuleCapability } from '../../rbac/capabilities.js';
import { formatRule } from '../../rbac/matcher.js';
import { describeSubject, rbacModel, type BindingRec, type RbacModel, type RoleRec } from '../../rbac/model.js';
import { RBAC_READS } from '../kinds.js';

/** The model of the scan's inventory (built once per inventory; rules share it). */
export function modelFor(ctx: { inventory: Inventory; options: Record<string, unknown> }): RbacModel {
  return rbacModel(ctx.inventory, { bootstrap: ctx.options.bootstrap !== false });
}

/** Bindings that give a role's rules to someone: its own, and those of roles aggregating it. */
export function effectiveBindings(model: RbacModel, role: RoleRec): BindingRec[] {
  const out = [...(model.byRole.get(role.key) ?? [])];
  if (role.kind === 'ClusterRole') {
    for (const agg of model.roles.values()) {
      if (agg === role || !agg.aggregation) continue;
      if (agg.origins.some((o) => o.roleKey === role.key)) out.push(...(model.byRole.get(agg.key) ?? []));
    }
  }
  return out;
}

export function bindingSummary(b: BindingRec) {
  return {
    binding: `${b.kind} ${b.namespace ? `${b.namespace}/` : ''}${b.name}`,
    scope: b.kind === 'ClusterRoleBinding' ? 'cluster-wide' : `namespace ${b.namespace}`,
    subjects: b.subjects.map(describeSubject),
    ...(b.builtin ? { builtin: true } : { file: b.resource.source.file, line: b.resource.source.line }),
  };
}

export interface PermissionRuleSpec {
  id: string;
  title: string;
  description: string;
  remediation: string;
  capabilities: CapabilityId[];
  /** Severity when some grant is cluster-wide (a ClusterRoleBinding). */
  clusterSeverity: Severity;
  /** Severity when every grant is limited to namespaces. */
  namespaceSeverity: Severity;
  /** Severity when every matching grant is limited to named objects (resourceNames); default medium. */
  namedSeverity?: Severity;
  /** What the permission lets one do, for the message. */
  what: string;
  references?: string[];
  /** Keeps only some matches (e.g. PersistentVolumes: create only). */
  accept?: (cap: RuleCapability) => boolean;
}

type Messages = 'role' | 'binding';

/**
 * A rule that reports a dangerous permission where it is written: on the rule of a Role or
 * ClusterRole of the input that some binding grants (evidence: the bindings and subjects, and
 * whether a grant is cluster-wide), or on a binding of the input that grants a built-in role
 * holding it. Roles bound by nothing are left to rbac-unused-role.
 */
export function permissionRule(spec: PermissionRuleSpec): InventoryRule<Messages> {
  return defineRule<Messages>({
    id: spec.id,
    title: spec.title,
    severity: spec.clusterSeverity,
    area: 'rbac',
    target: 'inventory',
    kinds: RBAC_READS,
    description: spec.description,
    remediation: spec.remediation,
    references: spec.references ?? ['https://kubernetes.io/docs/concepts/security/rbac-good-practices/'],
    messages: {
      role: '{{kind}} {{name}} rules[{{index}}] lets its subjects {{what}} ({{grant}}), {{scope}}',
      binding: '{{binding}} grants built-in {{role}}, which lets {{subjects}} {{what}}, {{scope}}',
    },
    check(ctx: InventoryContext<Messages>) {
      const model = modelFor(ctx);
      const wanted = new Set(spec.capabilities);
      const builtinRoleHits = new Map<RoleRec, RuleCapability[]>();
      for (const role of model.roles.values()) {
        // A rule that grants everything (`*` on `*` in `*`) is told once, by rbac-wildcard-rule and
        // rbac-cluster-admin-binding, not again by every permission rule.
        const all = roleCapabilities(role);
        const full = new Set(all.filter((c) => c.id === 'all').map((c) => c.ruleIndex));
        const caps = all.filter((c) => wanted.has(c.id) && !full.has(c.ruleIndex) && (!spec.accept || spec.accept(c)));
        if (caps.length === 0) continue;
        const bindings = effectiveBindings(model, role).filter((b) => b.subjects.length > 0);
        if (bindings.length === 0) continue;
        if (role.builtin) {
          builtinRoleHits.set(role, caps);
          continue;
        }
        const clusterWide = bindings.some((b) => b.kind === 'ClusterRoleBinding');
        const byRule = new Map<number, RuleCapability[]>();
        for (const c of caps) byRule.set(c.ruleIndex, [...(byRule.get(c.ruleIndex) ?? []), c]);
        for (const [index, list] of byRule) {
          const origin = role.origins[index]!;
          // Aggregated rules are reported where they are written (the source role), once.
          if (origin.roleKey !== role.key) continue;
          const rule = role.rules[index]!;
          ctx.report(
            'role',
            {
              kind: role.kind,
              name: role.namespace ? `${role.namespace}/${role.name}` : role.name,
              index,
              what: spec.what,
              grant: list.map((c) => `${c.verb} ${c.resource}${c.names === '*' ? '' : ` named ${c.names.join(',')}`}`).join('; '),
              scope: clusterWide ? 'cluster-wide' : `in ${[...new Set(bindings.map((b) => b.namespace))].join(', ')}`,
            },
            {
              resource: origin.resource,
              path: ['rules', origin.index],
              severity: list.every((c) => c.names !== '*') ? (spec.namedSeverity ?? 'medium') : clusterWide ? spec.clusterSeverity : spec.namespaceSeverity,
              evidence: { rule: formatRule(rule), capabilities: list.map((c) => ({ verb: c.verb, resource: c.resource, group: c.group, resourceNames: c.names })), grantedBy: bindings.map(bindingSummary) },
            },
          );
        }
      }
      for (const [role, caps] of builtinRoleHits) {
        // Direct bindings only: an aggregated built-in role (admin, edit) is checked with its own rules.
        for (const b of model.byRole.get(role.key) ?? []) {
          if (b.builtin || b.subjects.length === 0) continue;
          const clusterWide = b.kind === 'ClusterRoleBinding';
          ctx.report(
            'binding',
            {
              binding: `${b.kind} ${b.namespace ? `${b.namespace}/` : ''}${b.name}`,
              role: `ClusterRole ${role.name}`,
              subjects: b.subjects.map(describeSubject).join(', '),
              what: spec.what,
              scope: clusterWide ? 'cluster-wide' : `in namespace ${b.namespace}`,
            },
            {
              resource: b.resource,
              path: ['roleRef'],
              severity: clusterWide ? spec.clusterSeverity : spec.namespaceSeverity,
              evidence: { role: role.name, rules: [...new Set(caps.map((c) => formatRule(role.rules[c.ruleIndex]!)))], grantedBy: [bindingSummary(b)] },
            },
          );
        }
      }
    },
  });
}
