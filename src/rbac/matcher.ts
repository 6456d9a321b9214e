/**
 * The RBAC authorizer's matching rules, field by field as the API server applies them
 * (upstream pkg/apis/rbac/v1/evaluation_helpers.go and plugin/pkg/auth/authorizer/rbac/rbac.go):
 * literal string comparison, `*` in a field matches everything in that field, `*\/sub` matches a
 * subresource of any resource, resourceNames restrict only when non-empty, and a non-resource URL
 * ending in `*` matches by prefix (all trailing `*` removed).
 */

export interface PolicyRule {
  verbs: string[];
  apiGroups: string[];
  resources: string[];
  resourceNames: string[];
  nonResourceURLs: string[];
}

/** A request as the authorizer sees it (authorizer.Attributes). */
export interface RequestAttributes {
  verb: string;
  /** Resource requests: set. Non-resource requests (`path`): absent. */
  resource?: string;
  subresource?: string;
  apiGroup?: string;
  name?: string;
  /** Empty or absent for cluster-scoped requests and requests across all namespaces. */
  namespace?: string;
  /** Non-resource URL path, e.g. `/healthz`. Set only for non-resource requests. */
  path?: string;
}

export const ALL = '*';

export function verbMatches(rule: PolicyRule, verb: string): boolean {
  for (const v of rule.verbs) if (v === ALL || v === verb) return true;
  return false;
}

export function apiGroupMatches(rule: PolicyRule, group: string): boolean {
  for (const g of rule.apiGroups) if (g === ALL || g === group) return true;
  return false;
}

/**
 * `combined` is `resource` or `resource/subresource`. A rule entry `*\/x` matches subresource `x`
 * of every resource; `pods` does not match `pods/exec`, and `pods/*` is not a wildcard (it matches
 * only a subresource literally named `*`).
 */
export function resourceMatches(rule: PolicyRule, combined: string, subresource: string): boolean {
  for (const r of rule.resources) {
    if (r === ALL) return true;
    if (r === combined) return true;
    if (subresource === '') continue;
    if (r.length === subresource.length + 2 && r.startsWith('*/') && r.endsWith(subresource)) return true;
  }
  return false;
}

export function resourceNameMatches(rule: PolicyRule, name: string): boolean {
  if (rule.resourceNames.length === 0) return true;
  for (const n of rule.resourceNames) if (n === name) return true;
  return false;
}

export function nonResourceURLMatches(rule: PolicyRule, path: string): boolean {
  for (const u of rule.nonResourceURLs) {
    if (u === ALL) return true;
    if (u === path) return true;
    // Upstream trims every trailing `*` (strings.TrimRight), so `/api**` is the prefix `/api`.
    if (u.endsWith('*') && path.startsWith(u.replace(/\*+$/, ''))) return true;
  }
  return false;
}

export function combinedResource(attrs: RequestAttributes): string {
  return attrs.subresource ? `${attrs.resource}/${attrs.subresource}` : (attrs.resource ?? '');
}

export function isResourceRequest(attrs: RequestAttributes): boolean {
  return attrs.path === undefined;
}

/** True when this one rule allows the request (rbac.RuleAllows). */
export function ruleAllows(rule: PolicyRule, attrs: RequestAttributes): boolean {
  if (isResourceRequest(attrs)) {
    return (
      verbMatches(rule, attrs.verb) &&
      apiGroupMatches(rule, attrs.apiGroup ?? '') &&
      resourceMatches(rule, combinedResource(attrs), attrs.subresource ?? '') &&
      resourceNameMatches(rule, attrs.name ?? '')
    );
  }
  return verbMatches(rule, attrs.verb) && nonResourceURLMatches(rule, attrs.path ?? '');
}

const keyCache = new WeakMap<PolicyRule, string>();

/** A string equal for semantically equal rules (field by field, order kept), for de-duplication. */
export function ruleKey(rule: PolicyRule): string {
  let k = keyCache.get(rule);
  if (k === undefined) {
    k = JSON.stringify([rule.verbs, rule.apiGroups, rule.resources, rule.resourceNames, rule.nonResourceURLs]);
    keyCache.set(rule, k);
  }
  return k;
}

/** Semantic equality of two rules, as the aggregation controller de-duplicates them. */
export function sameRule(a: PolicyRule, b: PolicyRule): boolean {
  const eq = (x: string[], y: string[]) => x.length === y.length && x.every((v, i) => v === y[i]);
  return eq(a.verbs, b.verbs) && eq(a.apiGroups, b.apiGroups) && eq(a.resources, b.resources) && eq(a.resourceNames, b.resourceNames) && eq(a.nonResourceURLs, b.nonResourceURLs);
}

export function formatRule(rule: PolicyRule): string {
  const list = (xs: string[]) => `[${xs.map((x) => (x === '' ? '""' : x)).join(',')}]`;
  const parts: string[] = [];
  if (rule.nonResourceURLs.length) parts.push(`nonResourceURLs=${list(rule.nonResourceURLs)}`);
  if (rule.apiGroups.length || rule.resources.length) parts.push(`apiGroups=${list(rule.apiGroups)}`, `resources=${list(rule.resources)}`);
  if (rule.resourceNames.length) parts.push(`resourceNames=${list(rule.resourceNames)}`);
  parts.push(`verbs=${list(rule.verbs)}`);
  return parts.join(' ');
}
