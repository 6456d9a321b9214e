import { detectProvider } from '../../../cloud/provider.js';
import { defineRule } from '../../../core/rule.js';
import { clusterInfoOf, ofKind, skipIfUnreadable, SKIPPED_MESSAGE } from '../../cluster/shared/cluster-info.js';
import { CLOUD_READS } from '../../kinds.js';

export default defineRule({
  id: 'cloud-provider-detected',
  title: 'Cloud provider of the cluster',
  severity: 'info',
  area: 'cloud',
  target: 'inventory',
  kinds: CLOUD_READS,
  description: 'Which cloud the cluster runs in, read from the nodes\' providerID and the labels managed services set. It decides which metadata service and workload identity apply; it is recorded, not judged.',
  remediation: 'Nothing to fix; this records the provider the cloud checks assumed.',
  messages: {
    detected: 'The cluster runs on {{provider}} ({{platform}}), from {{fields}}',
    none: 'No cloud provider was detected from the nodes (no providerID or provider labels)',
    skipped: SKIPPED_MESSAGE,
  },
  check({ inventory, report }) {
    const info = clusterInfoOf(inventory);
    if (!info) return;
    if (skipIfUnreadable({ report }, info, ['nodes'])) return;
    const d = detectProvider(ofKind(inventory, 'Node').map((n) => n.object));
    if (d.provider === 'none') {
      report('none', {}, { resource: info, status: 'pass', evidence: { provider: 'none' } });
      return;
    }
    report('detected', { provider: d.provider, platform: d.platform ?? d.provider, fields: [...new Set(d.evidence.map((e) => e.field))].join(', ') }, {
      resource: info,
      status: 'pass',
      evidence: { provider: d.provider, platform: d.platform, nodes: d.evidence },
    });
  },
});
