import { definePssRule } from '../define-pss-rule.js';

export default definePssRule({
  id: 'pss-host-path-volumes',
  check: 'hostPathVolumes',
  title: "Pod mounts a hostPath volume",
  severity: 'high',
  description:
    "A hostPath volume exposes the node's file system to the pod: the container runtime socket, kubelet credentials or /etc can be read or written, which usually leads to node takeover.",
  remediation: "Replace the hostPath volume with a PersistentVolumeClaim, emptyDir, configMap or secret; for node agents, exempt the namespace explicitly.",
  example: "volumes:\n  - name: data\n    persistentVolumeClaim:\n      claimName: data",
});
