import { definePssRule } from '../define-pss-rule.js';

export default definePssRule({
  id: 'pss-seccomp-profile-restricted',
  check: 'seccompProfile_restricted',
  title: "Seccomp profile is not set to RuntimeDefault or Localhost",
  severity: 'medium',
  description:
    "Restricted requires a seccomp profile on every container (from the pod or the container) so that dangerous system calls are filtered. Checked from policy v1.19; Windows pods are exempt from v1.25.",
  remediation: "Set `securityContext.seccompProfile.type: RuntimeDefault` (or `Localhost`) at pod level, or on every container.",
  example: "spec:\n  securityContext:\n    seccompProfile:\n      type: RuntimeDefault",
});
