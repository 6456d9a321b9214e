import { definePssRule } from '../define-pss-rule.js';

export default definePssRule({
  id: 'pss-proc-mount-restricted',
  check: 'procMount_restricted',
  title: "Container unmasks /proc (restricted)",
  severity: 'medium',
  description:
    "From policy v1.35 baseline allows `procMount: Unmasked` for pods with `hostUsers: false`; restricted still forbids any procMount but `Default`.",
  remediation: "Remove `securityContext.procMount` or set it to `Default`.",
  example: "securityContext:\n  procMount: Default",
});
