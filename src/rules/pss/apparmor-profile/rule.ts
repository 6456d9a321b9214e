import { definePssRule } from '../define-pss-rule.js';

export default definePssRule({
  id: 'pss-apparmor-profile',
  check: 'appArmorProfile',
  title: "Pod or container disables or overrides AppArmor",
  severity: 'high',
  description:
    "The runtime's default AppArmor profile confines what a container can do on the host; `Unconfined` (field or the deprecated `container.apparmor.security.beta.kubernetes.io/*` annotation) removes that confinement.",
  remediation: "Use `securityContext.appArmorProfile.type: RuntimeDefault` or `Localhost`, and remove `unconfined` AppArmor annotations.",
  example: "securityContext:\n  appArmorProfile:\n    type: RuntimeDefault",
});
