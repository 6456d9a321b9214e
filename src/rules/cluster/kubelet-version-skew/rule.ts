import { defineRule } from '../../../core/rule.js';
import { clusterInfoOf, ofKind, skipIfUnreadable, SKIPPED_MESSAGE } from '../shared/cluster-info.js';
import { maxKubeletSkew, parseKubeVersion } from '../shared/versions.js';
import { CLUSTER_READS } from '../../kinds.js';

export default defineRule({
  id: 'kubelet-version-skew',
  title: 'Kubelet version outside the supported skew',
  severity: 'medium',
  area: 'cluster',
  target: 'inventory',
  kinds: CLUSTER_READS,
  description:
    'The version skew policy allows kubelets to be at most three minor versions older than the API server (two before 1.28) and never newer. Outside it, nodes run untested combinations and usually miss security fixes that the control plane already has.',
  remediation: 'Upgrade (or replace) the node so that its kubelet is within the supported skew of the API server; upgrade the control plane first, then the nodes.',
  references: ['https://kubernetes.io/releases/version-skew-policy/#kubelet'],
  messages: {
    tooOld: 'Node {{node}} runs kubelet {{kubelet}}, {{behind}} minor versions behind the API server {{server}} (at most {{max}} are supported)',
    newer: 'Node {{node}} runs kubelet {{kubelet}}, newer than the API server {{server}} (kubelets must not be newer)',
    skipped: SKIPPED_MESSAGE,
  },
  check({ inventory, report }) {
    const info = clusterInfoOf(inventory);
    if (!info) return;
    if (skipIfUnreadable({ report }, info, ['nodes'])) return;
    const server = parseKubeVersion(info.object.serverVersion?.gitVersion);
    if (!server) return;
    const max = maxKubeletSkew(server);
    for (const node of ofKind(inventory, 'Node')) {
      const kubelet = parseKubeVersion(node.object.status?.nodeInfo?.kubeletVersion);
      if (!kubelet || kubelet.major !== server.major) continue;
      const path = ['status', 'nodeInfo', 'kubeletVersion'];
      const evidence = { kubelet: kubelet.text, server: server.text, maxSkew: max, osImage: node.object.status?.nodeInfo?.osImage, containerRuntime: node.object.status?.nodeInfo?.containerRuntimeVersion };
      const data = { node: node.name, kubelet: kubelet.text, server: server.text, max, behind: server.minor - kubelet.minor };
      if (kubelet.minor > server.minor) report('newer', data, { resource: node, path, evidence });
      else if (server.minor - kubelet.minor > max) report('tooOld', data, { resource: node, path, evidence });
    }
  },
});
