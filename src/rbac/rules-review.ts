import { bindingsFor, type UserInfo } from './authorizer.js';
import type { PolicyRule } from './matcher.js';
import type { RbacModel } from './model.js';

/**
 * `kubectl auth can-i --list`: the rules that apply to a user in a namespace, as a
 * SelfSubjectRulesReview returns them (RBAC RulesFor: ClusterRoleBindings, then RoleBindings of
 * the namespace), printed the way kubectl prints them: each rule broken down to one group, one
 * resource and one name; single-resource rules of the same group/resource/name merged with
 * their verbs united; sorted by kubectl's string form of a rule (which starts with the verbs).
 */

/** The rules of every binding that applies to the user in the namespace (empty: cluster-wide only). */
export function rulesFor(model: RbacModel, user: UserInfo, namespace: string): PolicyRule[] {
  const applicable = bindingsFor(model, user)
    .map(({ binding }) => binding)
    .filter((b) => b.kind === 'ClusterRoleBinding' || (namespace !== '' && b.namespace === namespace))
    .sort((a, b) => (a.kind === b.kind ? cmp(a.name, b.name) : a.kind === 'ClusterRoleBinding' ? -1 : 1));
  const out: PolicyRule[] = [];
  for (const b of applicable) {
    for (const r of b.role?.rules ?? []) {
      // RulesFor splits a rule into its resource part and its non-resource part.
      if (r.resources.length) out.push({ verbs: r.verbs, apiGroups: r.apiGroups, resources: r.resources, resourceNames: r.resourceNames, nonResourceURLs: [] });
      if (r.nonResourceURLs.length) out.push({ verbs: r.verbs, apiGroups: [], resources: [], resourceNames: [], nonResourceURLs: r.nonResourceURLs });
    }
  }
  // convertToPolicyRule in kubectl lists resource rules first, then non-resource rules.
  return [...out.filter((r) => r.resources.length), ...out.filter((r) => !r.resources.length)];
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const sorted = (xs: string[]) => [...xs].sort(cmp);
const rule = (verbs: string[], apiGroups: string[], resources: string[], resourceNames: string[], nonResourceURLs: string[]): PolicyRule => ({
  verbs: sorted(verbs),
  apiGroups,
  resources,
  resourceNames,
  nonResourceURLs,
});

/** One rule per group × resource × name, and per non-resource URL (kubectl's BreakdownRule). */
export function breakdownRule(r: PolicyRule): PolicyRule[] {
  if (r.verbs.length === 0) return [];
  const out: PolicyRule[] = [];
  for (const g of r.apiGroups) {
    for (const res of r.resources) {
      if (r.resourceNames.length) for (const n of r.resourceNames) out.push(rule(r.verbs, [g], [res], [n], []));
      else out.push(rule(r.verbs, [g], [res], [], []));
    }
  }
  for (const u of r.nonResourceURLs) out.push(rule(r.verbs, [], [], [], [u]));
  return out;
}

/** Merges the verbs of rules on the same single group/resource/name (kubectl's CompactRules). */
export function compactRules(rules: PolicyRule[]): PolicyRule[] {
  const compacted: PolicyRule[] = [];
  const simple = new Map<string, PolicyRule>();
  const order: string[] = [];
  for (const r of rules) {
    const isSimple = r.nonResourceURLs.length === 0 && r.resourceNames.length <= 1 && r.apiGroups.length === 1 && r.resources.length === 1;
    if (!isSimple) {
      compacted.push(r);
      continue;
    }
    const key = JSON.stringify([r.apiGroups[0], r.resources[0], r.resourceNames[0] ?? null]);
    const prev = simple.get(key);
    if (prev) {
      for (const v of r.verbs) if (!prev.verbs.includes(v)) prev.verbs.push(v);
    } else {
      simple.set(key, { ...r, verbs: [...r.verbs] });
      order.push(key);
    }
  }
  for (const k of order) compacted.push(simple.get(k)!);
  return compacted;
}

/** The Go string form of a PolicyRule, by which kubectl sorts the list. */
function goString(r: PolicyRule): string {
  const l = (xs: string[]) => `[${xs.join(' ')}]`;
  return `&PolicyRule{Verbs:${l(r.verbs)},APIGroups:${l(r.apiGroups)},Resources:${l(r.resources)},ResourceNames:${l(r.resourceNames)},NonResourceURLs:${l(r.nonResourceURLs)},}`;
}

/** `resource.group/subresource` as kubectl shows a rule's resource. */
function combineResourceGroup(resources: string[], groups: string[]): string {
  if (resources.length === 0) return '';
  const [head, sub] = splitOnce(resources[0]!);
  let out = head;
  if (groups.length && groups[0] !== '') out += `.${groups[0]}`;
  if (sub !== undefined) out += `/${sub}`;
  return out;
}

function splitOnce(s: string): [string, string | undefined] {
  const i = s.indexOf('/');
  return i === -1 ? [s, undefined] : [s.slice(0, i), s.slice(i + 1)];
}

/** The rows kubectl prints for `auth can-i --list`, in its order. */
export function listRows(rules: PolicyRule[]): { resources: string; nonResourceURLs: string[]; resourceNames: string[]; verbs: string[] }[] {
  const compact = compactRules(rules.flatMap(breakdownRule));
  const keyed = compact.map((r) => [goString(r), r] as const);
  keyed.sort((a, b) => cmp(a[0], b[0]));
  return keyed.map(([, r]) => ({ resources: combineResourceGroup(r.resources, r.apiGroups), nonResourceURLs: r.nonResourceURLs, resourceNames: r.resourceNames, verbs: r.verbs }));
}

/** The table as kubectl's tab writer aligns it (minimum width 6, padding 3; last column unpadded). */
export function formatListTable(rows: ReturnType<typeof listRows>, headers = true): string {
  const l = (xs: string[]) => `[${xs.join(' ')}]`;
  const lines: string[][] = [];
  if (headers) lines.push(['Resources', 'Non-Resource URLs', 'Resource Names', 'Verbs']);
  for (const r of rows) lines.push([r.resources, l(r.nonResourceURLs), l(r.resourceNames), l(r.verbs)]);
  const widths = [0, 1, 2].map((c) => Math.max(6, ...lines.map((line) => line[c]!.length + 3)));
  return lines.map((line) => line.map((cell, c) => (c < 3 ? cell.padEnd(widths[c]!) : cell)).join('')).join('\n') + (lines.length ? '\n' : '');
}
