import type { PolicyRule } from './matcher.js';

/**
 * What the API server's validation (pkg/apis/rbac/validation: ValidatePolicyRule,
 * ValidateRoleBindingSubject, ValidateClusterRoleBinding) would reject in a role or binding.
 * The authorizer itself never looks at these fields, so Rampart still decides as written and
 * only reports: an input that `kubectl apply` would refuse is worth knowing about.
 */

/** Why the API server rejects this rule, or undefined when it is valid. */
export function ruleProblem(rule: PolicyRule, namespaced: boolean): string | undefined {
  if (rule.verbs.length === 0) return 'has no verbs';
  if (rule.nonResourceURLs.length > 0) {
    if (namespaced) return 'has nonResourceURLs, which a namespaced Role cannot hold (they never match: non-resource requests have no namespace)';
    if (rule.apiGroups.length || rule.resources.length || rule.resourceNames.length) return 'mixes nonResourceURLs with apiGroups/resources/resourceNames';
    return undefined;
  }
  if (rule.apiGroups.length === 0) return 'has no apiGroups (use [""] for the core group), so it matches no resource';
  if (rule.resources.length === 0) return 'has no resources, so it matches nothing';
  return undefined;
}

const RBAC_GROUP = 'rbac.authorization.k8s.io';

/**
 * Why the API server rejects this subject's apiGroup (after defaulting: an empty apiGroup becomes
 * rbac.authorization.k8s.io for User and Group), or undefined.
 */
export function subjectApiGroupProblem(kind: string, apiGroup: unknown): string | undefined {
  const g = typeof apiGroup === 'string' ? apiGroup : '';
  if (kind === 'ServiceAccount' && g !== '') return `apiGroup "${g}" (a ServiceAccount subject takes apiGroup "")`;
  if ((kind === 'User' || kind === 'Group') && g !== '' && g !== RBAC_GROUP) return `apiGroup "${g}" (a ${kind} subject takes ${RBAC_GROUP})`;
  return undefined;
}
