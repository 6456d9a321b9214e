import type { Resource } from '../../core/types.js';
import { bootstrapResources } from '../../rbac/bootstrap.js';
import { sameRule, type PolicyRule } from '../../rbac/matcher.js';
import { parseRules, roleKey, type BindingRec, type RoleRec, type SubjectRef } from '../../rbac/model.js';

/**
 * Upstream's default roles and bindings as they appear in a cluster snapshot or a live cluster:
 * objects of the input (not origin `builtin`) that carry the default's name. They are the API
 * server's own policy, not the user's, so the rules report only what differs from the default:
 * an added rule, an added subject. Objects labelled `kubernetes.io/bootstrapping: rbac-defaults`
 * and named `system:*` that this version's policy does not list (a newer or feature-gated
 * default) are taken as defaults as a whole.
 */

interface Defaults {
  rules: Map<string, PolicyRule[]>;
  bindings: Map<string, { roleRef: string; subjects: Set<string> }>;
}

let cached: Defaults | undefined;

const subjectId = (kind: string, name: string, namespace?: string) => `${kind}/${kind === 'ServiceAccount' ? (namespace ?? '') : ''}/${name}`;

function defaults(): Defaults {
  if (cached) return cached;
  const rules = new Map<string, PolicyRule[]>();
  const bindings = new Map<string, { roleRef: string; subjects: Set<string> }>();
  for (const r of bootstrapResources()) {
    if (r.kind === 'Role' || r.kind === 'ClusterRole') rules.set(roleKey(r.kind, r.name, r.namespace), parseRules(r, []));
    else if (r.kind === 'RoleBinding' || r.kind === 'ClusterRoleBinding') {
      const ref = r.object.roleRef as { kind: string; name: string };
      const subjects = new Set<string>();
      for (const s of (r.object.subjects ?? []) as { kind: string; name: string; namespace?: string }[]) subjects.add(subjectId(s.kind, s.name, s.namespace ?? r.namespace));
      bindings.set(`${r.kind}/${r.namespace ?? ''}/${r.name}`, { roleRef: `${ref.kind}/${ref.name}`, subjects });
    }
  }
  return (cached = { rules, bindings });
}

function labelledDefault(r: Resource): boolean {
  return r.name.startsWith('system:') && r.object.metadata?.labels?.['kubernetes.io/bootstrapping'] === 'rbac-defaults';
}

/** True when the role is upstream's default of that name (built in, or as read from a cluster) and adds nothing to it. */
export function isDefaultRole(role: RoleRec): boolean {
  if (role.builtin) return true;
  const known = defaults().rules.get(role.key);
  if (!known) return labelledDefault(role.resource);
  return role.origins.every((o, i) => o.roleKey !== role.key || isDefaultRule(role, i));
}

/** True when rule `index` of the role is one of the default rules of upstream's role of that name. */
export function isDefaultRule(role: RoleRec, index: number): boolean {
  const origin = role.origins[index];
  if (!origin || origin.resource.source.origin === 'builtin') return true;
  const key = origin.roleKey;
  const known = defaults().rules.get(key);
  if (!known) return origin.resource.kind === 'ClusterRole' || origin.resource.kind === 'Role' ? labelledDefault(origin.resource) : false;
  const rule = origin.roleKey === role.key ? role.rules[index] : undefined;
  const written = rule ?? parseRules(origin.resource, [])[origin.index];
  return written !== undefined && known.some((d) => sameRule(d, written));
}

/** True when the subject is one that upstream's default binding of that name gives its default role. */
export function isDefaultSubject(b: BindingRec, s: SubjectRef): boolean {
  if (b.builtin) return true;
  const known = defaults().bindings.get(b.key);
  if (!known) return labelledDefault(b.resource);
  return known.roleRef === `${b.roleRef.kind}/${b.roleRef.name}` && known.subjects.has(subjectId(s.kind, s.name, s.namespace));
}

/** True when every subject of the binding is a default one (the binding adds nothing to upstream's). */
export function isDefaultBinding(b: BindingRec): boolean {
  if (b.builtin) return true;
  if (!defaults().bindings.has(b.key)) return labelledDefault(b.resource);
  return b.subjects.every((s) => isDefaultSubject(b, s));
}
