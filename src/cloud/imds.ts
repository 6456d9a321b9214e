import { evaluateEgress, type Destination, type EgressVerdict, type PodNetworkInfo, type PolicyIndex } from './network-policy.js';

/**
 * The instance metadata service of AWS, GCP and Azure answers on 169.254.169.254 port 80;
 * AWS Nitro instances also answer on fd00:ec2::254 when IPv6 is enabled.
 */
export const IMDS_DESTINATIONS: readonly Destination[] = [
  { ip: '169.254.169.254', port: 80, protocol: 'TCP' },
  { ip: 'fd00:ec2::254', port: 80, protocol: 'TCP' },
];

export interface ImdsReachability {
  reachable: boolean;
  verdicts: { destination: Destination; verdict: EgressVerdict }[];
}

export function imdsReachability(index: PolicyIndex, pod: PodNetworkInfo): ImdsReachability {
  const verdicts = IMDS_DESTINATIONS.map((destination) => ({ destination, verdict: evaluateEgress(index, pod, destination) }));
  return { reachable: verdicts.some((v) => v.verdict.allowed), verdicts };
}
