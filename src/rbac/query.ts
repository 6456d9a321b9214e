import type { Diagnostic, Resource } from '../core/types.js';
import { formatRule, type RequestAttributes } from './matcher.js';
import { canI, describeGrant, identityFor, parseServiceAccountUsername, permissionsOf, whoCan, type UserInfo } from './authorizer.js';
import { describeRoleRef, saUsername, type BindingRec, type RbacModel, type SubjectRef } from './model.js';
import { CLUSTER_SCOPED, isKnownSubresource, resolveResource } from './resources.js';

/**
 * Plain-data answers for the CLI and the library: every binding and rule named, with its file and
 * line, so that a person can check each answer against the manifests.
 */

export interface RequestSpec {
  verb: string;
  /**
   * `pods`, `pods/exec`, `pods/web-1`, `deployments.apps`, or a non-resource URL starting with `/`.
   * After the slash: a subresource that the resource has (`pods/exec`, `deployments/scale`),
   * otherwise — and always when `subresource` is given — the object's name, as in
   * `kubectl auth can-i VERB TYPE/NAME`.
   */
  target: string;
  namespace?: string;
  name?: string;
  group?: string;
  subresource?: string;
}

/** Verbs that kubectl auth can-i knows (others are warned about, and still asked). */
const RESOURCE_VERBS = new Set(['get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'deletecollection', 'use', 'bind', 'impersonate', '*', 'approve', 'sign', 'escalate', 'attest']);
const NON_RESOURCE_VERBS = new Set(['get', 'put', 'post', 'head', 'options', 'delete', 'patch', '*']);

/** A request that cannot be made as written (kubectl refuses it too). */
export class RequestError extends Error {}

export function requestAttributes(model: RbacModel, spec: RequestSpec): { attrs: RequestAttributes; warnings: string[] } {
  if (spec.target.startsWith('/')) {
    // kubectl auth can-i: a non-resource URL takes no subresource and no name.
    if (spec.subresource) throw new RequestError('--subresource cannot be used with a non-resource URL');
    if (spec.name) throw new RequestError('a non-resource URL and a resource name cannot be given together');
    return { attrs: { verb: spec.verb, path: spec.target }, warnings: NON_RESOURCE_VERBS.has(spec.verb) ? [] : [`verb '${spec.verb}' is not a known verb for a non-resource URL`] };
  }
  const r = resolveResource(spec.target, model.crdGroups, spec.group);
  let subresource = r.subresource;
  let name = spec.name;
  if (r.subresource !== '' && (spec.subresource !== undefined || !isKnownSubresource(r.resource, r.subresource))) {
    // TYPE/NAME, as kubectl auth can-i reads it.
    if (name !== undefined && name !== r.subresource) throw new RequestError(`two names given: "${r.subresource}" (in ${spec.target}) and "${name}" (--name)`);
    name = r.subresource;
    subresource = '';
  }
  if (spec.subresource !== undefined) subresource = spec.subresource;
  const attrs: RequestAttributes = { verb: spec.verb, apiGroup: r.apiGroup, resource: r.resource, subresource };
  if (spec.namespace) attrs.namespace = spec.namespace;
  if (name) attrs.name = name;
  const warnings = r.warning ? [r.warning] : [];
  if (!RESOURCE_VERBS.has(spec.verb)) warnings.push(`verb '${spec.verb}' is not a known verb`);
  // RequestInfo puts a request for /api/v1/namespaces/X in namespace X; kubectl auth can-i sends its own namespace.
  if (attrs.resource === 'namespaces' && attrs.apiGroup === '' && name && spec.namespace !== name) warnings.push(`the API server authorizes a request for namespace "${name}" itself in namespace "${name}" (RoleBindings there apply); ask with -n ${name} for that`);
  // As with a SubjectAccessReview, the namespace is still part of the request (RoleBindings there apply).
  if (spec.namespace && CLUSTER_SCOPED.has(r.resource) && !r.warning) warnings.push(`resource "${r.resource}" is not namespaced; the request is still made in namespace ${spec.namespace}, as kubectl auth can-i does`);
  return { attrs, warnings };
}

export interface Where {
  kind: string;
  name: string;
  namespace?: string;
  file?: string;
  line?: number;
  builtin: boolean;
}

export function whereOf(b: { resource: Resource }, path: (string | number)[] = []): Where {
  return whereOfResource(b.resource, path);
}

const resourceOfWhere = new WeakMap<Where, Resource>();

/** The resource a {@link Where} was made from (kept out of the JSON). */
export function resourceOf(w: Where): Resource | undefined {
  return resourceOfWhere.get(w);
}

export function whereOfResource(r: Resource, path: (string | number)[] = []): Where {
  const builtin = r.source.origin === 'builtin';
  const w: Where = { kind: r.kind, name: r.name, builtin };
  if (r.namespace) w.namespace = r.namespace;
  if (!builtin) {
    if (r.source.file) w.file = r.source.file;
    const line = r.locate?.(path)?.line ?? r.source.line;
    if (line) w.line = line;
  }
  resourceOfWhere.set(w, r);
  return w;
}

export function subjectJson(s: SubjectRef) {
  return s.kind === 'ServiceAccount' ? { kind: s.kind, name: s.name, namespace: s.namespace, username: saUsername(s.namespace!, s.name) } : { kind: s.kind, name: s.name };
}

function grantJson(g: { binding: BindingRec; role: import('./model.js').RoleRec; ruleIndex: number; rule: import('./matcher.js').PolicyRule }) {
  const origin = g.role.origins[g.ruleIndex];
  return {
    binding: whereOf(g.binding, ['roleRef']),
    role: whereOf(g.role, ['rules', g.ruleIndex]),
    ruleIndex: g.ruleIndex,
    rule: g.rule,
    ruleText: formatRule(g.rule),
    /** For aggregated roles: the ClusterRole the rule was aggregated from. */
    ...(origin && origin.roleKey !== g.role.key ? { aggregatedFrom: whereOfResource(origin.resource, ['rules', origin.index]) } : {}),
    explanation: describeGrant(g),
  };
}

export function canIAnswer(model: RbacModel, user: UserInfo, spec: RequestSpec) {
  const { attrs, warnings } = requestAttributes(model, spec);
  const d = canI(model, user, attrs);
  // kube-apiserver asks the Node authorizer before RBAC (--authorization-mode=Node,RBAC).
  if (!d.allowed && user.groups.includes('system:nodes') && user.name.startsWith('system:node:')) warnings.push('the user is a node: the Node authorizer, which Rampart does not model, allows what the pods bound to it need');
  return {
    user,
    request: attrs,
    allowed: d.allowed,
    reason: d.superuser ? `member of ${'system:masters'}: the API server allows every request before RBAC is asked` : d.grants.length ? describeGrant(d.grants[0]!) : 'no RBAC rule allows it (RBAC has no deny rules; nothing matched)',
    superuser: d.superuser,
    grants: d.grants.map((g) => ({ ...grantJson(g), subject: subjectJson(g.subject) })),
    danglingBindings: d.dangling.map((b) => ({ ...whereOf(b, ['roleRef']), roleRef: describeRoleRef(b) })),
    /** What the RBAC authorizer gives as the reason of a denial (its role look-up errors), as kubectl prints it after `no - `. */
    denialReason: d.allowed ? '' : rbacDenialReason(d.dangling),
    warnings,
  };
}

export function whoCanAnswer(model: RbacModel, spec: RequestSpec, allNamespaces = false) {
  const { attrs, warnings } = requestAttributes(model, spec);
  const r = whoCan(model, attrs, { allNamespaces });
  return {
    request: attrs,
    scope: attrs.path !== undefined ? 'non-resource URL (ClusterRoleBindings only)' : attrs.namespace ? `namespace ${attrs.namespace}` : allNamespaces ? 'any namespace' : 'cluster-wide / all namespaces at once (ClusterRoleBindings only)',
    superuserGroups: r.superuserGroups,
    subjects: r.entries.map((e) => ({ subject: subjectJson(e.subject), grantedIn: e.binding.kind === 'RoleBinding' ? e.binding.namespace : '*', ...grantJson(e) })),
    warnings,
  };
}

/** Parses `User:alice`, `Group:devs`, `ServiceAccount:ns/name`, `system:serviceaccount:ns:name`, or a user name. */
export function parseSubject(text: string): { user: UserInfo; label: string } {
  const m = /^(User|Group|ServiceAccount|sa):(.+)$/i.exec(text);
  if (m) {
    const kind = m[1]!.toLowerCase();
    const rest = m[2]!;
    if (kind === 'group') return { user: { name: `(any member of ${rest})`, groups: identityFor('x', [rest]).groups }, label: `Group ${rest}` };
    if (kind === 'serviceaccount' || kind === 'sa') {
      const [ns, name] = rest.includes('/') ? rest.split('/', 2) : rest.split(':', 2);
      if (!ns || !name) throw new Error(`a service account is written ServiceAccount:<namespace>/<name> (got "${text}")`);
      return { user: identityFor(saUsername(ns, name)), label: `ServiceAccount ${ns}/${name}` };
    }
    return { user: identityFor(rest), label: `User ${rest}` };
  }
  const sa = parseServiceAccountUsername(text);
  return { user: identityFor(text), label: sa ? `ServiceAccount ${sa.namespace}/${sa.name}` : `User ${text}` };
}

export function permissionsAnswer(model: RbacModel, user: UserInfo) {
  const sets = permissionsOf(model, user);
  return {
    user,
    superuser: user.groups.includes('system:masters'),
    permissions: sets.map((p) => ({
      scope: p.scope,
      subject: subjectJson(p.subject),
      binding: whereOf(p.binding, ['roleRef']),
      role: p.role ? whereOf(p.role) : undefined,
      dangling: !p.role,
      roleRef: describeRoleRef(p.binding),
      rules: p.rules.map((rule) => ({ ...rule, text: formatRule(rule) })),
    })),
  };
}

export function modelDiagnostics(model: RbacModel): Diagnostic[] {
  return model.diagnostics;
}

/**
 * rbac.go Authorize: a denial's reason lists the errors met while resolving the roleRefs of the
 * bindings that apply (ClusterRoleBindings first), as an aggregate error prints them.
 */
export function rbacDenialReason(dangling: BindingRec[]): string {
  const ordered = [...dangling].sort((a, b) => (a.kind === b.kind ? (a.name < b.name ? -1 : a.name > b.name ? 1 : 0) : a.kind === 'ClusterRoleBinding' ? -1 : 1));
  const errors = ordered.map((b) =>
    b.roleRef.kind === 'Role' || b.roleRef.kind === 'ClusterRole' ? `${b.roleRef.kind.toLowerCase()}.rbac.authorization.k8s.io "${b.roleRef.name}" not found` : `unsupported role reference kind: "${b.roleRef.kind}"`,
  );
  // An aggregate error prints each distinct message once, in brackets when there are several.
  const distinct = [...new Set(errors)];
  if (distinct.length === 0) return '';
  return `RBAC: ${distinct.length === 1 ? distinct[0] : `[${distinct.join(', ')}]`}`;
}

