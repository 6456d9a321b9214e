import { permissionRule } from '../shared.js';

export default permissionRule({
  id: "rbac-secrets-read",
  title: "Read access to Secrets",
  clusterSeverity: 'high',
  namespaceSeverity: 'medium',
  capabilities: ['secrets-read', 'secrets-list'],
  // get on named Secrets is a deliberate, narrow grant.
  accept: (cap) => cap.names === '*',
  what: "read Secrets (every Secret of the scope, including service-account tokens and credentials)",
  description: "Secrets hold credentials; reading them is reading every password, token and key of the scope, and legacy service-account token Secrets are identities one can use directly. list and watch return the full Secret data, not only names.",
  remediation: "Grant get on named Secrets (resourceNames) only; avoid list/watch on Secrets, and cluster-wide grants in particular.",
});
