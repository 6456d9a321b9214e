import { permissionRule } from '../shared.js';

export default permissionRule({
  id: "rbac-escalation-verbs",
  title: "escalate, bind or impersonate",
  clusterSeverity: 'critical',
  namespaceSeverity: 'high',
  capabilities: ['bind-clusterroles', 'bind-roles', 'escalate-clusterroles', 'escalate-roles', 'impersonate-users', 'impersonate-groups', 'impersonate-serviceaccounts', 'impersonate-uids'],
  what: "use a verb that bypasses RBAC's own limits (escalate, bind, impersonate)",
  description: "RBAC stops people from granting permissions they do not hold; bind and escalate lift that limit, and impersonate lets one act as another user, group or service account (system:masters included).",
  remediation: "Remove escalate, bind and impersonate from roles of people and workloads; when needed, limit them with resourceNames.",
});
