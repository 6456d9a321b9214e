import { definePssRule } from '../define-pss-rule.js';

export default definePssRule({
  id: 'pss-seccomp-profile-baseline',
  check: 'seccompProfile_baseline',
  title: "Pod or container disables seccomp",
  severity: 'high',
  description:
    "A seccomp profile filters the system calls a container may make; `Unconfined` (or, before policy v1.19, an `unconfined` seccomp annotation) exposes the whole kernel system-call surface.",
  remediation: "Set `seccompProfile.type` to `RuntimeDefault` or `Localhost`, and remove `unconfined` seccomp annotations.",
  example: "securityContext:\n  seccompProfile:\n    type: RuntimeDefault",
});
