import type { Resource } from '../core/types.js';
import { bindingsFor, identityFor, parseServiceAccountUsername, validServiceAccount, type UserInfo } from './authorizer.js';
import { CAPABILITY_IDS, namesInclude, roleCapabilities, type CapabilityId, type RuleCapability } from './capabilities.js';
import { formatRule } from './matcher.js';
import { saUsername, type BindingRec, type RbacModel, type RuleOrigin, type WorkloadRec } from './model.js';
import { parseSubject, whereOf, whereOfResource, type Where } from './query.js';

/**
 * Privilege-escalation graph: "A can become B" edges, each with the technique and the objects
 * that prove it, and the shortest path from every principal to cluster-admin-equivalent power.
 *
 * Nodes: identities (`User:x`, `Group:g` = any member of g, `SA:ns/name`), `pod:<ns>` (can get a
 * pod running in ns with a spec of its choosing), `node` (root on a node) and `cluster-admin`.
 * Shortest paths come from one breadth-first search backwards from the target (`cluster-admin`
 * unless asked otherwise), so all paths cost O(nodes + edges) together.
 */

export interface Hop {
  from: string;
  to: string;
  technique: string;
  explanation: string;
  evidence: Where[];
}

export interface EscalationPath {
  /** Node id of the start: `User:x`, `Group:g`, `SA:ns/name`, or `workload:<kind>/<ns>/<name>`. */
  from: string;
  fromLabel: string;
  hops: Hop[];
  /** True when some hop's evidence is an object of the input (not only built-in defaults). */
  fromInput: boolean;
  workload?: Where;
}

export interface PathsResult {
  paths: EscalationPath[];
  stats: { nodes: number; edges: number; identities: number };
}

/** Text and evidence are built only for the edges a reported path uses (most edges never are). */
type Lazy<T> = T | (() => T);
interface Edge {
  /** Node numbers (see {@link Graph.names}). */
  from: number;
  to: number;
  technique: string;
  explanation: Lazy<string>;
  evidence: Lazy<Where[]>;
}

/** Paths share their last hops: each edge's text and evidence are built once, then kept. */
function explanationOf(e: Edge): string {
  if (typeof e.explanation === 'function') e.explanation = e.explanation();
  return e.explanation;
}

function evidenceOfEdge(e: Edge): Where[] {
  if (typeof e.evidence !== 'function') return e.evidence;
  const seen = new Set<string>();
  return (e.evidence = e.evidence().filter((w) => {
    const k = `${w.kind}/${w.namespace ?? ''}/${w.name}/${w.file ?? ''}/${w.line ?? ''}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  }));
}

const NONE: HeldCap[] = [];
const CAPABILITY_ORDINAL = new Map<CapabilityId, number>(CAPABILITY_IDS.map((id, i) => [id, i]));

const ADMIN = 'cluster-admin';
const NODE = 'node';

/** hostPath mounts from which a container can take over its node. */
const ESCAPE_PATHS = new Set(['/', '/etc', '/etc/kubernetes', '/root', '/home', '/var', '/var/lib', '/var/lib/kubelet', '/var/lib/docker', '/var/lib/containerd', '/var/run', '/run', '/var/run/docker.sock', '/run/containerd', '/run/containerd/containerd.sock', '/var/run/containerd', '/var/run/crio', '/var/run/crio/crio.sock', '/proc', '/sys', '/var/log', '/dev']);

/** The host access of a workload that amounts to root on its node. */
export function nodeTakeover(w: WorkloadRec): string[] {
  return w.hostAccess.filter((h) => h.endsWith('privileged: true') || h.includes('SYS_ADMIN') || (h.startsWith('hostPath: ') && ESCAPE_PATHS.has(h.slice(10).replace(/\/+$/, '') || '/')));
}

/** Pseudo-nodes that are shown merged into the hop that reaches them. */
export function isCollapsed(id: string): boolean {
  return id.startsWith('tokens:') || id.startsWith('exec:') || id.startsWith('secrets:') || id === 'users:*' || id === 'pod:*';
}

export const identityId = {
  sa: (ns: string, name: string) => `SA:${ns}/${name}`,
  user: (name: string) => `User:${name}`,
  group: (name: string) => `Group:${name}`,
};

export function nodeLabel(id: string): string {
  if (id === ADMIN) return 'cluster-admin-equivalent power';
  if (id === NODE) return 'root on a node';
  if (id === 'pod:*') return 'a pod of its choosing in any namespace';
  if (id.startsWith('pod:')) return `a pod of its choosing in namespace ${id.slice(4)}`;
  if (id.startsWith('exec:')) return `commands in the running pods of namespace ${id.slice(5)}`;
  if (id.startsWith('tokens:')) return `a token of any service account of namespace ${id.slice(7)}`;
  if (id.startsWith('secrets:')) return `the Secrets of namespace ${id.slice(8)}`;
  if (id === 'users:*') return 'any user';
  if (id.startsWith('SA:')) return `ServiceAccount ${id.slice(3)}`;
  if (id.startsWith('User:')) return `User ${id.slice(5)}`;
  if (id.startsWith('Group:')) return `any member of Group ${id.slice(6)}`;
  return id;
}

interface Identity {
  id: string;
  /** Its node number in the graph. */
  node: number;
  user: UserInfo;
  /** The bindings that name this identity, list by list in the order of its subject keys (user, groups, account). */
  lists: BindingRec[][];
}

/** The bindings that name a user: as its user name, as each of its groups, as a service account. */
function bindingListsOf(model: RbacModel, user: UserInfo): BindingRec[][] {
  const lists: BindingRec[][] = [];
  const add = (l: BindingRec[] | undefined) => l && lists.push(l);
  add(model.bySubject.get(`User:${user.name}`));
  for (const g of user.groups) add(model.bySubject.get(`Group:${g}`));
  if (user.name.startsWith('system:serviceaccount:')) add(model.bySubject.get(`SA:${user.name}`));
  return lists;
}

/**
 * Graph nodes are numbered in the order they are first named; `names[n]` is node n's id string
 * (`SA:ns/name`, `pod:ns`, `cluster-admin`, …). Per-namespace and per-account nodes are found
 * through nested maps of the names as parsed, so no id string is built twice.
 */
export class NodeTable {
  readonly names: string[] = [];
  private readonly ids = new Map<string, number>();
  private readonly scoped = new Map<string, number[]>();
  private readonly accounts = new Map<string, Map<string, number>>();
  private readonly users = new Map<string, number>();
  private readonly groups = new Map<string, number>();

  id(name: string): number {
    let n = this.ids.get(name);
    if (n === undefined) {
      n = this.names.length;
      this.names.push(name);
      this.ids.set(name, n);
    }
    return n;
  }

  private scopedNode(scope: string, slot: number, prefix: string): number {
    let slots = this.scoped.get(scope);
    if (!slots) this.scoped.set(scope, (slots = [-1, -1, -1, -1]));
    if (slots[slot] === -1) slots[slot] = this.id(`${prefix}${scope}`);
    return slots[slot]!;
  }

  /** A pod of its choosing in namespace `scope` (`*`: any namespace). */
  pod(scope: string): number {
    return this.scopedNode(scope, 0, 'pod:');
  }
  exec(scope: string): number {
    return this.scopedNode(scope, 1, 'exec:');
  }
  tokens(scope: string): number {
    return this.scopedNode(scope, 2, 'tokens:');
  }
  secrets(scope: string): number {
    return this.scopedNode(scope, 3, 'secrets:');
  }

  /** The number of a service account's node named so far, or undefined. */
  findSa(namespace: string, name: string): number | undefined {
    return this.accounts.get(namespace)?.get(name);
  }

  /** The number of a node named so far, or undefined. */
  find(name: string): number | undefined {
    return this.ids.get(name);
  }

  user(name: string): number {
    let n = this.users.get(name);
    if (n === undefined) this.users.set(name, (n = this.id(identityId.user(name))));
    return n;
  }

  group(name: string): number {
    let n = this.groups.get(name);
    if (n === undefined) this.groups.set(name, (n = this.id(identityId.group(name))));
    return n;
  }

  sa(namespace: string, name: string): number {
    let inNs = this.accounts.get(namespace);
    if (!inNs) this.accounts.set(namespace, (inNs = new Map()));
    let n = inNs.get(name);
    if (n === undefined) inNs.set(name, (n = this.id(identityId.sa(namespace, name))));
    return n;
  }
}

/**
 * Per-binding state for one graph build, indexed by the binding's position in model.bindings:
 * arrays rather than WeakMaps and Sets of objects, whose hashing showed up as most of the
 * graph's time on 50,000 bindings.
 */
interface BindingTable {
  held: (HeldCap[] | undefined)[];
  /** Identity number that last visited the binding (de-duplicates a binding named twice). */
  stamp: Int32Array;
}

function bindingTable(model: RbacModel): BindingTable {
  return { held: new Array(model.bindings.length), stamp: new Int32Array(model.bindings.length).fill(-1) };
}

/** Calls fn once for every binding that names one of the keys (bindingsFor without the objects). */
function forEachBinding(table: BindingTable, visit: number, lists: BindingRec[][], fn: (b: BindingRec, ord: number) => void): void {
  // A binding is listed under each distinct key it names; it is counted once per identity.
  for (let k = 0; k < lists.length; k++) {
    const list = lists[k]!;
    for (let i = 0; i < list.length; i++) {
      const b = list[i]!;
      const o = b.index;
      if (table.stamp[o] === visit) continue;
      table.stamp[o] = visit;
      fn(b, o);
    }
  }
}

function identities(model: RbacModel, N: NodeTable): Identity[] {
  const out: Identity[] = [];
  const made: boolean[] = [];
  const make = (node: number, user: UserInfo, lists = bindingListsOf(model, user)): Identity => {
    made[node] = true;
    return { id: N.names[node]!, node, user, lists };
  };
  // Service accounts (most identities) are looked up by the names as parsed: the groups every
  // account is in are found once, the namespace's group once per namespace.
  const index = model.subjectIndex;
  const everyAccount = [index.groups.get('system:serviceaccounts'), index.groups.get('system:authenticated')];
  const userNamedLikeAccount = [...index.users.keys()].some((u) => u.startsWith('system:serviceaccount:'));
  const perNamespace = new Map<string, { groups: string[]; list: BindingRec[] | undefined }>();
  for (const sa of model.serviceAccounts.values()) {
    const node = N.sa(sa.namespace, sa.name);
    if (made[node]) continue;
    const username = saUsername(sa.namespace, sa.name);
    if (!validServiceAccount(sa.namespace, sa.name)) {
      out.push(make(node, identityFor(username)));
      continue;
    }
    let ns = perNamespace.get(sa.namespace);
    if (!ns) {
      const group = `system:serviceaccounts:${sa.namespace}`;
      perNamespace.set(sa.namespace, (ns = { groups: ['system:serviceaccounts', group, 'system:authenticated'], list: index.groups.get(group) }));
    }
    // In the order bindingListsOf() gives: user name, groups as identityFor() lists them, account.
    const lists: BindingRec[][] = [];
    const user = userNamedLikeAccount ? index.users.get(username) : undefined;
    if (user) lists.push(user);
    if (everyAccount[0]) lists.push(everyAccount[0]);
    if (ns.list) lists.push(ns.list);
    if (everyAccount[1]) lists.push(everyAccount[1]);
    const own = index.serviceAccounts.get(sa.namespace)?.get(sa.name);
    if (own) lists.push(own);
    out.push(make(node, { name: username, groups: ns.groups }, lists));
  }
  for (const b of model.bindings) {
    for (const s of b.subjects) {
      if (s.kind === 'User') {
        const node = N.user(s.name);
        if (!made[node]) out.push(make(node, identityFor(s.name)));
      } else if (s.kind === 'Group') {
        const node = N.group(s.name);
        // "Any member of the group": a user with only that group (and system:authenticated unless it is the anonymous group).
        if (!made[node]) out.push(make(node, groupMember(s.name)));
      }
    }
  }
  return out;
}

/**
 * "Any member of the group", as the API server sees such a user: the group and system:authenticated
 * (system:anonymous for system:unauthenticated). Members of system:serviceaccounts[:ns] are service
 * accounts, so they are in system:serviceaccounts as well.
 */
export function groupMember(group: string): UserInfo {
  if (group === 'system:unauthenticated') return { name: 'system:anonymous', groups: [group] };
  const accounts = group === 'system:serviceaccounts' || group.startsWith('system:serviceaccounts:');
  return identityFor(`(member of ${group})`, accounts && group !== 'system:serviceaccounts' ? ['system:serviceaccounts', group] : [group]);
}

interface HeldCap {
  cap: RuleCapability;
  binding: BindingRec;
  /** `*` (ClusterRoleBinding) or the RoleBinding's namespace. */
  scope: string;
  /** CAPABILITY_ORDINAL of cap.id. */
  ord: number;
  /** The binding's own record, shared by its capabilities. */
  site: { roleRef?: Where };
  /** evidenceOf() and capText(), built on first use: the grant is shared by every subject of the binding. */
  evidence?: Where[];
  text?: string;
}

/** The capabilities a binding gives its subjects, with their scope (computed once per binding). */
function heldOf(table: BindingTable, binding: BindingRec, ord: number): HeldCap[] {
  let held = table.held[ord];
  if (!held) {
    held = [];
    if (binding.role) {
      const scope = binding.kind === 'ClusterRoleBinding' ? '*' : binding.namespace!;
      const site = {};
      for (const cap of roleCapabilities(binding.role)) held.push({ cap, binding, scope, ord: CAPABILITY_ORDINAL.get(cap.id)!, site });
    }
    table.held[ord] = held;
  }
  return held;
}

function evidenceOf(h: HeldCap): Where[] {
  if (h.evidence) return h.evidence;
  const role = h.binding.role!;
  const origin = role.origins[h.cap.ruleIndex];
  // The binding's and the rule's places are shared by every capability they give (found once).
  const w: Where[] = [(h.site.roleRef ??= whereOf(h.binding, ['roleRef']))];
  w.push(origin ? ruleWhere(origin) : whereOf(role));
  return (h.evidence = w);
}

const ruleWheres = new WeakMap<RuleOrigin, Where>();

function ruleWhere(origin: RuleOrigin): Where {
  let w = ruleWheres.get(origin);
  if (!w) ruleWheres.set(origin, (w = whereOfResource(origin.resource, ['rules', origin.index])));
  return w;
}

function capText(h: HeldCap): string {
  if (h.text !== undefined) return h.text;
  const rule = h.binding.role!.rules[h.cap.ruleIndex]!;
  const where = h.scope === '*' ? 'cluster-wide' : `in namespace ${h.scope}`;
  return (h.text = `${h.cap.verb} ${h.cap.group ? `${h.cap.group}/` : ''}${h.cap.resource}${h.cap.names === '*' ? '' : ` (names: ${h.cap.names.join(', ')})`} ${where}, from ${h.binding.kind} ${h.binding.namespace ? `${h.binding.namespace}/` : ''}${h.binding.name} rule ${formatRule(rule)}`);
}

export interface GraphOptions {
  from?: UserInfo;
  includeDefaults?: boolean;
  /** The node paths lead to: `cluster-admin` (default), `node`, or an identity (`SA:ns/name`, `User:x`, `Group:g`). */
  to?: string;
}

export interface Graph {
  edges: Edge[];
  identities: Identity[];
  nodes: NodeTable;
}

export function buildGraph(model: RbacModel): Graph {
  const edges: Edge[] = [];
  const N = new NodeTable();
  const admin = N.id(ADMIN);
  const node = N.id(NODE);
  const anyUser = N.id('users:*');
  // Between one identity and one target only the first edge matters (all hops cost the same, and
  // the first found is the most direct technique): later ones are dropped. `mark[to]` holds the
  // run of consecutive edges from one node that last reached `to`.
  let curFrom = -1;
  let run = 0;
  const mark: number[] = [];
  const add = (from: number, to: number, technique: string, explanation: Lazy<string>, evidence: Lazy<Where[]>) => {
    if (from !== curFrom) {
      curFrom = from;
      run++;
    }
    if (mark[to] === run) return;
    mark[to] = run;
    edges.push({ from, to, technique, explanation, evidence });
  };
  const namespaces = [...model.namespaces.keys()];
  const sasIn = new Map<string, string[]>();
  for (const sa of model.serviceAccounts.values()) {
    let l = sasIn.get(sa.namespace);
    if (!l) sasIn.set(sa.namespace, (l = []));
    l.push(sa.name);
  }
  const ids = identities(model, N);
  const table = bindingTable(model);
  const by: (HeldCap[] | undefined)[] = new Array(CAPABILITY_IDS.length);
  const held: number[] = [];
  // Pseudo-nodes keep the graph linear: "any account of ns" is one node, not one edge per account.
  for (const [ns, list] of sasIn) for (const sa of list) add(N.tokens(ns), N.sa(ns, sa), 'any-account', () => `the token of any account of namespace ${ns} includes ${sa}`, []);
  // Impersonating a service account's user name is authorized on serviceaccounts, not on users.
  for (const i of ids) if (i.id.startsWith('User:') && !parseServiceAccountUsername(i.user.name)) add(anyUser, i.node, 'any-user', 'any user name can be impersonated, this one included', []);
  // exec:<ns> → the accounts whose tokens running pods of ns mount, and → node when one of those
  // pods can take over its node (commands in a privileged pod run as root there).
  const running = new Set<string>();
  const seenRunning = new Set<string>();
  for (const w of model.workloads) {
    const takeover = nodeTakeover(w);
    if (takeover.length) {
      running.add(w.namespace);
      add(N.exec(w.namespace), node, 'exec-host-pod', () => `commands run in ${w.resource.kind} ${w.namespace}/${w.resource.name}, which can take over its node (${takeover.join(', ')})`, () => [whereOfResource(w.resource, ['spec', 'template', 'spec'])]);
    }
    if (!w.automountToken) continue;
    running.add(w.namespace);
    const key = `${w.namespace}/${w.serviceAccount}`;
    if (seenRunning.has(key)) continue;
    seenRunning.add(key);
    add(N.exec(w.namespace), N.sa(w.namespace, w.serviceAccount), 'pod-token', () => `${w.resource.kind} ${w.namespace}/${w.resource.name} runs as ${w.serviceAccount} with its token mounted`, () => [whereOfResource(w.resource)]);
  }
  // Cluster-wide grants point at one wildcard node that fans out to every namespace once.
  for (const ns of namespaces) {
    add(N.pod('*'), N.pod(ns), 'any-namespace', () => `in namespace ${ns}`, []);
    add(N.tokens('*'), N.tokens(ns), 'any-namespace', () => `in namespace ${ns}`, []);
  }
  for (const ns of running) add(N.exec('*'), N.exec(ns), 'any-namespace', () => `in namespace ${ns}`, []);
  const tokenSecretsIn = new Map<string, [Resource, string][]>();
  for (const sa of model.serviceAccounts.values()) {
    for (const secret of sa.tokenSecrets) {
      let l = tokenSecretsIn.get(sa.namespace);
      if (!l) tokenSecretsIn.set(sa.namespace, (l = []));
      l.push([secret, sa.name]);
      if (l.length === 1) add(N.secrets('*'), N.secrets(sa.namespace), 'any-namespace', () => `in namespace ${sa.namespace}`, []);
      add(N.secrets(sa.namespace), N.sa(sa.namespace, sa.name), 'token-secret', () => `Secret ${sa.namespace}/${secret.name} holds a token of ${sa.name}`, () => [whereOfResource(secret)]);
    }
  }

  // pod:<ns> → every service account of ns, and → node when Pod Security lets the pod be privileged.
  for (const ns of namespaces) {
    const info = model.namespaces.get(ns)!;
    for (const sa of sasIn.get(ns) ?? []) {
      add(
        N.pod(ns),
        N.sa(ns, sa),
        'pod-service-account',
        () =>
          `a pod spec may name any service account of its namespace (spec.serviceAccountName: ${sa}); its token is mounted into the pod${info.enforce !== 'privileged' ? ` (Pod Security ${info.enforce} in ${ns} forbids a privileged pod, not this)` : ''}`,
        [],
      );
    }
    if (info.enforce === 'privileged') {
      add(
        N.pod(ns),
        node,
        'privileged-pod',
        info.labelled
          ? `namespace ${ns} enforces Pod Security level privileged (pod-security.kubernetes.io/enforce), so the pod may be privileged or mount the host's / with hostPath`
          : `namespace ${ns} has no pod-security.kubernetes.io/enforce label${info.resource ? '' : ' (its Namespace object is not in the input)'}; the upstream default is privileged, so the pod may be privileged or mount the host's / with hostPath (unless another admission policy forbids it)`,
        info.resource ? [whereOfResource(info.resource, ['metadata'])] : [],
      );
    }
  }
  // node → the service accounts of pods that run on every node.
  for (const w of model.workloads) {
    if (!w.everyNode || !w.automountToken) continue;
    add(node, N.sa(w.namespace, w.serviceAccount), 'node-pod-tokens', () => `root on a node reads the tokens of the pods on it; ${w.resource.kind} ${w.namespace}/${w.resource.name} runs on every node as ${w.serviceAccount} (the node's own credentials are limited by NodeRestriction and the Node authorizer)`, () => [whereOfResource(w.resource, ['spec', 'template', 'spec'])]);
  }

  for (const ident of ids) {
    if (ident.user.groups.includes('system:masters')) {
      add(ident.node, admin, 'superuser-group', 'members of system:masters are allowed every request before RBAC is asked', []);
      continue;
    }
    // The identity's capabilities by ordinal, in one array reused from identity to identity.
    for (let i = 0; i < held.length; i++) by[held[i]!] = undefined;
    held.length = 0;
    forEachBinding(table, ident.node, ident.lists, (binding, ord) => {
      const caps = heldOf(table, binding, ord);
      for (let i = 0; i < caps.length; i++) {
        const h = caps[i]!;
        const l = by[h.ord];
        if (l) l.push(h);
        else {
          by[h.ord] = [h];
          held.push(h.ord);
        }
      }
    });
    if (held.length === 0) continue;
    const get = (id: CapabilityId): HeldCap[] => by[CAPABILITY_ORDINAL.get(id)!] ?? NONE;
    const adminGrant = get('all').find((h) => h.scope === '*');
    if (adminGrant) {
      add(ident.node, admin, 'wildcard-grant', () => `is granted every verb on every resource cluster-wide: ${capText(adminGrant)}`, () => evidenceOf(adminGrant));
      continue;
    }
    const nsTargets = (scope: string) => (scope === '*' ? namespaces : [scope]);
    // Run a pod: create pods, create a controller, or change a controller's pod template.
    for (const [capId, how] of [
      ['pods-create', 'can create pods'],
      ['workloads-create', 'can create a pod controller (its pods run with the service account it names)'],
      ['workloads-update', "can change an existing controller's pod template, e.g. swap its serviceAccountName"],
    ] as [CapabilityId, string][]) {
      for (const h of get(capId)) {
        if (h.cap.names !== '*' && capId !== 'workloads-update') continue;
        add(ident.node, N.pod(h.scope), capId, () => `${how}: ${capText(h)}`, () => evidenceOf(h));
      }
    }
    // Exec and ephemeral containers: run commands in existing pods, as their service accounts.
    // Attach is not a hop: it joins the main process's stdio, a shell only where the image runs one.
    for (const capId of ['pods-exec', 'pods-ephemeral'] as CapabilityId[]) {
      for (const h of get(capId)) {
        if (h.cap.names !== '*') continue;
        // Exec over a WebSocket is a GET: API servers that do not also ask for create allow it with get.
        const how = h.cap.verb === 'get' ? ' (with get only: over a WebSocket, on API servers that do not also require create on pods/exec)' : '';
        if (h.scope === '*' || running.has(h.scope)) add(ident.node, N.exec(h.scope), capId, () => `can run commands in running pods (${h.scope === '*' ? 'every namespace' : `namespace ${h.scope}`})${how}: ${capText(h)}`, () => evidenceOf(h));
      }
    }
    // Tokens: TokenRequest, legacy token Secrets, token Secrets it creates.
    for (const h of get('sa-token-create')) {
      if (h.cap.names === '*') add(ident.node, N.tokens(h.scope), 'token-request', () => `can create a token for any service account (${h.scope === '*' ? 'every namespace' : `namespace ${h.scope}`}): ${capText(h)}`, () => evidenceOf(h));
      else for (const ns of nsTargets(h.scope)) for (const sa of h.cap.names) if (model.serviceAccounts.has(`${ns}/${sa}`)) add(ident.node, N.sa(ns, sa), 'token-request', () => `can create a token for the service account: ${capText(h)}`, () => evidenceOf(h));
    }
    for (const h of [...get('secrets-read'), ...get('secrets-list')]) {
      // A list limited by resourceNames is allowed only with a field selector on one of the names.
      if (h.cap.names === '*') {
        if (h.scope === '*' ? tokenSecretsIn.size : tokenSecretsIn.has(h.scope)) add(ident.node, N.secrets(h.scope), 'read-token-secret', () => `can read Secrets (${h.scope === '*' ? 'every namespace' : `namespace ${h.scope}`}), service-account token Secrets included: ${capText(h)}`, () => evidenceOf(h));
        continue;
      }
      for (const ns of h.scope === '*' ? [...tokenSecretsIn.keys()] : [h.scope]) {
        const secrets = tokenSecretsIn.get(ns);
        if (!secrets) continue;
        for (const [secret, account] of secrets) {
          if (!h.cap.names.includes(secret.name)) continue;
          const how = h.cap.id === 'secrets-list' ? `can list Secret ${ns}/${secret.name} (with fieldSelector metadata.name=${secret.name})` : `can read Secret ${ns}/${secret.name}`;
          add(ident.node, N.sa(ns, account), 'read-token-secret', () => `${how}, a token of the service account: ${capText(h)}`, () => [...evidenceOf(h), whereOfResource(secret)]);
        }
      }
    }
    const readAny = [...get('secrets-read'), ...get('secrets-list')].filter((h) => h.cap.names === '*' && h.cap.id === 'secrets-read');
    for (const h of get('secrets-create')) {
      const clusterReader = readAny.find((r) => r.scope === '*');
      for (const ns of h.scope === '*' ? (clusterReader ? ['*'] : readAny.map((r) => r.scope)) : [h.scope]) {
        const reader = readAny.find((r) => r.scope === '*' || r.scope === ns);
        if (!reader) continue;
        add(ident.node, N.tokens(ns), 'token-secret-create', () => `can create a Secret of type kubernetes.io/service-account-token for any account of namespace ${ns} (the token controller fills it in) and read it back: ${capText(h)}; ${capText(reader)}`, () => [...evidenceOf(h), ...evidenceOf(reader)]);
      }
    }
    // Impersonation, as the API server's impersonation filter authorizes it: a user name on `users`,
    // a service account's user name on `serviceaccounts` of its namespace, each group on `groups`;
    // groups are accepted only together with a user to impersonate.
    const userImpersonation = get('impersonate-users').find((h) => h.scope === '*' && (h.cap.names === '*' || h.cap.names.some((n) => !parseServiceAccountUsername(n))));
    const accountImpersonation = get('impersonate-serviceaccounts').find((h) => h.cap.names === '*' || nsTargets(h.scope).some((ns) => (h.cap.names as string[]).some((sa) => model.serviceAccounts.has(`${ns}/${sa}`))));
    const asSomeone = userImpersonation ?? accountImpersonation;
    for (const h of get('impersonate-users')) {
      if (h.scope !== '*') continue; // users are cluster-scoped: a RoleBinding cannot grant it
      if (h.cap.names === '*') {
        add(ident.node, anyUser, 'impersonate', () => `can impersonate any user: ${capText(h)}`, () => evidenceOf(h));
        continue;
      }
      for (const name of h.cap.names) {
        // A service account's user name is checked against serviceaccounts, below.
        if (parseServiceAccountUsername(name)) continue;
        if (name !== ident.user.name) add(ident.node, N.user(name), 'impersonate', () => `can impersonate the user: ${capText(h)}`, () => evidenceOf(h));
      }
    }
    for (const h of get('impersonate-groups')) {
      if (h.scope !== '*' || !asSomeone) continue;
      const both = () => `${capText(h)}; together with a user to impersonate: ${capText(asSomeone)}`;
      if (namesInclude(h.cap.names, 'system:masters')) {
        add(ident.node, admin, 'impersonate', () => `can impersonate a user in the group system:masters: ${both()}`, () => [...evidenceOf(h), ...evidenceOf(asSomeone)]);
        continue;
      }
      for (const name of h.cap.names === '*' ? [] : h.cap.names) add(ident.node, N.group(name), 'impersonate', () => `can impersonate a member of the group: ${both()}`, () => [...evidenceOf(h), ...evidenceOf(asSomeone)]);
    }
    for (const h of get('impersonate-serviceaccounts')) {
      if (h.cap.names === '*') add(ident.node, N.tokens(h.scope), 'impersonate', () => `can impersonate any service account (${h.scope === '*' ? 'every namespace' : `namespace ${h.scope}`}): ${capText(h)}`, () => evidenceOf(h));
      else for (const ns of nsTargets(h.scope)) for (const sa of h.cap.names) if (model.serviceAccounts.has(`${ns}/${sa}`)) add(ident.node, N.sa(ns, sa), 'impersonate', () => `can impersonate the service account: ${capText(h)}`, () => evidenceOf(h));
    }
    // bind / escalate.
    const crbCreate = get('create-clusterrolebindings').find((h) => h.scope === '*');
    for (const h of get('bind-clusterroles')) {
      if (h.scope === '*' && crbCreate && namesInclude(h.cap.names, 'cluster-admin')) {
        add(ident.node, admin, 'bind', () => `can create a ClusterRoleBinding to ClusterRole cluster-admin for itself (the bind verb lifts the rule that one may grant only what one holds): ${capText(h)}; ${capText(crbCreate)}`, () => [...evidenceOf(h), ...evidenceOf(crbCreate)]);
      }
      const rbCreate = get('create-rolebindings');
      for (const rb of rbCreate) {
        if (h.scope !== '*' && h.scope !== rb.scope) continue;
        if (!namesInclude(h.cap.names, 'admin') && !namesInclude(h.cap.names, 'cluster-admin')) continue;
        for (const ns of [rb.scope]) add(ident.node, N.pod(ns), 'bind', () => `can bind ClusterRole admin/cluster-admin to itself in namespace ${ns} with a RoleBinding, which includes creating pods there: ${capText(h)}; ${capText(rb)}`, () => [...evidenceOf(h), ...evidenceOf(rb)]);
      }
    }
    for (const h of get('escalate-clusterroles')) {
      if (h.scope !== '*') continue;
      const writer = get('write-clusterroles').find((w) => w.scope === '*');
      if (!writer) continue;
      // A ClusterRole already bound to this identity cluster-wide can be edited to grant everything.
      const own = bindingsFor(model, ident.user).find(({ binding }) => binding.kind === 'ClusterRoleBinding' && binding.role && namesInclude(h.cap.names, binding.role.name) && namesInclude(writer.cap.names, binding.role.name));
      if (own) {
        add(ident.node, admin, 'escalate', () => `can add any permission to ClusterRole ${own.binding.role!.name}, which is bound to it by ${own.binding.name} (escalate lifts the rule that one may grant only what one holds): ${capText(h)}; ${capText(writer)}`, () => [...evidenceOf(h), ...evidenceOf(writer), whereOf(own.binding)]);
      }
    }
    // Kubelet API, certificates, admission webhooks.
    for (const h of get('nodes-proxy')) {
      if (h.scope !== '*') continue;
      // The kubelet API runs commands in any pod of the node: the pods' accounts, and the node itself
      // through a privileged pod; nothing more (the kubelet's own credentials are not handed out).
      add(ident.node, N.exec('*'), 'nodes-proxy', () => `can reach the kubelet API of every node through the API server (nodes/proxy), whose /exec and /run run commands in any pod of the node: ${capText(h)}`, () => evidenceOf(h));
    }
    const csrCreate = get('csr-create').find((h) => h.scope === '*');
    const csrApproval = get('csr-approval').find((h) => h.scope === '*');
    const approveSigner = get('signers-approve').find((h) => h.scope === '*' && (namesInclude(h.cap.names, 'kubernetes.io/kube-apiserver-client') || namesInclude(h.cap.names, 'kubernetes.io/*')));
    if (csrCreate && csrApproval && approveSigner) {
      add(ident.node, admin, 'csr-approve', () => `can request and approve a client certificate from the kubernetes.io/kube-apiserver-client signer for any user and group (e.g. O=system:masters): ${capText(csrCreate)}; ${capText(csrApproval)}; ${capText(approveSigner)}`, () => [...evidenceOf(csrCreate), ...evidenceOf(csrApproval), ...evidenceOf(approveSigner)]);
    }
    const mwh = get('mutating-webhooks-write').find((h) => h.scope === '*' && h.cap.names === '*');
    if (mwh) {
      const how = mwh.cap.verb === 'create' ? 'can register a mutating admission webhook' : 'can rewrite an existing mutating webhook configuration (its clientConfig and rules)';
      add(
        ident.node,
        admin,
        'mutating-webhook',
        () =>
          `${how} so that a server of its choosing rewrites the objects the API server admits — e.g. the pods that controllers create get another service account, or a RoleBinding someone else creates gets another subject. It needs an endpoint the API server can reach and someone else creating objects${mwh.cap.verb === 'create' ? '' : ', and an existing configuration to patch'}; Pod Security still checks the mutated pod, so a privileged container is refused where baseline or restricted is enforced: ${capText(mwh)}`,
        () => evidenceOf(mwh),
      );
    }
  }
  return { edges, identities: ids, nodes: N };
}

const allPaths = new WeakMap<RbacModel, PathsResult>();

/**
 * Shortest escalation paths to cluster-admin-equivalent power (or to `options.to`): from every
 * identity that does not hold it already, and from every workload of the input (a compromised pod:
 * its service account, and root on its node when it is privileged or mounts the host).
 */
export function escalationPaths(model: RbacModel, options: GraphOptions = {}): PathsResult {
  // The rule and the report's rbac extension both ask for all paths: computed once per model.
  if (!options.from && !options.includeDefaults && (options.to ?? ADMIN) === ADMIN) {
    let result = allPaths.get(model);
    if (!result) allPaths.set(model, (result = computePaths(model, options)));
    return result;
  }
  return computePaths(model, options);
}

function computePaths(model: RbacModel, options: GraphOptions): PathsResult {
  const { edges, identities: ids, nodes: N } = buildGraph(model);
  const count = N.names.length;
  const toAdmin = (options.to ?? ADMIN) === ADMIN;
  const found = N.find(options.to ?? ADMIN);
  if (found === undefined) return { paths: [], stats: { nodes: 0, edges: edges.length, identities: ids.length } };
  const target = found;
  // Edges into each node, in the order they were added (compressed rows: no list per node).
  const inStart = new Int32Array(count + 1);
  const used = new Uint8Array(count);
  for (const e of edges) {
    inStart[e.to + 1]!++;
    used[e.from] = used[e.to] = 1;
  }
  for (let n = 0; n < count; n++) inStart[n + 1]! += inStart[n]!;
  const fill = inStart.slice(0, count);
  const inEdges = new Int32Array(edges.length);
  edges.forEach((e, i) => (inEdges[fill[e.to]!++] = i));
  const collapsed = new Uint8Array(count);
  for (let n = 0; n < count; n++) if (isCollapsed(N.names[n]!)) collapsed[n] = 1;
  // Shortest paths backwards from cluster-target, in hops as a person counts them: an edge out of a
  // collapsed pseudo-node ("any account of ns") costs nothing, since it is shown merged with the
  // hop that reached it. Costs are 0 or 1, so a two-level bucket queue is an exact Dijkstra.
  const UNREACHED = -2;
  const ROOT = -1;
  const dist = new Int32Array(count).fill(0x7fffffff);
  /** The first edge of the shortest path from each node (an index into edges). */
  const next = new Int32Array(count).fill(UNREACHED);
  dist[target] = 0;
  next[target] = ROOT;
  let level = [target];
  for (let d = 0; level.length; d++) {
    const following: number[] = [];
    for (let i = 0; i < level.length; i++) {
      const n = level[i]!;
      if (dist[n] !== d) continue;
      for (let k = inStart[n]!; k < inStart[n + 1]!; k++) {
        const e = edges[inEdges[k]!]!;
        const cost = collapsed[e.from] ? 0 : 1;
        const nd = d + cost;
        if (dist[e.from]! <= nd) continue;
        dist[e.from] = nd;
        next[e.from] = inEdges[k]!;
        (cost === 0 ? level : following).push(e.from);
      }
    }
    level = following;
  }
  // The hop out of each node, pseudo-nodes merged in, is the same on every path through the node:
  // built once, then copied into each path.
  const hopFrom: (Hop | undefined)[] = [];
  const hopOf = (n: number): Hop => {
    let hop = hopFrom[n];
    if (!hop) {
      const e = edges[next[n]!]!;
      hop = { from: N.names[e.from]!, to: N.names[e.to]!, technique: e.technique, explanation: explanationOf(e), evidence: [...evidenceOfEdge(e)] };
      // Merge the hops through pseudo-nodes into the hop that reached them.
      let to = e.to;
      while (collapsed[to]) {
        const e2 = edges[next[to]!]!;
        to = e2.to;
        hop.to = N.names[to]!;
        hop.explanation += `; ${explanationOf(e2)}`;
        hop.evidence.push(...evidenceOfEdge(e2));
      }
      hopTarget[n] = to;
      hopFrom[n] = hop;
    }
    return hop;
  };
  const hopTarget: number[] = [];
  const walkNode = (first: number | undefined): Hop[] | undefined => {
    if (first === undefined || first >= count || next[first] === UNREACHED || first === target) return undefined;
    const hops: Hop[] = [];
    let cur = first;
    while (cur !== target) {
      const hop = hopOf(cur);
      hops.push({ from: hop.from, to: hop.to, technique: hop.technique, explanation: hop.explanation, evidence: hop.evidence.slice() });
      cur = hopTarget[cur]!;
    }
    return hops;
  };
  const nodeCount = used.reduce((a, b) => a + b, 0);
  const fromInput = (hops: Hop[]) => hops.some((h) => h.evidence.some((w) => !w.builtin));
  const paths: EscalationPath[] = [];
  // Identities that hold the target already: cluster-admin by a wildcard grant or system:masters
  // (reported by rbac-cluster-admin-binding, not as paths), or the target identity itself.
  const holdsTarget = new Uint8Array(count);
  for (const i of ids) {
    const e = next[i.node]! >= 0 ? edges[next[i.node]!]! : undefined;
    if (i.node === target || (toAdmin && e && e.to === target && (e.technique === 'wildcard-grant' || e.technique === 'superuser-group'))) holdsTarget[i.node] = 1;
  }

  if (options.from) {
    const id = identityNodeId(options.from);
    const hops = walkNode(N.find(id));
    if (hops) paths.push({ from: id, fromLabel: nodeLabel(id), hops, fromInput: fromInput(hops) });
    return { paths, stats: { nodes: nodeCount, edges: edges.length, identities: ids.length } };
  }

  const withWorkload = new Uint8Array(count);
  const doneWorkloads = new Set<string>();
  const nodeNode = N.find(NODE);
  for (const w of model.workloads) {
    // The same object given twice (two input files) is one workload.
    const wkey = `${w.resource.kind}/${w.namespace}/${w.resource.name}`;
    if (doneWorkloads.has(wkey)) continue;
    doneWorkloads.add(wkey);
    const saNode = N.findSa(w.namespace, w.serviceAccount);
    const saId = identityId.sa(w.namespace, w.serviceAccount);
    const takeover = nodeTakeover(w);
    const viaSa = w.automountToken ? walkNode(saNode) : undefined;
    const viaNode = takeover.length ? walkNode(nodeNode) : undefined;
    let hops: Hop[] | undefined;
    const ws = whereOfResource(w.resource);
    const wid = `workload:${w.resource.kind}/${w.namespace}/${w.resource.name}`;
    if (w.automountToken && saNode !== undefined && saNode < count && holdsTarget[saNode]) hops = [{ from: wid, to: saId, technique: 'pod-token', explanation: `the pod's mounted token is that of ${nodeLabel(saId)}`, evidence: [ws] }, ...(walkNode(saNode) ?? [])];
    else if (takeover.length && nodeNode === target) hops = [{ from: wid, to: NODE, technique: 'host-access', explanation: `the pod can take over its node: ${takeover.join(', ')}`, evidence: [ws] }];
    else if (viaSa && (!viaNode || viaSa.length <= viaNode.length)) hops = [{ from: wid, to: saId, technique: 'pod-token', explanation: `the pod's mounted token is that of ${nodeLabel(saId)}`, evidence: [ws] }, ...viaSa];
    else if (viaNode) hops = [{ from: wid, to: NODE, technique: 'host-access', explanation: `the pod can take over its node: ${takeover.join(', ')}`, evidence: [ws] }, ...viaNode];
    if (!hops) continue;
    if (saNode !== undefined && saNode < count) withWorkload[saNode] = 1;
    paths.push({ from: wid, fromLabel: `a compromised pod of ${w.resource.kind} ${w.namespace}/${w.resource.name}`, hops, fromInput: true, workload: ws });
  }
  const named = namedInInput(model, N);
  for (const ident of ids) {
    if (holdsTarget[ident.node] || withWorkload[ident.node]) continue;
    if (!options.includeDefaults && (!named[ident.node] || isControlPlaneIdentity(ident.id))) continue;
    const hops = walkNode(ident.node);
    if (!hops) continue;
    const fi = fromInput(hops);
    if (!fi && !options.includeDefaults) continue;
    paths.push({ from: ident.id, fromLabel: nodeLabel(ident.id), hops, fromInput: fi });
  }
  paths.sort((a, b) => a.hops.length - b.hops.length || (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
  return { paths, stats: { nodes: nodeCount, edges: edges.length, identities: ids.length } };
}

const BROAD_GROUPS = /^Group:system:(authenticated|unauthenticated|serviceaccounts(:.*)?)$/;

/**
 * Users and groups named `system:*` are the control plane's own identities (kube-controller-manager,
 * kube-scheduler, nodes): powerful by design, so paths from them are not findings. The broad groups
 * (system:authenticated, system:unauthenticated, system:serviceaccounts[:ns]) are everyone, and are kept.
 */
function isControlPlaneIdentity(id: string): boolean {
  if (id.startsWith('SA:')) return false;
  if (BROAD_GROUPS.test(id)) return false;
  return id.startsWith('User:system:') || id.startsWith('Group:system:');
}

/** Identities that an object of the input names: subjects of its bindings, its service accounts. */
function namedInInput(model: RbacModel, N: NodeTable): Uint8Array {
  const out = new Uint8Array(N.names.length);
  for (const b of model.bindings) {
    if (b.builtin) continue;
    for (const s of b.subjects) out[s.kind === 'ServiceAccount' ? N.sa(s.namespace!, s.name) : s.kind === 'User' ? N.user(s.name) : N.group(s.name)] = 1;
  }
  for (const sa of model.serviceAccounts.values()) if (sa.resource || sa.workloads.length) out[N.sa(sa.namespace, sa.name)] = 1;
  return out;
}

/**
 * The graph node that `rbac paths --to` names: `cluster-admin`, `node` (root on a node), or an
 * identity written as for --from (ServiceAccount:<ns>/<name>, system:serviceaccount:<ns>:<name>,
 * User:<name>, Group:<name>, or a user name).
 */
export function targetNode(text: string): string {
  return text === ADMIN || text === NODE ? text : identityNodeId(parseSubject(text).user);
}

/** The graph node of a user as parseSubject() and groupMember() name them. */
function identityNodeId(user: UserInfo): string {
  const sa = parseServiceAccountUsername(user.name);
  if (sa) return identityId.sa(sa.namespace, sa.name);
  const member = /^\((?:any )?member of (.+)\)$/.exec(user.name);
  return member ? identityId.group(member[1]!) : identityId.user(user.name);
}

export function formatPath(p: EscalationPath): string {
  const to = p.hops[p.hops.length - 1]?.to ?? ADMIN;
  const lines = [`${p.fromLabel} → ${to === ADMIN ? 'cluster-admin' : nodeLabel(to)} in ${p.hops.length} hop(s)`];
  p.hops.forEach((h, i) => {
    lines.push(`  ${i + 1}. ${h.from.startsWith('workload:') ? p.fromLabel : nodeLabel(h.from)} → ${nodeLabel(h.to)}  [${h.technique}]`);
    lines.push(`     ${h.explanation}`);
    for (const w of h.evidence) lines.push(`     evidence: ${w.kind} ${w.namespace ? `${w.namespace}/` : ''}${w.name}${w.builtin ? ' (built-in default)' : w.file ? ` (${w.file}${w.line ? `:${w.line}` : ''})` : ''}`);
  });
  return lines.join('\n');
}

export { ADMIN as CLUSTER_ADMIN_NODE, NODE as NODE_NODE };
