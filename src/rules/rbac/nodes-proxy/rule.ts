import { permissionRule } from '../shared.js';

export default permissionRule({
  id: "rbac-nodes-proxy",
  title: "Access to the kubelet API through nodes/proxy",
  clusterSeverity: 'critical',
  namespaceSeverity: 'high',
  capabilities: ['nodes-proxy'],
  what: "reach the kubelet API of nodes (nodes/proxy), which runs commands in any pod of the node",
  description: "nodes/proxy sends requests through the API server to each kubelet, whose API can run commands in every container of the node (exec, run), bypassing pod-level RBAC and audit.",
  remediation: "Grant nodes/proxy to monitoring only through nodes/metrics and nodes/stats, and never to people.",
});
