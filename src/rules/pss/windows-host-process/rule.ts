import { definePssRule } from '../define-pss-rule.js';

export default definePssRule({
  id: 'pss-windows-host-process',
  check: 'windowsHostProcess',
  title: "Windows pod runs as a HostProcess container",
  severity: 'critical',
  description:
    "A Windows HostProcess container runs directly on the host with the host's network and file system, the Windows equivalent of a privileged container.",
  remediation: "Remove `securityContext.windowsOptions.hostProcess: true` at pod and container level.",
  example: "securityContext:\n  windowsOptions:\n    hostProcess: false",
});
