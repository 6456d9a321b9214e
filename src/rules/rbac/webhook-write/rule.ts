import { permissionRule } from '../shared.js';

export default permissionRule({
  id: "rbac-webhook-write",
  title: "Write admission webhook configurations",
  clusterSeverity: 'critical',
  namespaceSeverity: 'critical',
  capabilities: ['mutating-webhooks-write', 'validating-webhooks-write'],
  what: "create or change admission webhook configurations (mutating: rewrite any object the API server admits; validating: see and block them)",
  description: "A mutating webhook can rewrite every pod, role or binding that is created; a validating webhook receives every object, Secrets included, and can block the cluster's own controllers.",
  remediation: "Let only the operator that owns a webhook update its own configuration (resourceNames), and nobody create new ones.",
});
