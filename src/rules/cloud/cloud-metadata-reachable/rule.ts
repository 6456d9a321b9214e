import { detectProvider } from '../../../cloud/provider.js';
import { defineRule } from '../../../core/rule.js';
import { clusterInfoOf, ofKind, skipIfUnreadable, SKIPPED_MESSAGE } from '../../cluster/shared/cluster-info.js';
import { imdsByPod } from '../shared/pods.js';
import { CLOUD_READS } from '../../kinds.js';

export default defineRule({
  id: 'cloud-metadata-reachable',
  title: 'Pod can reach the cloud instance metadata service',
  severity: 'medium',
  area: 'cloud',
  target: 'inventory',
  kinds: CLOUD_READS,
  description:
    'The instance metadata service (169.254.169.254, and fd00:ec2::254 on AWS) hands out the node\'s cloud credentials and bootstrap data to whoever asks from the node. A pod that can reach it can often act as the node in the cloud account. Each pod is judged by evaluating the NetworkPolicies that select it exactly as Kubernetes does; hostNetwork pods bypass NetworkPolicies.',
  remediation:
    'Add an egress policy that isolates the pods and allows 0.0.0.0/0 except 169.254.169.254/32 (and ::/0 except fd00:ec2::254/128), or block the address at the node (IMDSv2 with hop limit 1 on AWS, GKE metadata server, Azure IMDS restrictions). Give pods cloud access through workload identity instead.',
  example:
    'spec:\n  podSelector: {}\n  policyTypes: [Egress]\n  egress:\n    - to:\n        - ipBlock: {cidr: 0.0.0.0/0, except: [169.254.169.254/32]}\n        - ipBlock: {cidr: "::/0", except: ["fd00:ec2::254/128"]}',
  references: ['https://kubernetes.io/docs/concepts/services-networking/network-policies/', 'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/configuring-IMDS-existing-instances.html'],
  messages: {
    reachable: 'Pod {{pod}} can reach the instance metadata service{{provider}}: {{why}}',
    blocked: 'Pod {{pod}} cannot reach the instance metadata service: {{why}}',
    skipped: SKIPPED_MESSAGE,
  },
  check({ inventory, report }) {
    const info = clusterInfoOf(inventory);
    if (!info) return;
    if (skipIfUnreadable({ report }, info, ['pods', 'networkpolicies.networking.k8s.io'])) return;
    const provider = detectProvider(ofKind(inventory, 'Node').map((n) => n.object));
    const providerText = provider.provider === 'none' || provider.provider === 'other' ? '' : ` (${provider.platform ?? provider.provider})`;
    for (const [pod, reach] of imdsByPod(inventory)) {
      const evidence = {
        hostNetwork: pod.object.spec?.hostNetwork === true,
        destinations: reach.verdicts.map((v) => ({
          address: `${v.destination.ip}:${v.destination.port}/${v.destination.protocol}`,
          reachable: v.verdict.allowed,
          reason: v.verdict.reason,
          isolatedBy: v.verdict.isolatedBy,
          allowedBy: v.verdict.allowedBy,
          explanation: v.verdict.explanation,
        })),
        provider: provider.provider,
      };
      if (reach.reachable) {
        const first = reach.verdicts.find((v) => v.verdict.allowed)!;
        report('reachable', { pod: `${pod.namespace}/${pod.name}`, provider: providerText, why: first.verdict.explanation }, {
          resource: pod,
          path: first.verdict.reason === 'host-network' ? ['spec', 'hostNetwork'] : undefined,
          severity: first.verdict.reason === 'host-network' ? 'high' : undefined,
          evidence,
        });
      } else {
        report('blocked', { pod: `${pod.namespace}/${pod.name}`, why: reach.verdicts[0]!.verdict.explanation }, { resource: pod, status: 'pass', evidence });
      }
    }
  },
});
