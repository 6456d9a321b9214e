import { nodeHidesIdentity, workloadIdentityOf } from '../../../cloud/identity.js';
import { detectProvider } from '../../../cloud/provider.js';
import { defineRule } from '../../../core/rule.js';
import { clusterInfoOf, ofKind, skipIfUnreadable, SKIPPED_MESSAGE } from '../../cluster/shared/cluster-info.js';
import { imdsByPod } from '../shared/pods.js';
import { CLOUD_READS } from '../../kinds.js';

export default defineRule({
  id: 'cloud-node-identity-fallback',
  title: 'Pod without workload identity falls back to the node\'s cloud identity',
  severity: 'high',
  area: 'cloud',
  target: 'inventory',
  kinds: CLOUD_READS,
  description:
    'Cloud SDKs look for credentials in a fixed order and end at the instance metadata service. A pod with no workload identity (IRSA or EKS Pod Identity on AWS, Workload Identity on GKE, Azure Workload Identity) that can reach the metadata service gets the node\'s role, which is shared by every pod on the node and usually broad (pull images, attach volumes, describe the account).',
  remediation:
    'Give the pod its own identity (eks.amazonaws.com/role-arn or a Pod Identity association, iam.gke.io/gcp-service-account, azure.workload.identity/client-id with the pod label azure.workload.identity/use: "true") and block the metadata service for it (see cloud-metadata-reachable).',
  references: [
    'https://docs.aws.amazon.com/eks/latest/userguide/iam-roles-for-service-accounts.html',
    'https://cloud.google.com/kubernetes-engine/docs/concepts/workload-identity',
    'https://azure.github.io/azure-workload-identity/docs/',
  ],
  messages: {
    fallback: 'Pod {{pod}} has no workload identity and can reach the metadata service, so cloud SDKs in it get the {{provider}} node\'s identity',
    identity: 'Pod {{pod}} uses {{mechanism}} ({{evidence}})',
    hidden: 'Pod {{pod}} runs on node {{node}} whose GKE metadata server hides the node identity',
    blocked: 'Pod {{pod}} cannot reach the metadata service, so it cannot use the node identity',
    skipped: SKIPPED_MESSAGE,
  },
  check({ inventory, report }) {
    const info = clusterInfoOf(inventory);
    if (!info) return;
    if (skipIfUnreadable({ report }, info, ['pods', 'serviceaccounts', 'networkpolicies.networking.k8s.io', 'nodes'])) return;
    const nodes = new Map(ofKind(inventory, 'Node').map((n) => [n.name, n.object]));
    const provider = detectProvider([...nodes.values()]);
    if (!['aws', 'gcp', 'azure'].includes(provider.provider)) return;
    const accounts = new Map(ofKind(inventory, 'ServiceAccount').map((sa) => [`${sa.namespace}/${sa.name}`, sa.object]));
    for (const [pod, reach] of imdsByPod(inventory)) {
      const name = `${pod.namespace}/${pod.name}`;
      const saName = pod.object.spec?.serviceAccountName ?? pod.object.spec?.serviceAccount ?? 'default';
      const identity = workloadIdentityOf(pod.object, accounts.get(`${pod.namespace}/${saName}`));
      if (identity) {
        report('identity', { pod: name, mechanism: identity.mechanism, evidence: identity.evidence }, { resource: pod, status: 'pass', evidence: { ...identity } });
        continue;
      }
      const nodeName = pod.object.spec?.nodeName;
      if (nodeHidesIdentity(nodes.get(nodeName))) {
        report('hidden', { pod: name, node: nodeName }, { resource: pod, status: 'pass' });
        continue;
      }
      if (!reach.reachable) {
        report('blocked', { pod: name }, { resource: pod, status: 'pass' });
        continue;
      }
      report('fallback', { pod: name, provider: provider.platform ?? provider.provider }, {
        resource: pod,
        path: ['spec', 'serviceAccountName'],
        evidence: { serviceAccount: `${pod.namespace}/${saName}`, node: nodeName, provider: provider.provider, imds: reach.verdicts.map((v) => v.verdict.explanation) },
      });
    }
  },
});
