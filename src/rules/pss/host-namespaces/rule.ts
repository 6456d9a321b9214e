import { definePssRule } from '../define-pss-rule.js';

export default definePssRule({
  id: 'pss-host-namespaces',
  check: 'hostNamespaces',
  title: "Pod shares the host's network, PID or IPC namespace",
  severity: 'high',
  description:
    "A pod with `hostNetwork`, `hostPID` or `hostIPC` sees the node's network interfaces, processes or shared memory: it can sniff traffic of other pods, signal or inspect host processes, and bind node ports.",
  remediation: "Remove `hostNetwork`, `hostPID` and `hostIPC` (or set them to false). Expose ports through a Service instead of the host network.",
  example: "spec:\n  hostNetwork: false\n  hostPID: false\n  hostIPC: false",
});
