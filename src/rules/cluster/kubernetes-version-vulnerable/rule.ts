import { defineRule } from '../../../core/rule.js';
import { clusterInfoOf, ofKind, skipIfUnreadable, SKIPPED_MESSAGE } from '../shared/cluster-info.js';
import { isAffected, loadCveFeed, parseKubeVersion } from '../shared/versions.js';
import { CLUSTER_READS } from '../../kinds.js';

export default defineRule({
  id: 'kubernetes-version-vulnerable',
  title: 'Kubernetes version has known vulnerabilities',
  severity: 'high',
  area: 'cluster',
  target: 'inventory',
  kinds: CLUSTER_READS,
  description:
    'Security fixes reach a cluster only through patch releases. The API server version (and each kubelet and kube-proxy version) is compared with the Kubernetes CVEs and the first patched release of each minor line.',
  remediation: 'Upgrade the control plane (and then the nodes) to a patch release that contains the fix; managed services list them in their release calendars.',
  references: ['https://kubernetes.io/docs/reference/issues-security/official-cve-feed/', 'https://kubernetes.io/releases/patch-releases/'],
  messages: {
    vulnerable: '{{component}} {{version}} is affected by {{cve}} ({{summary}}); fixed in {{fixedIn}}',
    unknown: 'The API server version could not be read, so it was not compared with the CVE list',
    skipped: SKIPPED_MESSAGE,
  },
  check({ inventory, report }) {
    const info = clusterInfoOf(inventory);
    if (!info) return;
    const feed = loadCveFeed();
    const server = parseKubeVersion(info.object.serverVersion?.gitVersion);
    if (!server) {
      report('unknown', {}, { resource: info, status: 'skipped', path: ['serverVersion'] });
    } else {
      for (const cve of feed.entries.filter((e) => e.component === 'kube-apiserver')) {
        const r = isAffected(server, cve);
        if (!r.affected) continue;
        report(
          'vulnerable',
          { component: 'kube-apiserver', version: server.text, cve: cve.id, summary: cve.summary, fixedIn: r.fixedIn ?? 'a newer minor release' },
          { resource: info, path: ['serverVersion', 'gitVersion'], severity: cve.severity, evidence: { version: server.text, cve: cve.id, fixedIn: r.fixedIn, url: cve.url, feed: feed.source } },
        );
      }
    }
    if (skipIfUnreadable({ report }, info, ['nodes'])) return;
    for (const node of ofKind(inventory, 'Node')) {
      const nodeInfo = node.object.status?.nodeInfo ?? {};
      for (const [component, field] of [['kubelet', 'kubeletVersion'], ['kube-proxy', 'kubeProxyVersion']] as const) {
        const v = parseKubeVersion(nodeInfo[field]);
        if (!v) continue;
        for (const cve of feed.entries.filter((e) => e.component === component)) {
          const r = isAffected(v, cve);
          if (!r.affected) continue;
          report(
            'vulnerable',
            { component: `${component} on node ${node.name}`, version: v.text, cve: cve.id, summary: cve.summary, fixedIn: r.fixedIn ?? 'a newer minor release' },
            { resource: node, path: ['status', 'nodeInfo', field], severity: cve.severity, evidence: { version: v.text, cve: cve.id, fixedIn: r.fixedIn, url: cve.url, feed: feed.source } },
          );
        }
      }
    }
  },
});
