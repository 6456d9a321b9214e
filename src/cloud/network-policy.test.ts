import { describe, expect, it } from 'vitest';
import { imdsReachability } from './imds.js';
import { compileSelector } from './labels.js';
import { evaluateEgress, PolicyIndex, type Destination, type PodNetworkInfo } from './network-policy.js';

const IMDS: Destination = { ip: '169.254.169.254', port: 80, protocol: 'TCP' };
const IMDS6: Destination = { ip: 'fd00:ec2::254', port: 80, protocol: 'TCP' };
const pod = (labels: Record<string, string> = { app: 'web' }, extra: Partial<PodNetworkInfo> = {}): PodNetworkInfo => ({ namespace: 'app', name: 'p', labels, hostNetwork: false, ...extra });
const np = (name: string, spec: Record<string, unknown>, namespace = 'app') => ({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name, namespace }, spec });
const verdict = (policies: object[], p = pod(), dest = IMDS) => evaluateEgress(new PolicyIndex(policies as any), p, dest);

describe('NetworkPolicy egress evaluation', () => {
  it('allows everything when no policy selects the pod', () => {
    expect(verdict([]).reason).toBe('not-isolated');
    expect(verdict([np('other-ns', { podSelector: {}, policyTypes: ['Egress'] }, 'elsewhere')]).allowed).toBe(true);
  });

  it('does not isolate egress with a policy whose policyTypes is Ingress only, stated or defaulted', () => {
    const v = verdict([np('ingress-only', { podSelector: {}, policyTypes: ['Ingress'] }), np('defaulted', { podSelector: {}, ingress: [] })]);
    expect(v.reason).toBe('not-isolated');
    expect(v.explanation).toContain('ingress-only, defaulted select it for Ingress only');
  });

  it('defaults policyTypes to include Egress when egress rules exist', () => {
    const v = verdict([np('implicit', { podSelector: {}, egress: [{ to: [{ ipBlock: { cidr: '10.0.0.0/8' } }] }] })]);
    expect(v.allowed).toBe(false);
    expect(v.isolatedBy).toEqual(['implicit']);
  });

  it('treats an empty egress list without policyTypes as Ingress only (no isolation)', () => {
    expect(verdict([np('empty', { podSelector: {}, egress: [] })]).reason).toBe('not-isolated');
  });

  it('denies all egress with policyTypes Egress and no rules (default deny)', () => {
    const v = verdict([np('deny', { podSelector: {}, policyTypes: ['Egress'] })]);
    expect(v).toMatchObject({ allowed: false, reason: 'denied', isolatedBy: ['deny'] });
    expect(v.notMatched).toEqual(['deny: no egress rules (denies all egress)']);
  });

  it('selects pods by podSelector: an empty selector selects all, labels must match otherwise', () => {
    const policies = [np('deny-web', { podSelector: { matchLabels: { app: 'web' } }, policyTypes: ['Egress'] })];
    expect(verdict(policies, pod({ app: 'web' })).allowed).toBe(false);
    expect(verdict(policies, pod({ app: 'db' })).allowed).toBe(true);
    const expr = [np('expr', { podSelector: { matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['front'] }] }, policyTypes: ['Egress'] })];
    expect(verdict(expr, pod({ tier: 'back' })).allowed).toBe(false);
    expect(verdict(expr, pod({ tier: 'front' })).allowed).toBe(true);
    expect(verdict(expr, pod({})).allowed).toBe(false);
  });

  it('allows all destinations for a rule without `to`, and all ports for a rule without `ports`', () => {
    const v = verdict([np('all', { podSelector: {}, policyTypes: ['Egress'], egress: [{}] })]);
    expect(v.allowedBy).toMatchObject({ policy: 'all', rule: 0 });
    expect(v.explanation).toContain('no `to` (every destination)');
  });

  it('matches ipBlock cidr and honours except', () => {
    const open = verdict([np('open', { podSelector: {}, policyTypes: ['Egress'], egress: [{ to: [{ ipBlock: { cidr: '0.0.0.0/0' } }] }] })]);
    expect(open.allowedBy).toMatchObject({ policy: 'open', rule: 0, peer: 0 });
    const except = verdict([np('except', { podSelector: {}, policyTypes: ['Egress'], egress: [{ to: [{ ipBlock: { cidr: '0.0.0.0/0', except: ['169.254.169.254/32'] } }] }] })]);
    expect(except.allowed).toBe(false);
    expect(except.notMatched[0]).toContain('excepts 169.254.169.254/32');
    const linkLocal = verdict([np('ll', { podSelector: {}, policyTypes: ['Egress'], egress: [{ to: [{ ipBlock: { cidr: '169.254.0.0/16', except: ['169.254.170.0/24'] } }] }] })]);
    expect(linkLocal.allowed).toBe(true);
  });

  it('never matches IPv6 addresses with IPv4 blocks, nor the reverse', () => {
    const v4only = [np('v4', { podSelector: {}, policyTypes: ['Egress'], egress: [{ to: [{ ipBlock: { cidr: '0.0.0.0/0' } }] }] })];
    expect(verdict(v4only, pod(), IMDS6).allowed).toBe(false);
    const v6 = [np('v6', { podSelector: {}, policyTypes: ['Egress'], egress: [{ to: [{ ipBlock: { cidr: 'fd00:ec2::/32' } }] }] })];
    expect(verdict(v6, pod(), IMDS6).allowed).toBe(true);
    expect(verdict(v6, pod(), IMDS).allowed).toBe(false);
  });

  it('does not let podSelector or namespaceSelector peers match an address outside the pod network', () => {
    const v = verdict([np('pods', { podSelector: {}, policyTypes: ['Egress'], egress: [{ to: [{ podSelector: {} }, { namespaceSelector: {} }, { namespaceSelector: {}, podSelector: { matchLabels: { a: 'b' } } }] }] })]);
    expect(v.allowed).toBe(false);
    expect(v.notMatched[0]).toContain('to[0] selects pods only');
  });

  it('matches ports by protocol (default TCP), number, endPort range, and protocol-only entries', () => {
    const rule = (ports: object[]) => [np('p', { podSelector: {}, policyTypes: ['Egress'], egress: [{ to: [{ ipBlock: { cidr: '169.254.169.254/32' } }], ports }] })];
    expect(verdict(rule([{ port: 80 }])).allowed).toBe(true);
    expect(verdict(rule([{ port: 80, protocol: 'UDP' }])).allowed).toBe(false);
    expect(verdict(rule([{ port: 443 }])).allowed).toBe(false);
    expect(verdict(rule([{ port: 1, endPort: 1024 }])).allowed).toBe(true);
    expect(verdict(rule([{ port: 81, endPort: 1024 }])).allowed).toBe(false);
    expect(verdict(rule([{ protocol: 'TCP' }])).allowed).toBe(true);
    expect(verdict(rule([{ port: '80' }])).allowed).toBe(true);
  });

  it('never matches a named port for an address outside the pod network', () => {
    const v = verdict([np('named', { podSelector: {}, policyTypes: ['Egress'], egress: [{ ports: [{ port: 'http', protocol: 'TCP' }] }] })]);
    expect(v.allowed).toBe(false);
    expect(v.notMatched[0]).toContain('named port "http"');
  });

  it('adds policies up as a union: one allowing rule in any selecting policy is enough', () => {
    const v = verdict([
      np('deny', { podSelector: {}, policyTypes: ['Egress'] }),
      np('dns', { podSelector: {}, policyTypes: ['Egress'], egress: [{ ports: [{ port: 53, protocol: 'UDP' }] }] }),
      np('meta', { podSelector: { matchLabels: { app: 'web' } }, policyTypes: ['Egress'], egress: [{ to: [{ ipBlock: { cidr: '169.254.169.254/32' } }] }] }),
    ]);
    expect(v.allowedBy).toMatchObject({ policy: 'meta', rule: 0, peer: 0 });
    expect(v.isolatedBy).toEqual(['deny', 'dns', 'meta']);
  });

  it('lets hostNetwork pods bypass every policy', () => {
    const v = verdict([np('deny', { podSelector: {}, policyTypes: ['Egress'] })], pod({ app: 'web' }, { hostNetwork: true }));
    expect(v).toMatchObject({ allowed: true, reason: 'host-network' });
  });

  it('reports reachability of both metadata addresses', () => {
    const index = new PolicyIndex([np('v4', { podSelector: {}, policyTypes: ['Egress'], egress: [{ to: [{ ipBlock: { cidr: '0.0.0.0/0', except: ['169.254.169.254/32'] } }, { ipBlock: { cidr: '::/0' } }] }] })] as any);
    const r = imdsReachability(index, pod());
    expect(r.reachable).toBe(true);
    expect(r.verdicts.map((v) => v.verdict.allowed)).toEqual([false, true]);
  });
});

describe('label selectors', () => {
  it('ANDs matchLabels and matchExpressions and rejects malformed expressions', () => {
    const s = compileSelector({ matchLabels: { a: '1' }, matchExpressions: [{ key: 'b', operator: 'Exists' }, { key: 'c', operator: 'DoesNotExist' }] });
    expect(s({ a: '1', b: 'x' })).toBe(true);
    expect(s({ a: '1', b: 'x', c: 'y' })).toBe(false);
    expect(s({ a: '2', b: 'x' })).toBe(false);
    expect(compileSelector({ matchExpressions: [{ key: 'a', operator: 'In', values: [] }] })({ a: '' })).toBe(false);
    expect(compileSelector({})({ anything: 'x' })).toBe(true);
  });
});
