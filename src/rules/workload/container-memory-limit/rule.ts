import { defineRule } from '../../../core/rule.js';
import { containerResources } from '../shared/resources.js';
import { WORKLOAD_INVENTORY_READS } from '../../kinds.js';

export default defineRule({
  id: 'container-memory-limit',
  title: 'Container has no memory limit',
  severity: 'medium',
  area: 'workload',
  target: 'inventory',
  kinds: WORKLOAD_INVENTORY_READS,
  description:
    'Memory cannot be throttled, only reclaimed by killing. A container without a memory limit can take all the memory of its node; the kernel then kills processes of other pods, and the kubelet evicts pods, so one leaking or attacked container becomes a denial of service for its neighbours. A LimitRange with a default memory limit in the same namespace (when it is part of the scan) counts as a limit.',
  remediation:
    'Set `resources.limits.memory` on every container (and `resources.requests.memory`, usually equal to it for predictable scheduling), or give the namespace a LimitRange with a default memory limit.',
  example: `containers:
  - name: web
    resources:
      requests: {cpu: 100m, memory: 256Mi}
      limits: {memory: 256Mi}`,
  references: [
    'https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/',
    'https://kubernetes.io/docs/concepts/policy/limit-range/',
    'NSA/CISA Kubernetes Hardening Guide, "Pod security" and "Resource policies" (https://media.defense.gov/2022/Aug/29/2003066362/-1/-1/0/CTR_KUBERNETES_HARDENING_GUIDANCE_1.2_20220829.PDF)',
  ],
  messages: {
    missing: 'Container "{{container}}" has no memory limit',
  },
  check({ inventory, report }) {
    for (const c of containerResources(inventory)) {
      if (c.hasLimit('memory')) continue;
      report('missing', { container: c.ref.container.name }, { resource: c.workload.resource, path: c.pathTo('limits'), evidence: { container: c.ref.container.name } });
    }
  },
});
