import type { Diagnostic, Inventory, KubeObject, PathSegment, Resource } from '../core/types.js';
import { containersOf, isObject, podTemplateOf } from '../core/workload.js';
import { aggregateClusterRoles, type LabelSelector } from './aggregation.js';
import { bootstrapResources } from './bootstrap.js';
import { sameRule, type PolicyRule } from './matcher.js';
import { ruleProblem, subjectApiGroupProblem } from './validation.js';

/**
 * The RBAC model of an inventory: roles with their effective rules (aggregation resolved),
 * bindings resolved to their roles, service accounts, namespaces with their Pod Security level,
 * the workloads that run as each service account, and indexes for who-can / can-i.
 */

export type SubjectKind = 'User' | 'Group' | 'ServiceAccount';
export const SA_PREFIX = 'system:serviceaccount:';

export interface SubjectRef {
  kind: SubjectKind;
  name: string;
  /** ServiceAccount only: as written, or the RoleBinding's namespace when left out. */
  namespace?: string;
  /** Index in the binding's `subjects`, for evidence. */
  index: number;
}

/** Where an effective rule is written: the role itself, or (aggregation) the role it came from. */
export interface RuleOrigin {
  roleKey: string;
  resource: Resource;
  index: number;
}

export interface RoleRec {
  key: string;
  kind: 'Role' | 'ClusterRole';
  name: string;
  namespace?: string;
  rules: PolicyRule[];
  origins: RuleOrigin[];
  labels: Record<string, string>;
  aggregation?: LabelSelector[];
  resource: Resource;
  builtin: boolean;
}

export interface BindingRec {
  key: string;
  kind: 'RoleBinding' | 'ClusterRoleBinding';
  name: string;
  namespace?: string;
  roleRef: { kind: string; name: string; apiGroup: string };
  subjects: SubjectRef[];
  /** subjectKey() of each subject (undefined where it can never match), computed once. */
  subjectKeys: (string | undefined)[];
  role?: RoleRec;
  resource: Resource;
  builtin: boolean;
  /** Position in RbacModel.bindings (lets analyses keep per-binding state in arrays). */
  index: number;
}

export interface WorkloadRec {
  resource: Resource;
  namespace: string;
  serviceAccount: string;
  automountToken: boolean;
  /** Host-level powers of the pod template, as `field: value` strings (empty when none). */
  hostAccess: string[];
  /** Runs on every (schedulable) node: a DaemonSet. */
  everyNode: boolean;
}

export type PsaLevel = 'privileged' | 'baseline' | 'restricted';

export interface NamespaceRec {
  name: string;
  enforce: PsaLevel;
  /** True when the level comes from a label; false when it is the upstream default (privileged). */
  labelled: boolean;
  resource?: Resource;
}

export interface ServiceAccountRec {
  namespace: string;
  name: string;
  resource?: Resource;
  /** Legacy token Secrets that hold this account's token. */
  tokenSecrets: Resource[];
  workloads: WorkloadRec[];
}

export interface ModelOptions {
  /** Adds the upstream default roles and bindings (default true). */
  bootstrap?: boolean;
}

export interface SubjectIndex {
  users: Map<string, BindingRec[]>;
  groups: Map<string, BindingRec[]>;
  /** namespace → name → bindings. */
  serviceAccounts: Map<string, Map<string, BindingRec[]>>;
}

export interface RbacModel {
  roles: Map<string, RoleRec>;
  bindings: BindingRec[];
  serviceAccounts: Map<string, ServiceAccountRec>;
  namespaces: Map<string, NamespaceRec>;
  workloads: WorkloadRec[];
  /** CRD plural → group, to resolve resource names on the command line. */
  crdGroups: Map<string, string>;
  diagnostics: Diagnostic[];
  bootstrap: boolean;
  /** Subject key (`User:x`, `Group:g`, `SA:<username>`) → bindings naming it. */
  bySubject: Map<string, BindingRec[]>;
  /** The lists of bySubject by subject kind, keyed by the names as parsed (no key string to build). */
  subjectIndex: SubjectIndex;
  /** Role key → bindings that reference it. */
  byRole: Map<string, BindingRec[]>;
}

// Keys are joined into flat strings: a template literal makes a tree of concatenated strings (one
// object per part), which cost 6 MiB and their hashing time on 50,000 bindings.
export const roleKey = (kind: string, name: string, namespace?: string) => (kind === 'ClusterRole' ? ['ClusterRole', name].join('/') : ['Role', namespace ?? '', name].join('/'));
export const saKey = (namespace: string, name: string) => [namespace, name].join('/');
export const saUsername = (namespace: string, name: string) => [SA_PREFIX, namespace, ':', name].join('');

/** The key under which a subject is indexed; undefined when it can never apply. */
export function subjectKey(s: { kind: string; name: string; namespace?: string }): string | undefined {
  if (s.kind === 'User') return ['User:', s.name].join('');
  if (s.kind === 'Group') return ['Group:', s.name].join('');
  if (s.kind === 'ServiceAccount') return s.namespace ? ['SA:', SA_PREFIX, s.namespace, ':', s.name].join('') : undefined;
  return undefined;
}

/**
 * Two-level maps keyed by the names as parsed. Building the composite key string (`ns/name`) for
 * every lookup cost a string allocation and a fresh hash each time; the parsed strings keep
 * theirs. With 50,000 bindings this was most of the model's time.
 */
class Nested<V> {
  private readonly outer = new Map<string, Map<string, V>>();
  get(a: string, b: string): V | undefined {
    return this.outer.get(a)?.get(b);
  }
  set(a: string, b: string, v: V): void {
    let inner = this.outer.get(a);
    if (!inner) this.outer.set(a, (inner = new Map()));
    inner.set(b, v);
  }
}

/** subjectKey() strings, each built once per distinct subject ('' kept for a subject that never applies). */
class SubjectKeys {
  private readonly byKind = new Map<string, Nested<string>>();
  of(s: { kind: string; name: string; namespace?: string }): string | undefined {
    let kind = this.byKind.get(s.kind);
    if (!kind) this.byKind.set(s.kind, (kind = new Nested()));
    const ns = s.namespace ?? '';
    let k = kind.get(ns, s.name);
    if (k === undefined) kind.set(ns, s.name, (k = subjectKey(s) ?? ''));
    return k || undefined;
  }
}

const RBAC_GROUP = 'rbac.authorization.k8s.io';
const RBAC_API_PREFIX = `${RBAC_GROUP}/`;
const RBAC_KINDS = new Set(['Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding']);

function strings(v: unknown): string[] {
  if (!Array.isArray(v)) return [];
  // Almost always a list of strings already: kept as it is (nothing mutates rules), not copied.
  for (let i = 0; i < v.length; i++) if (typeof v[i] !== 'string') return v.filter((x): x is string => typeof x === 'string');
  return v as string[];
}

function diag(diagnostics: Diagnostic[], r: Resource, code: string, message: string, path: PathSegment[] = []) {
  const pos = r.locate?.(path);
  diagnostics.push({ level: 'warning', code, message: `${r.kind} ${r.namespace ? `${r.namespace}/` : ''}${r.name}: ${message}`, file: r.source.file, line: pos?.line ?? r.source.line, column: pos?.column });
}

export function parseRules(r: Resource, diagnostics: Diagnostic[]): PolicyRule[] {
  const raw = r.object.rules;
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) {
    diag(diagnostics, r, 'rbac-malformed-rules', '`rules` is not a list; the role grants nothing', ['rules']);
    return [];
  }
  return raw.map((x, i) => {
    if (!isObject(x)) {
      diag(diagnostics, r, 'rbac-malformed-rules', `rules[${i}] is not an object; it grants nothing`, ['rules', i]);
      return { verbs: [], apiGroups: [], resources: [], resourceNames: [], nonResourceURLs: [] };
    }
    const rule = {
      verbs: strings(x.verbs),
      apiGroups: strings(x.apiGroups),
      resources: strings(x.resources),
      resourceNames: strings(x.resourceNames),
      nonResourceURLs: strings(x.nonResourceURLs),
    };
    const problem = r.source.origin === 'builtin' ? undefined : ruleProblem(rule, r.kind === 'Role');
    if (problem) diag(diagnostics, r, 'rbac-invalid-rule', `rules[${i}] ${problem}; the API server rejects this ${r.kind}`, ['rules', i]);
    return rule;
  });
}

function labelsOf(obj: KubeObject): Record<string, string> {
  const l = obj.metadata?.labels;
  if (!isObject(l)) return {};
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(l)) if (typeof v === 'string') out[k] = v;
  return out;
}

function autoupdate(obj: KubeObject): boolean {
  return obj.metadata?.annotations?.['rbac.authorization.kubernetes.io/autoupdate'] !== 'false';
}

/** Namespaced kinds this model reads, for objects written without metadata.namespace. */
const NAMESPACED_WITHOUT_NS = new Set(['Role', 'RoleBinding', 'ServiceAccount', 'Secret', 'Pod', 'Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob', 'ReplicationController']);

/**
 * Manifests meant for `kubectl apply -n X` (argo-cd's install.yaml) leave metadata.namespace out,
 * while their ClusterRoleBindings name the service accounts in X. When every service account
 * written without a namespace is referenced by bindings in exactly one namespace, that namespace
 * is used for all namespace-less objects, and said so in a diagnostic.
 */
function inferDefaultNamespace(resources: readonly Resource[], diagnostics: Diagnostic[]): string | undefined {
  const bare = resources.filter((r) => r.kind === 'ServiceAccount' && !r.namespace).map((r) => r.name);
  if (bare.length === 0) return undefined;
  const names = new Set(bare);
  const found = new Set<string>();
  for (const r of resources) {
    if ((r.kind !== 'ClusterRoleBinding' && r.kind !== 'RoleBinding') || !Array.isArray(r.object.subjects)) continue;
    for (const s of r.object.subjects) {
      if (isObject(s) && s.kind === 'ServiceAccount' && typeof s.name === 'string' && names.has(s.name) && typeof s.namespace === 'string' && s.namespace) found.add(s.namespace);
    }
  }
  if (found.size !== 1) return undefined;
  const ns = [...found][0]!;
  diagnostics.push({ level: 'info', code: 'rbac-implicit-namespace', message: `objects without metadata.namespace are taken to be in namespace "${ns}", where the bindings of the input look for their service accounts (as with kubectl apply -n ${ns})` });
  return ns;
}

const SECRET_TYPE_SA_TOKEN = 'kubernetes.io/service-account-token';

const cache = new WeakMap<Inventory, Map<string, RbacModel>>();

/** Builds (once per inventory and options) the RBAC model. */
export function rbacModel(inventory: Inventory, options: ModelOptions = {}): RbacModel {
  const bootstrap = options.bootstrap !== false;
  let perInv = cache.get(inventory);
  if (!perInv) cache.set(inventory, (perInv = new Map()));
  const k = bootstrap ? 'b' : 'n';
  let model = perInv.get(k);
  if (!model) perInv.set(k, (model = buildModel(inventory.resources, { bootstrap })));
  return model;
}

export function buildModel(resources: readonly Resource[], options: ModelOptions = {}): RbacModel {
  const bootstrap = options.bootstrap !== false;
  const diagnostics: Diagnostic[] = [];
  const roles = new Map<string, RoleRec>();
  const bindingsByKey = new Map<string, BindingRec>();
  const serviceAccounts = new Map<string, ServiceAccountRec>();
  const namespaces = new Map<string, NamespaceRec>();
  const workloads: WorkloadRec[] = [];
  const crdGroups = new Map<string, string>();
  const tokenSecrets: Resource[] = [];
  const seen = new Map<string, Nested<Resource>>();

  const accounts = new Nested<ServiceAccountRec>();
  const ensureSa = (namespace: string, name: string): ServiceAccountRec => {
    let sa = accounts.get(namespace, name);
    if (!sa) {
      // Every field in the literal, so that the object keeps them in place (no property store added later).
      sa = { namespace, name, resource: undefined, tokenSecrets: [], workloads: [] };
      accounts.set(namespace, name, sa);
      serviceAccounts.set(saKey(namespace, name), sa);
    }
    return sa;
  };

  const addRole = (r: Resource, builtin: boolean) => {
    const kind = r.kind as 'Role' | 'ClusterRole';
    if (kind === 'Role' && !r.namespace) {
      diag(diagnostics, r, 'rbac-no-namespace', 'a Role without metadata.namespace; assumed to be in namespace "default"', ['metadata']);
    }
    const namespace = kind === 'Role' ? (r.namespace ?? 'default') : undefined;
    const key = roleKey(kind, r.name, namespace);
    const rules = parseRules(r, diagnostics);
    const labels = labelsOf(r.object);
    let aggregation: LabelSelector[] | undefined;
    if (kind === 'ClusterRole' && isObject(r.object.aggregationRule)) {
      const sel = r.object.aggregationRule.clusterRoleSelectors;
      aggregation = Array.isArray(sel) ? sel.filter(isObject) as LabelSelector[] : [];
    }
    const rec: RoleRec = { key, kind, name: r.name, rules, origins: rules.map((_, index) => ({ roleKey: key, resource: r, index })), labels, resource: r, builtin };
    if (namespace) rec.namespace = namespace;
    if (aggregation) rec.aggregation = aggregation;
    const prev = roles.get(key);
    if (prev && prev.builtin && !builtin && autoupdate(r.object)) {
      // The API server reconciles default roles at start-up: missing permissions are added back
      // unless the object opts out with rbac.authorization.kubernetes.io/autoupdate: "false".
      for (let i = 0; i < prev.rules.length; i++) {
        if (!rec.rules.some((x) => sameRule(x, prev.rules[i]!))) {
          rec.rules.push(prev.rules[i]!);
          rec.origins.push(prev.origins[i]!);
        }
      }
      rec.labels = { ...prev.labels, ...rec.labels };
      // Reconciliation also adds the default aggregation selectors the object lacks.
      if (prev.aggregation) {
        const have = rec.aggregation ?? [];
        const missing = prev.aggregation.filter((p) => !have.some((h) => JSON.stringify(h) === JSON.stringify(p)));
        if (missing.length) rec.aggregation = [...have, ...missing];
      }
    }
    roles.set(key, rec);
  };

  const addBinding = (r: Resource, builtin: boolean) => {
    const kind = r.kind as 'RoleBinding' | 'ClusterRoleBinding';
    if (kind === 'RoleBinding' && !r.namespace) {
      diag(diagnostics, r, 'rbac-no-namespace', 'a RoleBinding without metadata.namespace; assumed to be in namespace "default"', ['metadata']);
    }
    const namespace = kind === 'RoleBinding' ? (r.namespace ?? 'default') : undefined;
    const ref = r.object.roleRef;
    if (!isObject(ref) || typeof ref.name !== 'string' || typeof ref.kind !== 'string') {
      diag(diagnostics, r, 'rbac-malformed-binding', 'roleRef is missing or has no kind/name; the binding grants nothing', ['roleRef']);
    }
    const roleRef = {
      kind: isObject(ref) && typeof ref.kind === 'string' ? ref.kind : '',
      name: isObject(ref) && typeof ref.name === 'string' ? ref.name : '',
      apiGroup: isObject(ref) && typeof ref.apiGroup === 'string' ? ref.apiGroup : '',
    };
    if (isObject(ref) && roleRef.kind && roleRef.kind !== 'Role' && roleRef.kind !== 'ClusterRole') {
      diag(diagnostics, r, 'rbac-malformed-binding', `roleRef.kind "${roleRef.kind}" is neither Role nor ClusterRole; the binding grants nothing`, ['roleRef', 'kind']);
    } else if (kind === 'ClusterRoleBinding' && roleRef.kind === 'Role' && !builtin) {
      // GetRoleReferenceRules looks a Role up in the binding's namespace, which is empty here.
      diag(diagnostics, r, 'rbac-malformed-binding', `roleRef.kind is Role, which a ClusterRoleBinding cannot reference (the API server rejects it; the authorizer finds no Role): the binding grants nothing`, ['roleRef', 'kind']);
    }
    const subjects: SubjectRef[] = [];
    const rawSubjects = r.object.subjects;
    if (rawSubjects !== undefined && rawSubjects !== null && !Array.isArray(rawSubjects)) {
      diag(diagnostics, r, 'rbac-malformed-subject', '`subjects` is not a list; the binding applies to no one', ['subjects']);
    }
    (Array.isArray(rawSubjects) ? rawSubjects : []).forEach((s: unknown, index: number) => {
      if (!isObject(s) || typeof s.kind !== 'string' || typeof s.name !== 'string' || s.name === '') {
        diag(diagnostics, r, 'rbac-malformed-subject', `subjects[${index}] has no kind or name; ignored`, ['subjects', index]);
        return;
      }
      if (s.kind !== 'User' && s.kind !== 'Group' && s.kind !== 'ServiceAccount') {
        diag(diagnostics, r, 'rbac-malformed-subject', `subjects[${index}] has kind "${s.kind}", which the authorizer never matches (User, Group or ServiceAccount)`, ['subjects', index, 'kind']);
        return;
      }
      const groupProblem = builtin ? undefined : subjectApiGroupProblem(s.kind, s.apiGroup);
      if (groupProblem) diag(diagnostics, r, 'rbac-malformed-subject', `subjects[${index}] has ${groupProblem}; the API server rejects this binding, though the authorizer ignores apiGroup (still matched here)`, ['subjects', index, 'apiGroup']);
      if (s.kind === 'ServiceAccount') {
        const ns = typeof s.namespace === 'string' && s.namespace !== '' ? s.namespace : namespace;
        if (!ns) {
          diag(diagnostics, r, 'rbac-malformed-subject', `subjects[${index}] is a ServiceAccount without a namespace in a ClusterRoleBinding; it matches no one`, ['subjects', index]);
          return;
        }
        ensureSa(ns, s.name);
        subjects.push({ kind: s.kind, name: s.name, namespace: ns, index });
      } else subjects.push({ kind: s.kind, name: s.name, index });
    });
    const key = [kind, namespace ?? '', r.name].join('/');
    const rec: BindingRec = namespace
      ? { key, kind, name: r.name, namespace, roleRef, subjects, subjectKeys: [], role: undefined, resource: r, builtin, index: -1 }
      : { key, kind, name: r.name, roleRef, subjects, subjectKeys: [], role: undefined, resource: r, builtin, index: -1 };
    const prev = bindingsByKey.get(rec.key);
    if (prev && prev.builtin && !builtin && autoupdate(r.object)) {
      if (prev.roleRef.kind !== rec.roleRef.kind || prev.roleRef.name !== rec.roleRef.name) {
        // A default binding with another roleRef is recreated as the default one (reconciliation).
        diag(diagnostics, r, 'rbac-default-binding-reset', `a default binding with roleRef ${rec.roleRef.kind} ${rec.roleRef.name}: the API server recreates it as the default (roleRef ${prev.roleRef.kind} ${prev.roleRef.name}, default subjects) unless it carries rbac.authorization.kubernetes.io/autoupdate: "false"`, ['roleRef']);
        bindingsByKey.set(rec.key, prev);
        return;
      }
      // Reconciliation adds back the default subjects of a default binding.
      for (const s of prev.subjects) if (!rec.subjects.some((x) => x.kind === s.kind && x.name === s.name && x.namespace === s.namespace)) rec.subjects.push(s);
    }
    bindingsByKey.set(rec.key, rec);
  };

  const all = bootstrap ? [...bootstrapResources(), ...resources] : resources;
  const implicitNs = inferDefaultNamespace(resources, diagnostics);
  for (const r0 of all) {
    const r = implicitNs && !r0.namespace && NAMESPACED_WITHOUT_NS.has(r0.kind) && r0.source.origin !== 'builtin' ? { ...r0, namespace: implicitNs } : r0;
    const builtin = r.source.origin === 'builtin';
    const isRbac = RBAC_KINDS.has(r.kind) && r.apiVersion.startsWith(RBAC_API_PREFIX);
    if (isRbac || r.kind === 'ServiceAccount') {
      let ofKind = seen.get(r.kind);
      if (!ofKind) seen.set(r.kind, (ofKind = new Nested()));
      const first = ofKind.get(r.namespace ?? '', r.name);
      if (first && !builtin && first.source.origin !== 'builtin') {
        diag(diagnostics, r, 'rbac-duplicate', `defined twice (first at ${first.source.file ?? '?'}${first.source.line ? `:${first.source.line}` : ''}); the later definition is used, as a later kubectl apply would`);
      }
      ofKind.set(r.namespace ?? '', r.name, r);
    }
    if (isRbac) {
      if (r.kind === 'Role' || r.kind === 'ClusterRole') addRole(r, builtin);
      else addBinding(r, builtin);
      continue;
    }
    switch (r.kind) {
      case 'ServiceAccount':
        if (r.apiVersion === 'v1') ensureSa(r.namespace ?? 'default', r.name).resource = r;
        break;
      case 'Namespace': {
        if (r.apiVersion !== 'v1') break;
        const label = labelsOf(r.object)['pod-security.kubernetes.io/enforce'];
        const level = label === 'baseline' || label === 'restricted' || label === 'privileged' ? label : undefined;
        namespaces.set(r.name, { name: r.name, enforce: level ?? 'privileged', labelled: level !== undefined, resource: r });
        break;
      }
      case 'Secret':
        if (r.object.type === SECRET_TYPE_SA_TOKEN) tokenSecrets.push(r);
        break;
      case 'CustomResourceDefinition': {
        const spec = r.object.spec;
        if (isObject(spec) && typeof spec.group === 'string' && isObject(spec.names) && typeof spec.names.plural === 'string') crdGroups.set(spec.names.plural, spec.group);
        break;
      }
      default: {
        const template = podTemplateOf(r);
        if (!template) break;
        // Pods owned by a controller are usually not in manifests; a PodTemplate is not a running pod.
        if (r.kind === 'PodTemplate') break;
        const spec = template.spec;
        const namespace = r.namespace ?? 'default';
        const sa = typeof spec.serviceAccountName === 'string' && spec.serviceAccountName ? spec.serviceAccountName : typeof spec.serviceAccount === 'string' && spec.serviceAccount ? spec.serviceAccount : 'default';
        const w: WorkloadRec = {
          resource: r,
          namespace,
          serviceAccount: sa,
          // Resolved below once the ServiceAccounts are read: the pod's field wins, else the account's.
          automountToken: spec.automountServiceAccountToken !== false,
          hostAccess: hostAccessOf(spec),
          // A DaemonSet limited to some nodes (nodeSelector, required node affinity) is not on every node.
          everyNode: r.kind === 'DaemonSet' && !limitedToSomeNodes(spec),
        };
        workloads.push(w);
        ensureSa(namespace, sa).workloads.push(w);
      }
    }
  }

  // As the kubelet decides: the pod's automountServiceAccountToken when set, else the account's.
  for (const w of workloads) {
    if (typeof podTemplateOf(w.resource)?.spec.automountServiceAccountToken === 'boolean') continue;
    if (accounts.get(w.namespace, w.serviceAccount)?.resource?.object.automountServiceAccountToken === false) w.automountToken = false;
  }
  for (const s of tokenSecrets) {
    const name = s.object.metadata?.annotations?.['kubernetes.io/service-account.name'];
    if (typeof name === 'string' && name) ensureSa(s.namespace ?? 'default', name).tokenSecrets.push(s);
  }
  // Every namespace that is mentioned has a `default` service account.
  const nsNames = new Set<string>([...namespaces.keys()]);
  for (const sa of serviceAccounts.values()) nsNames.add(sa.namespace);
  for (const b of bindingsByKey.values()) if (b.namespace) nsNames.add(b.namespace);
  for (const r of roles.values()) if (r.namespace) nsNames.add(r.namespace);
  for (const ns of nsNames) {
    if (!namespaces.has(ns)) namespaces.set(ns, { name: ns, enforce: 'privileged', labelled: false });
    ensureSa(ns, 'default');
  }

  aggregateClusterRoles(roles, diagnostics);

  const bindings = [...bindingsByKey.values()];
  bindings.forEach((b, i) => (b.index = i));
  const bySubject = new Map<string, BindingRec[]>();
  const subjectIndex: SubjectIndex = { users: new Map(), groups: new Map(), serviceAccounts: new Map() };
  const byRole = new Map<string, BindingRec[]>();
  // Roles by (namespace, name), '' for ClusterRoles: found without building their key strings.
  const roleByName = new Nested<RoleRec>();
  for (const role of roles.values()) roleByName.set(role.kind === 'ClusterRole' ? '' : role.namespace!, role.name, role);
  const keys = new SubjectKeys();
  for (const b of bindings) {
    if (b.roleRef.kind === 'Role' || b.roleRef.kind === 'ClusterRole') {
      // A ClusterRoleBinding's namespace is empty, so a Role reference in it resolves to nothing.
      const ns = b.roleRef.kind === 'ClusterRole' ? '' : b.namespace;
      if (ns !== undefined) {
        const role = roleByName.get(ns, b.roleRef.name);
        if (role) b.role = role;
        const rk = role ? role.key : roleKey(b.roleRef.kind, b.roleRef.name, ns);
        let list = byRole.get(rk);
        if (!list) byRole.set(rk, (list = []));
        list.push(b);
      }
    }
    const subjectKeys: (string | undefined)[] = (b.subjectKeys = new Array(b.subjects.length));
    for (let i = 0; i < b.subjects.length; i++) {
      const k = (subjectKeys[i] = keys.of(b.subjects[i]!));
      if (!k || subjectKeys.indexOf(k) !== i) continue;
      let list = bySubject.get(k);
      if (!list) {
        bySubject.set(k, (list = []));
        const s = b.subjects[i]!;
        if (s.kind === 'User') subjectIndex.users.set(s.name, list);
        else if (s.kind === 'Group') subjectIndex.groups.set(s.name, list);
        else {
          let inNs = subjectIndex.serviceAccounts.get(s.namespace!);
          if (!inNs) subjectIndex.serviceAccounts.set(s.namespace!, (inNs = new Map()));
          inNs.set(s.name, list);
        }
      }
      list.push(b);
    }
  }
  return { roles, bindings, serviceAccounts, namespaces, workloads, crdGroups, diagnostics, bootstrap, bySubject, subjectIndex, byRole };
}

function limitedToSomeNodes(spec: KubeObject): boolean {
  if (isObject(spec.nodeSelector) && Object.keys(spec.nodeSelector).length > 0) return true;
  const required = spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  return isObject(required) && Array.isArray(required.nodeSelectorTerms) && required.nodeSelectorTerms.length > 0;
}

/** What a pod of this template can do to its node: privileged containers, host namespaces, hostPath. */
export function hostAccessOf(spec: KubeObject): string[] {
  const out: string[] = [];
  if (spec.hostPID === true) out.push('hostPID: true');
  if (spec.hostNetwork === true) out.push('hostNetwork: true');
  if (spec.hostIPC === true) out.push('hostIPC: true');
  if (Array.isArray(spec.volumes)) {
    for (const v of spec.volumes) if (isObject(v) && isObject(v.hostPath)) out.push(`hostPath: ${String(v.hostPath.path)}`);
  }
  for (const c of containersOf(spec)) {
    const sc = c.container.securityContext;
    if (isObject(sc) && sc.privileged === true) out.push(`${c.field}[${c.index}] privileged: true`);
    const add = isObject(sc) && isObject(sc.capabilities) && Array.isArray(sc.capabilities.add) ? sc.capabilities.add : [];
    if (add.some((x: unknown) => x === 'SYS_ADMIN' || x === 'CAP_SYS_ADMIN' || x === 'ALL')) out.push(`${c.field}[${c.index}] capabilities.add: SYS_ADMIN`);
  }
  return out;
}

/** The role a binding grants, or why it grants nothing. */
export function describeRoleRef(b: BindingRec): string {
  return b.roleRef.kind === 'ClusterRole' ? `ClusterRole ${b.roleRef.name}` : `Role ${b.namespace ?? ''}/${b.roleRef.name}`;
}

export function describeSubject(s: { kind: string; name: string; namespace?: string }): string {
  return s.kind === 'ServiceAccount' ? `ServiceAccount ${s.namespace}/${s.name}` : `${s.kind} ${s.name}`;
}
