import { definePssRule } from '../define-pss-rule.js';

export default definePssRule({
  id: 'pss-host-probes-and-host-lifecycle',
  check: 'hostProbesAndHostLifecycle',
  title: "Probe or lifecycle hook targets another host",
  severity: 'high',
  description:
    "The kubelet runs probes and lifecycle hooks from the node; a `host` in an httpGet or tcpSocket handler makes the kubelet connect to any address, which can be abused to reach node-local or internal services (SSRF). Checked from policy v1.34.",
  remediation: "Remove `host` from httpGet and tcpSocket probes and lifecycle handlers so that they target the pod's own IP.",
  example: "livenessProbe:\n  httpGet:\n    path: /healthz\n    port: 8080      # no host",
});
