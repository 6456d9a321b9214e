import { permissionRule } from '../shared.js';

export default permissionRule({
  id: "rbac-workload-create",
  title: "Create or change pods or pod controllers",
  clusterSeverity: 'high',
  namespaceSeverity: 'medium',
  capabilities: ['pods-create', 'workloads-create', 'workloads-update'],
  what: "create or change pods (a pod runs with any service account of its namespace and, where Pod Security allows, with host access)",
  description: "Whoever can create a pod, or a Deployment, Job, DaemonSet... that creates one, can run it as any service account of the namespace and mount any Secret there; where Pod Security allows, the pod can be privileged and take over its node.",
  remediation: "Limit pod and controller writes to the service accounts of deployment tools; enforce Pod Security baseline or restricted in the namespace.",
});
