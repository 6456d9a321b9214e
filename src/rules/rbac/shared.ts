import type { InventoryContext, InventoryRule } from '../../core/rule.js';
import { defineRule } from '../../core/rule.js';
import { formatPath } from '../../core/paths.js';
import type { Inventory, PathSegment, Resource, Severity } from '../../core/types.js';
import { containersOf, isObject, podTemplateOf } from '../../core/workload.js';
import { roleCapabilities, type CapabilityId, type RuleCapability } from '../../rbac/capabilities.js';
import { formatRule, type PolicyRule } from '../../rbac/matcher.js';
import { describeSubject, rbacModel, type BindingRec, type RbacModel, type RoleRec, type SubjectRef, type WorkloadRec } from '../../rbac/model.js';
import { escalationPaths, nodeTakeover, type PathsResult } from '../../rbac/paths.js';
import { CLUSTER_SCOPED } from '../../rbac/resources.js';
import { RBAC_READS } from '../kinds.js';
import { isDefaultRule, isDefaultSubject } from './defaults.js';

/** The model of the scan's inventory (built once per inventory; rules share it). */
export function modelFor(ctx: { inventory: Inventory; options: Record<string, unknown> }): RbacModel {
  return rbacModel(ctx.inventory, { bootstrap: ctx.options.bootstrap !== false });
}

const pathsCache = new WeakMap<RbacModel, PathsResult>();

/** The escalation paths of a model, computed once for the rules that read them. */
export function pathsFor(model: RbacModel): PathsResult {
  let p = pathsCache.get(model);
  if (!p) pathsCache.set(model, (p = escalationPaths(model)));
  return p;
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

export const bindingName = (b: BindingRec) => `${b.kind} ${b.namespace ? `${b.namespace}/` : ''}${b.name}`;

/** Requests for these resources carry no namespace, so only ClusterRoleBindings can allow them. */
const NO_NAMESPACE = new Set([...CLUSTER_SCOPED, 'users', 'groups', 'uids', 'signers']);

/**
 * True when the binding really grants the capability: a RoleBinding applies only to requests in
 * its namespace, so it grants nothing on cluster-scoped resources (nodes/proxy, PersistentVolumes,
 * webhook configurations, signers, users and groups to impersonate, ClusterRoles to escalate),
 * even when it references a ClusterRole that names them. `bind` on clusterroles is the exception:
 * it is asked in the namespace of the RoleBinding being created.
 */
export function bindingGrants(b: BindingRec, cap: RuleCapability): boolean {
  return b.kind === 'ClusterRoleBinding' || !needsClusterBinding(cap);
}

/** True for permissions that only a ClusterRoleBinding can give (see bindingGrants). */
export function needsClusterBinding(cap: RuleCapability): boolean {
  return cap.id !== 'bind-clusterroles' && NO_NAMESPACE.has(cap.resource.split('/')[0]!);
}

/** A workload of the input that runs as a service account, with its token mounted. */
export interface RunBy {
  workload: string;
  file?: string;
  line?: number;
  /** Host access that amounts to root on its node (privileged, SYS_ADMIN, a hostPath of the host's system). */
  hostAccess: string[];
}

/**
 * True when the pod really mounts its service account's token: the pod's
 * automountServiceAccountToken wins; when the pod leaves it unset, the ServiceAccount's own field
 * decides (the model reads only the pod's).
 */
export function tokenMounted(model: RbacModel, w: WorkloadRec): boolean {
  if (!w.automountToken) return false;
  if (podTemplateOf(w.resource)?.spec.automountServiceAccountToken === true) return true;
  return model.serviceAccounts.get(`${w.namespace}/${w.serviceAccount}`)?.resource?.object.automountServiceAccountToken !== false;
}

/** Workloads of the input that run as the service-account subjects, with their tokens mounted. */
export function workloadsRunningAs(model: RbacModel, subjects: readonly SubjectRef[]): RunBy[] {
  const out: RunBy[] = [];
  const seen = new Set<string>();
  for (const s of subjects) {
    if (s.kind !== 'ServiceAccount') continue;
    for (const w of model.serviceAccounts.get(`${s.namespace}/${s.name}`)?.workloads ?? []) {
      const id = `${w.resource.kind}/${w.namespace}/${w.resource.name}`;
      if (!tokenMounted(model, w) || seen.has(id)) continue;
      seen.add(id);
      const rb: RunBy = { workload: id, hostAccess: nodeTakeover(w) };
      if (w.resource.source.file) rb.file = w.resource.source.file;
      if (w.resource.source.line) rb.line = w.resource.source.line;
      out.push(rb);
    }
  }
  return out;
}

/** `; run by Deployment a/b (privileged: ...)` for messages: the workloads whose compromise gives the permission. */
export function runByText(list: RunBy[]): string {
  if (list.length === 0) return '';
  const shown = list.slice(0, 3).map((w) => {
    const [kind, ns, name] = w.workload.split('/');
    return `${kind} ${ns}/${name}${w.hostAccess.length ? ` (which can also take over its node: ${w.hostAccess.join(', ')})` : ''}`;
  });
  return `; used by ${shown.join(', ')}${list.length > 3 ? ` and ${list.length - 3} more` : ''}`;
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
  /** Keeps only some matches (e.g. signers that issue credentials). */
  accept?: (cap: RuleCapability) => boolean;
  /** Severity of one match, when it depends on more than scope and names (e.g. which signer). */
  severityOf?: (caps: RuleCapability[], clusterWide: boolean) => Severity | undefined;
}

type Messages = 'role' | 'binding';

function severityFor(spec: PermissionRuleSpec, list: RuleCapability[], clusterWide: boolean): Severity {
  const own = spec.severityOf?.(list, clusterWide);
  if (own) return own;
  if (list.every((c) => c.names !== '*')) return spec.namedSeverity ?? 'medium';
  return clusterWide ? spec.clusterSeverity : spec.namespaceSeverity;
}

function grantText(rule: PolicyRule, list: RuleCapability[]): string {
  return list
    .map((c) => {
      // Say when the permission comes from a wildcard, so the reader finds it in the rule.
      const literal = rule.resources.includes(c.resource) && (rule.apiGroups.includes(c.group) || c.group === '*') && rule.verbs.includes(c.verb);
      return `${c.verb} ${c.resource}${c.names === '*' ? '' : ` named ${c.names.join(',')}`}${literal ? '' : ' (through *)'}`;
    })
    .join('; ');
}

function listBindings(bindings: BindingRec[]): string {
  const names = bindings.slice(0, 2).map(bindingName);
  return `${names.join(', ')}${bindings.length > 2 ? ` and ${bindings.length - 2} more binding(s)` : ''}`;
}

/**
 * A rule that reports a dangerous permission where it is written: on the rule of a Role or
 * ClusterRole of the input that some binding grants (evidence: the bindings and subjects, and
 * whether a grant is cluster-wide), or on a binding of the input that grants a built-in role
 * holding it. Roles bound by nothing are left to rbac-unused-role; upstream's default rules and
 * subjects (also when read from a cluster) are not reported.
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
      role: '{{kind}} {{name}} rules[{{index}}] ({{grant}}) lets the subjects of {{bindings}} {{what}}, {{scope}}{{runBy}}',
      binding: '{{binding}} grants built-in {{role}}, whose {{grant}} let {{subjects}} {{what}}, {{scope}}{{runBy}}',
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
        const bound = effectiveBindings(model, role).filter((b) => b.subjects.length > 0);
        if (bound.length === 0) continue;
        if (role.builtin) {
          // Rules that the input aggregates into a built-in role (admin, edit, view) are reported on the role that writes them.
          const own = caps.filter((c) => role.origins[c.ruleIndex]?.resource.source.origin === 'builtin');
          if (own.length) builtinRoleHits.set(role, own);
        }
        if (role.builtin) continue;
        const byRule = new Map<number, RuleCapability[]>();
        for (const c of caps) byRule.set(c.ruleIndex, [...(byRule.get(c.ruleIndex) ?? []), c]);
        for (const [index, found] of byRule) {
          const origin = role.origins[index]!;
          // Aggregated rules are reported where they are written (the source role), once.
          if (origin.roleKey !== role.key) continue;
          // Upstream's own rules, as a cluster returns them, are not findings.
          if (isDefaultRule(role, index)) continue;
          // Only bindings that really grant one of the permissions, to someone not given it by upstream's defaults.
          const bindings = bound.filter((b) => found.some((c) => bindingGrants(b, c)) && b.subjects.some((s) => !isDefaultSubject(b, s)));
          if (bindings.length === 0) continue;
          const list = found.filter((c) => bindings.some((b) => bindingGrants(b, c)));
          const clusterWide = bindings.some((b) => b.kind === 'ClusterRoleBinding');
          const rule = role.rules[index]!;
          const runBy = workloadsRunningAs(model, bindings.flatMap((b) => b.subjects));
          const severity = severityFor(spec, list, clusterWide);
          ctx.report(
            'role',
            {
              kind: role.kind,
              name: role.namespace ? `${role.namespace}/${role.name}` : role.name,
              index,
              what: spec.what,
              grant: grantText(rule, list),
              bindings: listBindings(bindings),
              scope: clusterWide ? 'cluster-wide' : `in namespace ${[...new Set(bindings.map((b) => b.namespace))].join(', ')}`,
              runBy: runByText(runBy),
            },
            {
              resource: origin.resource,
              path: ['rules', origin.index],
              severity,
              evidence: {
                rule: formatRule(rule),
                capabilities: list.map((c) => ({ verb: c.verb, resource: c.resource, group: c.group, resourceNames: c.names })),
                grantedBy: bindings.map(bindingSummary),
                ...(runBy.length ? { usedBy: runBy } : {}),
              },
              ...(runBy.length ? { properties: { workloads: runBy.map((w) => w.workload) } } : {}),
            },
          );
        }
      }
      for (const [role, caps] of builtinRoleHits) {
        // Direct bindings only: an aggregated built-in role (admin, edit) is checked with its own rules.
        for (const b of model.byRole.get(role.key) ?? []) {
          const subjects = b.subjects.filter((s) => !isDefaultSubject(b, s));
          if (b.builtin || subjects.length === 0) continue;
          const list = caps.filter((c) => bindingGrants(b, c));
          if (list.length === 0) continue;
          const clusterWide = b.kind === 'ClusterRoleBinding';
          const byRule = new Map<number, RuleCapability[]>();
          for (const c of list) byRule.set(c.ruleIndex, [...(byRule.get(c.ruleIndex) ?? []), c]);
          const grant = [...byRule].map(([i, l]) => `rules[${i}] (${grantText(role.rules[i]!, l)})`).join(', ');
          const runBy = workloadsRunningAs(model, subjects);
          ctx.report(
            'binding',
            {
              binding: bindingName(b),
              role: `ClusterRole ${role.name}`,
              grant,
              subjects: subjects.map(describeSubject).join(', '),
              what: spec.what,
              scope: clusterWide ? 'cluster-wide' : `in namespace ${b.namespace}`,
              runBy: runByText(runBy),
            },
            {
              resource: b.resource,
              path: ['roleRef'],
              severity: severityFor(spec, list, clusterWide),
              evidence: { role: role.name, rules: [...byRule.keys()].map((i) => `rules[${i}]: ${formatRule(role.rules[i]!)}`), grantedBy: [bindingSummary(b)], ...(runBy.length ? { usedBy: runBy } : {}) },
              ...(runBy.length ? { properties: { workloads: runBy.map((w) => w.workload) } } : {}),
            },
          );
        }
      }
    },
  });
}

/**
 * The fields of a workload that give its pod its power, written where the workload and Pod
 * Security rules report them (privileged, added SYS_ADMIN, host paths), so that a report can join
 * this finding with theirs: the same pod, one story.
 */
export function workloadFields(r: Resource, takeover: string[]): string[] {
  const template = podTemplateOf(r);
  if (!template) return [];
  const base: PathSegment[] = [...template.path, 'spec'];
  const out: PathSegment[][] = [];
  if (typeof template.spec.serviceAccountName === 'string') out.push([...base, 'serviceAccountName']);
  if (takeover.length === 0) return out.map(formatPath);
  for (const c of containersOf(template.spec)) {
    const sc = c.container.securityContext;
    if (!isObject(sc)) continue;
    if (sc.privileged === true) out.push([...base, c.field, c.index, 'securityContext', 'privileged']);
    if (takeover.some((t) => t.startsWith(`${c.field}[${c.index}] capabilities`))) out.push([...base, c.field, c.index, 'securityContext', 'capabilities', 'add']);
  }
  const volumes = template.spec.volumes;
  if (Array.isArray(volumes)) {
    volumes.forEach((v, i) => {
      if (isObject(v) && isObject(v.hostPath) && takeover.includes(`hostPath: ${String(v.hostPath.path)}`)) out.push([...base, 'volumes', i, 'hostPath']);
    });
  }
  return out.map(formatPath);
}
