import { definePssRule } from '../define-pss-rule.js';

export default definePssRule({
  id: 'pss-selinux-options',
  check: 'seLinuxOptions',
  title: "Pod or container sets a custom SELinux user, role or type",
  severity: 'high',
  description:
    "A custom SELinux type, user or role can give a container a label that escapes the container policy (e.g. `spc_t` is unconfined).",
  remediation: "Remove `seLinuxOptions.user` and `.role`, and use only the container types (`container_t`, `container_init_t`, `container_kvm_t`, and from policy v1.31 `container_engine_t`).",
  example: "securityContext:\n  seLinuxOptions:\n    type: container_t",
});
