import type { KubeObject } from '../core/types.js';
import { cidrContains, parseCidr, parseIp, type Cidr } from './cidr.js';
import { compileSelector, type Labels, type SelectorFn } from './labels.js';

/**
 * NetworkPolicy egress, evaluated as the Kubernetes API defines it (networking.k8s.io/v1):
 *
 * - A policy selects the pods of its own namespace that match `spec.podSelector` (empty: all).
 * - `policyTypes`, when absent, is `[Ingress]` plus `Egress` when `spec.egress` has rules
 *   (the API server's defaulting; manifests may not have been through it).
 * - A pod is isolated for egress only when at least one policy with `Egress` in its policyTypes
 *   selects it; otherwise all its egress is allowed.
 * - An isolated pod may send what at least one egress rule of at least one such policy allows:
 *   policies add up (a union), never subtract.
 * - A rule without `to` (or with an empty one) allows every destination; a rule without `ports`
 *   (or with an empty list) allows every port. Otherwise both a peer and a port must match.
 * - An `ipBlock` peer matches addresses in `cidr` and in none of `except`. `podSelector` and
 *   `namespaceSelector` peers select pods, so they never match an address outside the pod network.
 * - A port matches its protocol (default TCP) and number, or the range `port`..`endPort`; a port
 *   given by name resolves against the destination pod's container ports, so it matches no address
 *   outside the pod network; a port with only a protocol matches every port of that protocol.
 * - hostNetwork pods use the node's network namespace, which NetworkPolicies do not govern.
 */

export type Protocol = 'TCP' | 'UDP' | 'SCTP';

export interface Destination {
  ip: string;
  port: number;
  protocol: Protocol;
}

export interface PodNetworkInfo {
  namespace: string;
  name: string;
  labels: Labels;
  hostNetwork: boolean;
}

interface CompiledPeer {
  index: number;
  ipBlock?: { cidr: Cidr | undefined; cidrText: string; except: { cidr: Cidr | undefined; text: string }[] };
  /** A pod or namespace selector peer (matches pods only). */
  selector?: true;
  /** No field set: rejected by the API server; matches nothing here. */
  invalid?: true;
}

interface CompiledPort {
  index: number;
  protocol: string;
  port?: number;
  name?: string;
  endPort?: number;
}

interface CompiledRule {
  index: number;
  peers: CompiledPeer[] | undefined;
  ports: CompiledPort[] | undefined;
}

export interface CompiledPolicy {
  namespace: string;
  name: string;
  object: KubeObject;
  selects: SelectorFn;
  policyTypes: string[];
  /** `policyTypes` was absent and has been defaulted. */
  defaultedTypes: boolean;
  egressRules: CompiledRule[];
}

/** Which rule, peer and port let the traffic through; indexes address `spec.egress[rule].to[peer]`. */
export interface AllowedBy {
  policy: string;
  namespace: string;
  rule: number;
  peer?: number;
  port?: number;
  because: string;
}

export interface EgressVerdict {
  allowed: boolean;
  reason: 'host-network' | 'not-isolated' | 'allowed' | 'denied';
  /** Policies with Egress that select the pod. */
  isolatedBy: string[];
  allowedBy?: AllowedBy;
  /** Why each rule of the isolating policies did not match (denied verdicts). */
  notMatched: string[];
  /** One sentence for a report. */
  explanation: string;
}

export function effectivePolicyTypes(spec: KubeObject): { types: string[]; defaulted: boolean } {
  if (Array.isArray(spec.policyTypes) && spec.policyTypes.length > 0) return { types: spec.policyTypes.map(String), defaulted: false };
  const types = ['Ingress'];
  if (Array.isArray(spec.egress) && spec.egress.length > 0) types.push('Egress');
  return { types, defaulted: true };
}

export function compilePolicy(object: KubeObject): CompiledPolicy {
  const spec: KubeObject = object.spec && typeof object.spec === 'object' ? object.spec : {};
  const { types, defaulted } = effectivePolicyTypes(spec);
  const egressRules: CompiledRule[] = [];
  if (Array.isArray(spec.egress)) {
    spec.egress.forEach((rule: KubeObject, index: number) => {
      if (!rule || typeof rule !== 'object') {
        // `- {}` and `- null` both mean "allow all egress" after decoding.
        egressRules.push({ index, peers: undefined, ports: undefined });
        return;
      }
      egressRules.push({ index, peers: compilePeers(rule.to), ports: compilePorts(rule.ports) });
    });
  }
  return {
    namespace: String(object.metadata?.namespace ?? ''),
    name: String(object.metadata?.name ?? ''),
    object,
    selects: compileSelector(spec.podSelector ?? {}),
    policyTypes: types,
    defaultedTypes: defaulted,
    egressRules,
  };
}

function compilePeers(to: unknown): CompiledPeer[] | undefined {
  if (!Array.isArray(to) || to.length === 0) return undefined;
  return to.map((peer: KubeObject, index: number): CompiledPeer => {
    if (peer && typeof peer === 'object' && peer.ipBlock && typeof peer.ipBlock === 'object') {
      const cidrText = String(peer.ipBlock.cidr ?? '');
      const except = Array.isArray(peer.ipBlock.except) ? peer.ipBlock.except.map((e: unknown) => ({ cidr: parseCidr(String(e)), text: String(e) })) : [];
      return { index, ipBlock: { cidr: parseCidr(cidrText), cidrText, except } };
    }
    if (peer && typeof peer === 'object' && (peer.podSelector !== undefined || peer.namespaceSelector !== undefined)) return { index, selector: true };
    return { index, invalid: true };
  });
}

function compilePorts(ports: unknown): CompiledPort[] | undefined {
  if (!Array.isArray(ports) || ports.length === 0) return undefined;
  return ports.map((p: KubeObject, index: number): CompiledPort => {
    const protocol = typeof p?.protocol === 'string' ? p.protocol : 'TCP';
    const out: CompiledPort = { index, protocol };
    if (typeof p?.port === 'number') out.port = p.port;
    else if (typeof p?.port === 'string') {
      // An IntOrString: digits are a number (as the API decodes `"80"` in YAML), anything else a name.
      if (/^\d+$/.test(p.port)) out.port = Number(p.port);
      else out.name = p.port;
    }
    if (typeof p?.endPort === 'number' && out.port !== undefined) out.endPort = p.endPort;
    return out;
  });
}

/** Reasons kept per denied verdict: enough to explain, bounded for namespaces with hundreds of policies. */
export const MAX_REASONS = 10;

/** Policies grouped by namespace, compiled once for many pods. */
export class PolicyIndex {
  private readonly byNamespace = new Map<string, CompiledPolicy[]>();
  /** Pods of one controller share labels: their verdicts are computed once. */
  readonly verdicts = new Map<string, EgressVerdict>();

  constructor(policies: Iterable<KubeObject>) {
    for (const p of policies) {
      const c = compilePolicy(p);
      let list = this.byNamespace.get(c.namespace);
      if (!list) this.byNamespace.set(c.namespace, (list = []));
      list.push(c);
    }
  }

  policiesIn(namespace: string): readonly CompiledPolicy[] {
    return this.byNamespace.get(namespace) ?? [];
  }
}

/** Does the policy's rule set let this pod reach the destination? */
export function evaluateEgress(index: PolicyIndex, pod: PodNetworkInfo, dest: Destination): EgressVerdict {
  if (pod.hostNetwork) return computeEgress(index, pod, dest);
  const keys = Object.keys(pod.labels).sort();
  const key = `${pod.namespace}\0${dest.ip}\0${dest.port}\0${dest.protocol}\0${keys.map((k) => `${k}=${pod.labels[k]}`).join('\0')}`;
  let v = index.verdicts.get(key);
  if (!v) index.verdicts.set(key, (v = computeEgress(index, pod, dest)));
  return v;
}

function computeEgress(index: PolicyIndex, pod: PodNetworkInfo, dest: Destination): EgressVerdict {
  if (pod.hostNetwork) {
    return {
      allowed: true,
      reason: 'host-network',
      isolatedBy: [],
      notMatched: [],
      explanation: 'the pod uses the node network (hostNetwork: true), which NetworkPolicies do not govern',
    };
  }
  const ip = parseIp(dest.ip);
  const selecting = index.policiesIn(pod.namespace).filter((p) => p.policyTypes.includes('Egress') && p.selects(pod.labels));
  if (selecting.length === 0) {
    const ingressOnly = index.policiesIn(pod.namespace).filter((p) => p.selects(pod.labels)).map((p) => p.name);
    return {
      allowed: true,
      reason: 'not-isolated',
      isolatedBy: [],
      notMatched: [],
      explanation: ingressOnly.length
        ? `no NetworkPolicy with Egress in policyTypes selects the pod (${ingressOnly.join(', ')} select it for Ingress only), so all egress is allowed`
        : 'no NetworkPolicy with Egress in policyTypes selects the pod, so all egress is allowed',
    };
  }
  const notMatched: string[] = [];
  let unlisted = 0;
  const note = (text: () => string) => {
    if (notMatched.length < MAX_REASONS) notMatched.push(text());
    else unlisted++;
  };
  for (const policy of selecting) {
    if (policy.egressRules.length === 0) {
      note(() => `${policy.name}: no egress rules (denies all egress)`);
      continue;
    }
    for (const rule of policy.egressRules) {
      const where = () => `${policy.name} egress[${rule.index}]`;
      const port = matchPort(rule.ports, dest);
      if (!port.ok) {
        note(() => `${where()}: ${port.why()}`);
        continue;
      }
      const peer = matchPeer(rule.peers, ip);
      if (!peer.ok) {
        note(() => `${where()}: ${peer.why()}`);
        continue;
      }
      const because = `${where()} allows it: ${peer.why()}, ${port.why()}`;
      return {
        allowed: true,
        reason: 'allowed',
        isolatedBy: selecting.map((p) => p.name),
        allowedBy: { policy: policy.name, namespace: policy.namespace, rule: rule.index, peer: peer.index, port: port.index, because },
        notMatched,
        explanation: `NetworkPolicy ${because}`,
      };
    }
  }
  if (unlisted) notMatched.push(`and ${unlisted} more rule(s)`);
  return {
    allowed: false,
    reason: 'denied',
    isolatedBy: selecting.map((p) => p.name),
    notMatched,
    explanation: `egress is isolated by ${selecting.map((p) => p.name).join(', ')} and no rule allows ${dest.ip} port ${dest.port}/${dest.protocol} (${notMatched.join('; ')})`,
  };
}

interface Match {
  ok: boolean;
  index?: number;
  /** Built only when a message needs it: most verdicts never print most reasons. */
  why: () => string;
}

function matchPort(ports: CompiledPort[] | undefined, dest: Destination): Match {
  if (!ports) return { ok: true, why: () => 'all ports' };
  for (const p of ports) {
    if (p.protocol !== dest.protocol || p.name !== undefined) continue;
    if (p.port === undefined) return { ok: true, index: p.index, why: () => `ports[${p.index}] allows every ${p.protocol} port` };
    const end = p.endPort ?? p.port;
    if (dest.port >= p.port && dest.port <= end) {
      return { ok: true, index: p.index, why: () => (p.endPort !== undefined ? `ports[${p.index}] ${p.port}-${p.endPort}/${p.protocol}` : `ports[${p.index}] ${p.port}/${p.protocol}`) };
    }
  }
  return {
    ok: false,
    why: () =>
      `no port matches ${dest.port}/${dest.protocol} (${ports
        .map((p) =>
          p.protocol !== dest.protocol
            ? `ports[${p.index}] is ${p.protocol}`
            : p.name !== undefined
              ? `ports[${p.index}] is the named port "${p.name}", which only a destination pod can resolve`
              : `ports[${p.index}] is ${p.endPort !== undefined ? `${p.port}-${p.endPort}` : p.port}/${p.protocol}`,
        )
        .join(', ')})`,
  };
}

function peerFails(peer: CompiledPeer, ip: Uint8Array | undefined): string | undefined {
  if (peer.selector) return `to[${peer.index}] selects pods only`;
  if (peer.invalid || !peer.ipBlock) return `to[${peer.index}] sets no peer field`;
  const block = peer.ipBlock;
  if (!block.cidr || !ip) return `to[${peer.index}] ipBlock "${block.cidrText}" is not a valid CIDR`;
  if (!cidrContains(block.cidr, ip)) return `to[${peer.index}] ipBlock ${block.cidrText} does not contain it`;
  const excluded = block.except.find((e) => e.cidr && cidrContains(e.cidr, ip));
  if (excluded) return `to[${peer.index}] ipBlock ${block.cidrText} excepts ${excluded.text}`;
  return undefined;
}

function peerMatches(peer: CompiledPeer, ip: Uint8Array | undefined): boolean {
  const block = peer.ipBlock;
  if (peer.selector || peer.invalid || !block || !block.cidr || !ip || !cidrContains(block.cidr, ip)) return false;
  for (const e of block.except) if (e.cidr && cidrContains(e.cidr, ip)) return false;
  return true;
}

function matchPeer(peers: CompiledPeer[] | undefined, ip: Uint8Array | undefined): Match {
  if (!peers) return { ok: true, why: () => 'no `to` (every destination)' };
  for (const peer of peers) {
    if (!peerMatches(peer, ip)) continue;
    const block = peer.ipBlock!;
    return { ok: true, index: peer.index, why: () => `to[${peer.index}] ipBlock ${block.cidrText}${block.except.length ? ` (except ${block.except.map((e) => e.text).join(', ')})` : ''}` };
  }
  return { ok: false, why: () => peers.map((p) => peerFails(p, ip)).join(', ') };
}
