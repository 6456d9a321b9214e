import { defineRule } from '../../../core/rule.js';
import { isObject } from '../../../core/workload.js';

export default defineRule({
  id: 'container-host-port',
  title: 'Container binds a port on the node',
  severity: 'medium',
  area: 'workload',
  target: 'container',
  description:
    'A `hostPort` opens the port on the node\'s own addresses, outside Services and often outside NetworkPolicies (CNI plugins implement hostPort with node-level NAT that many policy engines do not see). It exposes the container to anything that can reach the node, ties the pod to nodes where the port is free, and lets a pod capture traffic meant for a node service. The Pod Security baseline level forbids it, but only in namespaces that enforce baseline; this rule reports it whatever the namespace enforces.',
  remediation: 'Remove `hostPort` and expose the container through a Service (ClusterIP, NodePort or LoadBalancer) or an Ingress.',
  example: `ports:
  - containerPort: 8080   # no hostPort; add a Service that selects the pod`,
  references: [
    'https://kubernetes.io/docs/concepts/configuration/overview/#services',
    'https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline',
    'NSA/CISA Kubernetes Hardening Guide, "Network separation and hardening" (https://media.defense.gov/2022/Aug/29/2003066362/-1/-1/0/CTR_KUBERNETES_HARDENING_GUIDANCE_1.2_20220829.PDF)',
  ],
  messages: {
    hostPort: 'Container "{{container}}" binds host port {{hostPort}} on the node',
  },
  check({ container, report }) {
    if (!Array.isArray(container.ports)) return;
    container.ports.forEach((port: unknown, i: number) => {
      if (!isObject(port)) return;
      const hostPort = port.hostPort;
      // 0 and absent both mean "no host port".
      if (hostPort === undefined || hostPort === null || hostPort === 0 || hostPort === '0') return;
      report(
        'hostPort',
        { container: container.name, hostPort },
        { path: ['ports', i, 'hostPort'], evidence: { container: container.name, hostPort, containerPort: port.containerPort, protocol: port.protocol ?? 'TCP' } },
      );
    });
  },
});
