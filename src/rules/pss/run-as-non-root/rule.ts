import { definePssRule } from '../define-pss-rule.js';

export default definePssRule({
  id: 'pss-run-as-non-root',
  check: 'runAsNonRoot',
  title: "Containers are not required to run as non-root",
  severity: 'medium',
  description:
    "Without `runAsNonRoot: true` the container may run as UID 0, so a breakout starts as root. From policy v1.35 pods in their own user namespace (`hostUsers: false`) are exempt.",
  remediation: "Set `securityContext.runAsNonRoot: true` at pod level (or on every container) and run the image as a non-zero UID.",
  example: "spec:\n  securityContext:\n    runAsNonRoot: true\n    runAsUser: 10001",
});
