import { definePssRule } from '../define-pss-rule.js';

export default definePssRule({
  id: 'pss-sysctls',
  check: 'sysctls',
  title: "Pod sets an unsafe sysctl",
  severity: 'high',
  description:
    "Sysctls outside the safe, namespaced set change kernel behaviour for the whole node or other pods. The safe set grows with the policy version (v1.27, v1.29, v1.32, v1.37).",
  remediation: "Remove sysctls that are not in the safe list of your policy version, or set them on the node.",
  example: "securityContext:\n  sysctls:\n    - name: net.ipv4.ip_local_port_range\n      value: \"1024 65535\"",
});
