import { permissionRule } from '../shared.js';

export default permissionRule({
  id: "rbac-token-create",
  title: "Create service-account tokens",
  clusterSeverity: 'critical',
  namespaceSeverity: 'high',
  capabilities: ['sa-token-create'],
  what: "create tokens for service accounts (serviceaccounts/token), i.e. act as them",
  description: "The TokenRequest API issues a token for a service account to whoever may create serviceaccounts/token: the caller becomes that account.",
  remediation: "Remove create on serviceaccounts/token, or limit it with resourceNames to the accounts that must be delegated.",
});
