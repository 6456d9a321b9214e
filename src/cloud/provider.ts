import type { KubeObject } from '../core/types.js';

export type CloudProvider = 'aws' | 'gcp' | 'azure' | 'other' | 'none';

export interface ProviderDetection {
  provider: CloudProvider;
  /** The providerID scheme (`aws`, `gce`, `azure`, `kind`, ...) or the distribution it points to. */
  platform?: string;
  /** Which node fields say so. */
  evidence: { node: string; field: string; value: string }[];
}

const SCHEMES: Record<string, { provider: CloudProvider; platform: string }> = {
  aws: { provider: 'aws', platform: 'aws' },
  gce: { provider: 'gcp', platform: 'gce' },
  azure: { provider: 'azure', platform: 'azure' },
};

const LABELS: { label: string; provider: CloudProvider; platform: string }[] = [
  { label: 'eks.amazonaws.com/nodegroup', provider: 'aws', platform: 'eks' },
  { label: 'eks.amazonaws.com/compute-type', provider: 'aws', platform: 'eks' },
  { label: 'cloud.google.com/gke-nodepool', provider: 'gcp', platform: 'gke' },
  { label: 'kubernetes.azure.com/cluster', provider: 'azure', platform: 'aks' },
  { label: 'kubernetes.azure.com/agentpool', provider: 'azure', platform: 'aks' },
];

/**
 * The cloud a cluster runs in, from its Nodes: `spec.providerID` (`aws:///eu-west-1a/i-…`,
 * `gce://project/zone/name`, `azure:///subscriptions/…`) and the labels managed services put on nodes.
 */
export function detectProvider(nodes: readonly KubeObject[]): ProviderDetection {
  const evidence: ProviderDetection['evidence'] = [];
  const votes = new Map<string, { provider: CloudProvider; platform: string; n: number }>();
  const vote = (provider: CloudProvider, platform: string) => {
    const key = `${provider}/${platform}`;
    const v = votes.get(key) ?? { provider, platform, n: 0 };
    v.n++;
    votes.set(key, v);
  };
  for (const node of nodes) {
    const name = String(node.metadata?.name ?? '');
    const id = node.spec?.providerID;
    if (typeof id === 'string' && id.includes('://')) {
      const scheme = id.slice(0, id.indexOf('://'));
      const known = SCHEMES[scheme];
      evidence.push({ node: name, field: 'spec.providerID', value: `${scheme}://…` });
      if (known) vote(known.provider, known.platform);
      else vote('other', scheme);
    }
    const labels = node.metadata?.labels ?? {};
    for (const l of LABELS) {
      if (typeof labels[l.label] === 'string') {
        evidence.push({ node: name, field: `metadata.labels["${l.label}"]`, value: labels[l.label] });
        vote(l.provider, l.platform);
      }
    }
  }
  if (votes.size === 0) return { provider: 'none', evidence };
  // A managed platform (eks, gke, aks) says more than the bare cloud; prefer it when both agree.
  const ranked = [...votes.values()].sort((a, b) => (a.provider === 'other' ? 1 : 0) - (b.provider === 'other' ? 1 : 0) || b.n - a.n);
  const top = ranked[0]!;
  const managed = ranked.find((v) => v.provider === top.provider && ['eks', 'gke', 'aks'].includes(v.platform));
  return { provider: top.provider, platform: (managed ?? top).platform, evidence: evidence.slice(0, 10) };
}
