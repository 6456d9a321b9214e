import { definePssRule } from '../define-pss-rule.js';

export default definePssRule({
  id: 'pss-run-as-user',
  check: 'runAsUser',
  title: "Pod or container runs as UID 0",
  severity: 'medium',
  description:
    "`runAsUser: 0` runs the process as root explicitly. Checked from policy v1.23; from v1.35 pods in their own user namespace (`hostUsers: false`) are exempt.",
  remediation: "Set `runAsUser` to a non-zero UID, or remove it and let the image's non-root user apply.",
  example: "securityContext:\n  runAsUser: 10001",
});
