import { defineRule } from '../../../core/rule.js';
import { containerResources } from '../shared/resources.js';
import { WORKLOAD_INVENTORY_READS } from '../../kinds.js';

export default defineRule({
  id: 'container-resource-requests',
  title: 'Container has no CPU or memory request',
  severity: 'low',
  area: 'workload',
  target: 'inventory',
  kinds: WORKLOAD_INVENTORY_READS,
  description:
    'The scheduler places pods by their requests, and under contention the kubelet shares CPU and evicts pods by them. A container without requests is packed onto nodes as if it used nothing, gets the smallest CPU share, and (with no request at all) makes its pod BestEffort, the first to be evicted. A request is effectively present when the container sets a limit (the API server copies it) or when a LimitRange of its namespace in the scan gives a default.',
  remediation: 'Set `resources.requests.cpu` and `resources.requests.memory` to what the container needs under normal load.',
  example: `containers:
  - name: web
    resources:
      requests: {cpu: 100m, memory: 256Mi}
      limits: {memory: 256Mi}`,
  references: [
    'https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/',
    'https://kubernetes.io/docs/concepts/workloads/pods/pod-qos/',
    'NSA/CISA Kubernetes Hardening Guide, "Resource policies" (https://media.defense.gov/2022/Aug/29/2003066362/-1/-1/0/CTR_KUBERNETES_HARDENING_GUIDANCE_1.2_20220829.PDF)',
  ],
  messages: {
    cpu: 'Container "{{container}}" has no CPU request',
    memory: 'Container "{{container}}" has no memory request',
  },
  check({ inventory, report }) {
    for (const c of containerResources(inventory)) {
      for (const name of ['cpu', 'memory'] as const) {
        if (c.hasRequest(name)) continue;
        report(name, { container: c.ref.container.name }, { resource: c.workload.resource, path: c.pathTo('requests'), evidence: { container: c.ref.container.name, resource: name } });
      }
    }
  },
});
