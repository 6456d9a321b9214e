import { defineRule } from '../../../core/rule.js';

export default defineRule({
  id: 'service-exposed-externally',
  title: 'Service exposed outside the cluster (LoadBalancer or NodePort)',
  severity: 'low',
  area: 'cluster',
  target: 'resource',
  kinds: ['Service'],
  description:
    'LoadBalancer and NodePort Services open ports outside the cluster network: on a cloud load balancer, and on every node. This is the exposure inventory: each one should be intended, and a LoadBalancer without loadBalancerSourceRanges is open to every address the load balancer can be reached from.',
  remediation: 'Keep Services ClusterIP behind an Ingress or Gateway where possible; restrict LoadBalancers with loadBalancerSourceRanges (or an internal load balancer annotation); avoid NodePort outside test clusters.',
  references: ['https://kubernetes.io/docs/concepts/services-networking/service/#publishing-services-service-types'],
  messages: {
    loadBalancer: 'Service {{name}} is a LoadBalancer on port(s) {{ports}}{{open}}',
    nodePort: 'Service {{name}} opens NodePort(s) {{ports}} on every node',
  },
  check({ resource, object, report }) {
    const spec = object.spec ?? {};
    const ports: any[] = Array.isArray(spec.ports) ? spec.ports : [];
    if (spec.type === 'LoadBalancer') {
      const ranges: string[] = Array.isArray(spec.loadBalancerSourceRanges) ? spec.loadBalancerSourceRanges : [];
      const open = ranges.length === 0 || ranges.some((r) => r === '0.0.0.0/0' || r === '::/0');
      report(
        'loadBalancer',
        { name: resource.name, ports: ports.map((p) => `${p.port}/${p.protocol ?? 'TCP'}`).join(', ') || '(none)', open: open ? ', reachable from any address (no loadBalancerSourceRanges)' : ` from ${ranges.join(', ')}` },
        {
          path: ['spec', 'type'],
          status: open ? 'fail' : 'warn',
          evidence: { type: 'LoadBalancer', ports: ports.map((p) => ({ port: p.port, protocol: p.protocol ?? 'TCP', nodePort: p.nodePort })), loadBalancerSourceRanges: ranges, ingress: object.status?.loadBalancer?.ingress },
        },
      );
    } else if (spec.type === 'NodePort') {
      report('nodePort', { name: resource.name, ports: ports.map((p) => `${p.nodePort ?? '(auto)'}/${p.protocol ?? 'TCP'}`).join(', ') }, {
        path: ['spec', 'type'],
        status: 'warn',
        evidence: { type: 'NodePort', ports: ports.map((p) => ({ port: p.port, nodePort: p.nodePort, protocol: p.protocol ?? 'TCP' })) },
      });
    }
  },
});
