import { definePssRule } from '../define-pss-rule.js';

export default definePssRule({
  id: 'pss-host-ports',
  check: 'hostPorts',
  title: "Container binds a host port",
  severity: 'high',
  description:
    "A hostPort binds the port on the node's interfaces, bypassing network policies and Service routing, and limits scheduling to one such pod per node.",
  remediation: "Remove `hostPort` from the container ports (or set it to 0) and expose the port through a Service.",
  example: "ports:\n  - containerPort: 8080   # no hostPort",
});
