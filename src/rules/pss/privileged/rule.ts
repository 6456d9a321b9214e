import { definePssRule } from '../define-pss-rule.js';

export default definePssRule({
  id: 'pss-privileged',
  check: 'privileged',
  title: "Container runs privileged",
  severity: 'critical',
  description:
    "A privileged container has every capability and all host devices, and no seccomp or AppArmor confinement: a compromise of it is a compromise of the node.",
  remediation: "Remove `securityContext.privileged: true`; grant only the specific capability the container needs.",
  example: "containers:\n  - name: app\n    securityContext:\n      privileged: false",
});
