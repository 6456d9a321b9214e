import { definePssRule } from '../define-pss-rule.js';

export default definePssRule({
  id: 'pss-restricted-volumes',
  check: 'restrictedVolumes',
  title: "Pod uses a volume type restricted policy does not allow",
  severity: 'medium',
  description:
    "The restricted level allows only configMap, csi, downwardAPI, emptyDir, ephemeral, image, persistentVolumeClaim, projected and secret volumes; other inline sources (hostPath, nfs, iscsi, ...) reach outside the pod's storage abstraction.",
  remediation: "Replace the inline volume source with a PersistentVolumeClaim (backed by a PersistentVolume of that type) or an allowed source.",
  example: "volumes:\n  - name: data\n    persistentVolumeClaim:\n      claimName: data",
});
