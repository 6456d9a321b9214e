import { definePssRule } from '../define-pss-rule.js';

export default definePssRule({
  id: 'pss-capabilities-baseline',
  check: 'capabilities_baseline',
  title: "Container adds capabilities beyond the default set",
  severity: 'high',
  description:
    "Capabilities such as SYS_ADMIN, NET_ADMIN or NET_RAW give a container powers close to root on the node (mounts, network configuration, raw packets). Baseline allows only the runtime's default set to be added.",
  remediation: "Remove capabilities outside AUDIT_WRITE, CHOWN, DAC_OVERRIDE, FOWNER, FSETID, KILL, MKNOD, NET_BIND_SERVICE, SETFCAP, SETGID, SETPCAP, SETUID and SYS_CHROOT from `securityContext.capabilities.add`.",
  example: "securityContext:\n  capabilities:\n    drop: [\"ALL\"]\n    add: [\"NET_BIND_SERVICE\"]",
});
