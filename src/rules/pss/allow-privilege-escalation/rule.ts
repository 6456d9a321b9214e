import { definePssRule } from '../define-pss-rule.js';

export default definePssRule({
  id: 'pss-allow-privilege-escalation',
  check: 'allowPrivilegeEscalation',
  title: "Container may escalate privileges",
  severity: 'medium',
  description:
    "Unless `allowPrivilegeEscalation` is false, a process can gain more privileges than its parent through set-user-ID binaries or file capabilities. Windows pods (`spec.os.name: windows`) are exempt from policy v1.25.",
  remediation: "Set `securityContext.allowPrivilegeEscalation: false` on every container, init container and ephemeral container.",
  example: "securityContext:\n  allowPrivilegeEscalation: false",
});
