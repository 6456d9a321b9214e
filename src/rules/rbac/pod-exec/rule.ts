import { permissionRule } from '../shared.js';

export default permissionRule({
  id: "rbac-pod-exec",
  title: "Exec, attach or port-forward into pods",
  clusterSeverity: 'high',
  namespaceSeverity: 'medium',
  capabilities: ['pods-exec', 'pods-attach', 'pods-portforward', 'pods-ephemeral'],
  what: "run commands in or connect to running pods (pods/exec, pods/attach, pods/portforward, ephemeral containers)",
  description: "exec and attach run commands inside running containers, with their service-account tokens and mounted Secrets; port-forward reaches ports that no Service exposes.",
  remediation: "Grant pods/exec, pods/attach and pods/portforward only for break-glass access, in named namespaces, and audit their use.",
});
