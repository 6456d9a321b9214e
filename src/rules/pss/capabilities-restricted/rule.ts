import { definePssRule } from '../define-pss-rule.js';

export default definePssRule({
  id: 'pss-capabilities-restricted',
  check: 'capabilities_restricted',
  title: "Container does not drop ALL capabilities",
  severity: 'medium',
  description:
    "Restricted requires every container to drop all Linux capabilities and add back at most NET_BIND_SERVICE. Checked from policy v1.22; Windows pods are exempt from v1.25.",
  remediation: "Set `securityContext.capabilities.drop: [\"ALL\"]` on every container and add only `NET_BIND_SERVICE` if needed.",
  example: "securityContext:\n  capabilities:\n    drop: [\"ALL\"]",
});
