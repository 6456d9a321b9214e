import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { collectManifests } from '../collectors/manifests/collect.js';
import { canI, identityFor } from './authorizer.js';
import { rbacModel } from './model.js';
import { escalationPaths } from './paths.js';
import { requestAttributes } from './query.js';

/** ../shared beside the repository (RAMPART_SHARED overrides), else /work/shared. */
function sharedDir(): string | undefined {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
  for (const dir of [process.env.RAMPART_SHARED, path.resolve(root, '../shared'), '/work/shared']) if (dir && existsSync(dir)) return dir;
  return undefined;
}

const shared = sharedDir();
const corpus = (name: string) => path.join(shared!, 'corpus/manifests', name);

describe.skipIf(!shared)('rbac on the real corpus (results reviewed in docs/rbac.md)', () => {
  if (!shared) console.warn('skipping the rbac corpus tests: ../shared (the corpus) is not present');

  it('argo-cd: un-namespaced install.yaml is read in argocd; the application controller is cluster-admin', async () => {
    const model = rbacModel(await collectManifests([corpus('argo-cd')]));
    expect(model.diagnostics.some((d) => d.code === 'rbac-implicit-namespace' && d.message.includes('"argocd"'))).toBe(true);
    const sa = identityFor('system:serviceaccount:argocd:argocd-application-controller');
    expect(canI(model, sa, requestAttributes(model, { verb: 'delete', target: 'nodes' }).attrs).allowed).toBe(true);
    const server = identityFor('system:serviceaccount:argocd:argocd-server');
    expect(canI(model, server, requestAttributes(model, { verb: 'patch', target: 'mutatingwebhookconfigurations' }).attrs).allowed).toBe(true);
    expect(canI(model, server, requestAttributes(model, { verb: 'create', target: 'pods', namespace: 'default' }).attrs).allowed).toBe(false);
    const froms = escalationPaths(model).paths.filter((p) => p.fromInput).map((p) => p.from);
    expect(froms).toContain('workload:StatefulSet/argocd/argocd-application-controller');
    expect(froms).toContain('workload:Deployment/argocd/argocd-server');
  });

  it('kube-prometheus: prometheus-operator reaches cluster-admin through a token Secret it may create and read', async () => {
    const model = rbacModel(await collectManifests([corpus('kube-prometheus')]));
    const p = escalationPaths(model).paths.find((x) => x.from === 'workload:Deployment/monitoring/prometheus-operator')!;
    expect(p.hops.map((h) => h.technique)).toEqual(['pod-token', 'token-secret-create', 'escalate']);
    const ksm = identityFor('system:serviceaccount:monitoring:kube-state-metrics');
    expect(canI(model, ksm, requestAttributes(model, { verb: 'list', target: 'secrets' }).attrs).allowed).toBe(true);
    expect(canI(model, ksm, requestAttributes(model, { verb: 'get', target: 'secrets', namespace: 'x', name: 'y' }).attrs).allowed).toBe(false);
  });

  it('kubernetes-examples: edit bound cluster-wide to groups is two hops from cluster-admin', async () => {
    const model = rbacModel(await collectManifests([corpus('kubernetes-examples')]));
    const p = escalationPaths(model).paths.find((x) => x.from === 'Group:privileged-psp-users')!;
    expect(p.hops.map((h) => h.technique)).toEqual(['token-request', 'escalate']);
  });
});
