import { defineRule } from '../../../core/rule.js';
import { containerResources } from '../shared/resources.js';
import { WORKLOAD_INVENTORY_READS } from '../../kinds.js';

export default defineRule({
  id: 'container-cpu-limit',
  title: 'Container has no CPU limit',
  severity: 'low',
  area: 'workload',
  target: 'inventory',
  kinds: WORKLOAD_INVENTORY_READS,
  // Off by default: a CPU limit is enforced by CFS throttling, which slows a container even while the
  // node has idle CPU and causes latency spikes; many operators deliberately set only CPU requests.
  defaultEnabled: false,
  description:
    'Without a CPU limit a container may use every idle CPU of its node. Unlike memory, CPU is compressible: the CPU request already guarantees each container its share under contention, so a missing CPU limit rarely starves neighbours. A CPU limit caps usage through CFS throttling even when the node is idle, which adds latency; whether to set one is a policy choice, hence this rule is off by default and of low severity. Enable it where a hard cap matters (multi-tenant nodes, cost control, untrusted code).',
  remediation: 'Set `resources.limits.cpu` on every container, or give the namespace a LimitRange with a default CPU limit.',
  example: `containers:
  - name: web
    resources:
      requests: {cpu: 100m, memory: 256Mi}
      limits: {cpu: "1", memory: 256Mi}`,
  references: [
    'https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/#how-pods-with-resource-limits-are-run',
    'https://kubernetes.io/docs/concepts/policy/limit-range/',
  ],
  messages: {
    missing: 'Container "{{container}}" has no CPU limit',
  },
  check({ inventory, report }) {
    for (const c of containerResources(inventory)) {
      if (c.hasLimit('cpu')) continue;
      report('missing', { container: c.ref.container.name }, { resource: c.workload.resource, path: c.pathTo('limits'), evidence: { container: c.ref.container.name } });
    }
  },
});
