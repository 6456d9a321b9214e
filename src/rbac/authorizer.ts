import { ruleAllows, type PolicyRule, type RequestAttributes } from './matcher.js';
import { SA_PREFIX, describeRoleRef, roleKey, saUsername, type BindingRec, type RbacModel, type RoleRec, type SubjectRef } from './model.js';

/**
 * can-i, who-can and effective permissions over an {@link RbacModel}, deciding as the RBAC
 * authorizer does: ClusterRoleBindings apply everywhere; RoleBindings only to requests in their
 * own namespace (also when they reference a ClusterRole); non-resource requests have no namespace,
 * so only ClusterRoleBindings can allow them. RBAC never denies: a request is allowed when any
 * rule of any applicable binding allows it. Members of `system:masters` are allowed everything
 * by the API server before RBAC is asked.
 */

export const SUPERUSER_GROUP = 'system:masters';
export const AUTHENTICATED = 'system:authenticated';
export const UNAUTHENTICATED = 'system:unauthenticated';
export const ANONYMOUS = 'system:anonymous';

export interface UserInfo {
  name: string;
  groups: string[];
}

/**
 * The identity the API server would see, built as impersonation (`kubectl --as/--as-group`) builds
 * it: a service account's username gets its two service-account groups when no group is given;
 * every identity except `system:anonymous` is in `system:authenticated` (unless
 * `system:unauthenticated` is given), and `system:anonymous` is in `system:unauthenticated`.
 */
export function identityFor(name: string, extraGroups: readonly string[] = []): UserInfo {
  const groups: string[] = [...extraGroups];
  const sa = parseServiceAccountUsername(name);
  if (sa && extraGroups.length === 0) groups.push('system:serviceaccounts', `system:serviceaccounts:${sa.namespace}`);
  if (name === ANONYMOUS) {
    if (!groups.includes(UNAUTHENTICATED)) groups.push(UNAUTHENTICATED);
  } else if (!groups.includes(AUTHENTICATED) && !groups.includes(UNAUTHENTICATED)) groups.push(AUTHENTICATED);
  return { name, groups: [...new Set(groups)] };
}

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/**
 * `system:serviceaccount:<ns>:<name>` as upstream splits it: exactly two parts, a valid namespace
 * name (DNS label) and a valid service account name (DNS subdomain); anything else is a plain user.
 */
export function parseServiceAccountUsername(username: string): { namespace: string; name: string } | undefined {
  if (!username.startsWith(SA_PREFIX)) return undefined;
  const parts = username.slice(SA_PREFIX.length).split(':');
  if (parts.length !== 2) return undefined;
  const [namespace, name] = parts as [string, string];
  return validServiceAccount(namespace, name) ? { namespace, name } : undefined;
}

/** True when `system:serviceaccount:<namespace>:<name>` is parsed back as this service account. */
export function validServiceAccount(namespace: string, name: string): boolean {
  return namespace.length <= 63 && DNS_LABEL.test(namespace) && name.length <= 253 && DNS_SUBDOMAIN.test(name);
}

export interface Grant {
  binding: BindingRec;
  role: RoleRec;
  ruleIndex: number;
  rule: PolicyRule;
  /** The subject of the binding through which the grant applies. */
  subject: SubjectRef;
}

export interface Decision {
  allowed: boolean;
  /** Allowed because the user is in system:masters (no RBAC rule needed). */
  superuser: boolean;
  /** Every binding rule that allows the request (the API server stops at the first). */
  grants: Grant[];
  /** Bindings that apply to the user but reference a role that does not exist. */
  dangling: BindingRec[];
}

/** Bindings that apply to the user, with the subject that makes each apply. */
export function bindingsFor(model: RbacModel, user: UserInfo): { binding: BindingRec; subject: SubjectRef }[] {
  const keys = [`User:${user.name}`, ...user.groups.map((g) => `Group:${g}`)];
  if (user.name.startsWith(SA_PREFIX)) keys.push(`SA:${user.name}`);
  const out: { binding: BindingRec; subject: SubjectRef }[] = [];
  const seen = new Set<BindingRec>();
  const keySet = new Set(keys);
  for (const k of keys) {
    for (const b of model.bySubject.get(k) ?? []) {
      if (seen.has(b)) continue;
      // As appliesTo: the first subject of the binding, in its own order, that names the user.
      const i = b.subjectKeys.findIndex((sk) => sk !== undefined && keySet.has(sk));
      if (i < 0) continue;
      const subject = b.subjects[i]!;
      seen.add(b);
      out.push({ binding: b, subject });
    }
  }
  return out;
}

function bindingApplies(b: BindingRec, namespace: string): boolean {
  return b.kind === 'ClusterRoleBinding' || (namespace !== '' && b.namespace === namespace);
}

export function canI(model: RbacModel, user: UserInfo, attrs: RequestAttributes): Decision {
  const superuser = user.groups.includes(SUPERUSER_GROUP);
  const namespace = attrs.path === undefined ? (attrs.namespace ?? '') : '';
  const grants: Grant[] = [];
  const dangling: BindingRec[] = [];
  for (const { binding, subject } of bindingsFor(model, user)) {
    if (!bindingApplies(binding, namespace)) continue;
    const role = binding.role;
    if (!role) {
      dangling.push(binding);
      continue;
    }
    role.rules.forEach((rule, ruleIndex) => {
      if (ruleAllows(rule, attrs)) grants.push({ binding, role, ruleIndex, rule, subject });
    });
  }
  return { allowed: superuser || grants.length > 0, superuser, grants, dangling };
}

export interface WhoCanEntry {
  subject: SubjectRef;
  binding: BindingRec;
  role: RoleRec;
  ruleIndex: number;
  rule: PolicyRule;
}

export interface WhoCanResult {
  /** Groups allowed everything whatever RBAC says. */
  superuserGroups: string[];
  entries: WhoCanEntry[];
}

/**
 * Every subject that a binding allows to make the request (rbac SubjectAccessEvaluator).
 * With `allNamespaces`, RoleBindings of every namespace are listed too (each grants the request
 * only in its own namespace).
 */
export function whoCan(model: RbacModel, attrs: RequestAttributes, options: { allNamespaces?: boolean } = {}): WhoCanResult {
  const namespace = attrs.path === undefined ? (attrs.namespace ?? '') : '';
  const entries: WhoCanEntry[] = [];
  // Only rules that name the resource (or `*`, or `*\/sub`) can allow it: look those up, then decide
  // exactly. Roles of other namespaces, and RoleBindings of other namespaces, are never looked at.
  const index = ruleIndexOf(model);
  const candidates = new Map<RoleRec, number>();
  const consider = (list: RuleRef[] | undefined) => {
    if (!list) return;
    for (let k = 0; k < list.length; k++) {
      const { role, index: i } = list[k]!;
      const prev = candidates.get(role);
      if (prev !== undefined && prev <= i) continue;
      if (ruleAllows(role.rules[i]!, attrs)) candidates.set(role, i);
    }
  };
  const lists = (key: string) => {
    const byScope = index.byResource.get(key);
    if (!byScope) return;
    consider(byScope.cluster);
    if (options.allNamespaces) for (const l of byScope.roles.values()) consider(l);
    else if (namespace) consider(byScope.roles.get(namespace));
  };
  if (attrs.path !== undefined) consider(index.nonResource);
  else {
    lists(attrs.subresource ? `${attrs.resource}/${attrs.subresource}` : (attrs.resource ?? ''));
    lists('*');
    if (attrs.subresource) lists(`*/${attrs.subresource}`);
  }
  for (const [role, firstRule] of candidates) {
    if (role.kind === 'Role' && !options.allNamespaces && role.namespace !== namespace) continue;
    const bound = bindingsOfRole(model, role.key);
    if (!bound) continue;
    // Non-resource requests have no namespace: only ClusterRoleBindings apply to them.
    const inNamespaces = attrs.path !== undefined ? [] : options.allNamespaces ? [...bound.namespaced.values()] : namespace ? [bound.namespaced.get(namespace) ?? []] : [];
    for (const list of [bound.cluster, ...inNamespaces]) {
      for (const b of list) {
        const seen = new Set<string>();
        for (const subject of b.subjects) {
          // A subject listed twice in one binding is one grant (the subject locator de-duplicates too).
          const k = subjectSortKey(subject);
          if (seen.has(k)) continue;
          seen.add(k);
          entries.push({ subject, binding: b, role, ruleIndex: firstRule, rule: role.rules[firstRule]! });
        }
      }
    }
  }
  // Ordered by subject, then binding (each binding names one role, so this is a total order).
  const keyed = entries.map((e) => [`${subjectSortKey(e.subject)}\0${e.binding.key}`, e] as const);
  keyed.sort((a, b) => cmp(a[0], b[0]));
  entries.length = 0;
  for (const [, e] of keyed) entries.push(e);
  return { superuserGroups: [SUPERUSER_GROUP], entries };
}

interface RuleRef {
  role: RoleRec;
  index: number;
}

interface RuleIndex {
  /** Resource name as written in rules → ClusterRole rules, and Role rules by namespace. */
  byResource: Map<string, { cluster: RuleRef[]; roles: Map<string, RuleRef[]> }>;
  nonResource: RuleRef[];
}

const ruleIndexes = new WeakMap<RbacModel, RuleIndex>();

/** Every rule of every role, filed under each resource it names (built once per model). */
function ruleIndexOf(model: RbacModel): RuleIndex {
  let idx = ruleIndexes.get(model);
  if (idx) return idx;
  idx = { byResource: new Map(), nonResource: [] };
  for (const role of model.roles.values()) {
    role.rules.forEach((rule, index) => {
      const ref = { role, index };
      if (rule.nonResourceURLs.length) idx!.nonResource.push(ref);
      for (const r of new Set(rule.resources)) {
        let byScope = idx!.byResource.get(r);
        if (!byScope) idx!.byResource.set(r, (byScope = { cluster: [], roles: new Map() }));
        if (role.kind === 'ClusterRole') byScope.cluster.push(ref);
        else {
          let l = byScope.roles.get(role.namespace!);
          if (!l) byScope.roles.set(role.namespace!, (l = []));
          l.push(ref);
        }
      }
    });
  }
  ruleIndexes.set(model, idx);
  return idx;
}

interface RoleBindings {
  cluster: BindingRec[];
  /** RoleBindings by namespace. */
  namespaced: Map<string, BindingRec[]>;
}

const roleBindingIndexes = new WeakMap<RbacModel, Map<string, RoleBindings>>();

/** The bindings of a role: ClusterRoleBindings, and RoleBindings by namespace (built once per model). */
function bindingsOfRole(model: RbacModel, roleKey: string): RoleBindings | undefined {
  let idx = roleBindingIndexes.get(model);
  if (!idx) {
    idx = new Map();
    for (const [key, list] of model.byRole) {
      const rb: RoleBindings = { cluster: [], namespaced: new Map() };
      for (const b of list) {
        if (b.kind === 'ClusterRoleBinding') rb.cluster.push(b);
        else {
          let l = rb.namespaced.get(b.namespace!);
          if (!l) rb.namespaced.set(b.namespace!, (l = []));
          l.push(b);
        }
      }
      idx.set(key, rb);
    }
    roleBindingIndexes.set(model, idx);
  }
  return idx.get(roleKey);
}

/** Plain code-unit order: stable across locales, and much faster than localeCompare. */
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function subjectSortKey(s: SubjectRef): string {
  return `${s.kind}\0${s.namespace ?? ''}\0${s.name}`;
}

export interface PermissionSet {
  /** `*` for grants that apply in every namespace and cluster-wide (ClusterRoleBindings). */
  scope: string;
  binding: BindingRec;
  role?: RoleRec;
  subject: SubjectRef;
  rules: PolicyRule[];
}

/** The rules that apply to the user, by scope: cluster-wide first, then namespace by namespace. */
export function permissionsOf(model: RbacModel, user: UserInfo): PermissionSet[] {
  const out: PermissionSet[] = bindingsFor(model, user).map(({ binding, subject }) => {
    const p: PermissionSet = { scope: binding.kind === 'ClusterRoleBinding' ? '*' : binding.namespace!, binding, subject, rules: binding.role?.rules ?? [] };
    if (binding.role) p.role = binding.role;
    return p;
  });
  out.sort((a, b) => (a.scope === b.scope ? 0 : a.scope === '*' ? -1 : b.scope === '*' ? 1 : cmp(a.scope, b.scope)) || cmp(a.binding.key, b.binding.key));
  return out;
}

export function describeGrant(g: { binding: BindingRec; role: RoleRec; ruleIndex: number }): string {
  return `${g.binding.kind} ${g.binding.namespace ? `${g.binding.namespace}/` : ''}${g.binding.name} → ${describeRoleRef(g.binding)} rules[${g.ruleIndex}]`;
}

export { roleKey, saUsername };
