import { permissionRule } from '../shared.js';

export default permissionRule({
  id: "rbac-pv-create",
  title: "Create PersistentVolumes",
  clusterSeverity: 'high',
  namespaceSeverity: 'high',
  capabilities: ['pv-create'],
  what: "create PersistentVolumes (a hostPath volume mounts any directory of a node)",
  description: "PersistentVolumes are cluster-scoped and may be hostPath volumes: with a claim and a pod, any directory of a node (/, /etc, the container runtime socket) is mounted, whatever Pod Security says about hostPath in pods.",
  remediation: "Leave PersistentVolume creation to provisioners; give people StorageClasses and claims instead.",
});
