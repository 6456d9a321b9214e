import { definePssRule } from '../define-pss-rule.js';

export default definePssRule({
  id: 'pss-proc-mount',
  check: 'procMount',
  title: "Container unmasks /proc",
  severity: 'high',
  description:
    "`procMount: Unmasked` exposes kernel interfaces under /proc that the runtime normally masks. From policy v1.35 baseline allows it for pods in their own user namespace (`hostUsers: false`).",
  remediation: "Remove `securityContext.procMount` or set it to `Default` (or run the pod with `hostUsers: false` under baseline v1.35+).",
  example: "securityContext:\n  procMount: Default",
});
