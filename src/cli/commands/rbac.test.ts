import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runMain } from '../../../test/helpers/run-main.js';

const fixture = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../rbac/fixtures/cluster.yaml');

const run = runMain;

describe('rampart rbac', () => {
  it('can-i answers yes with the binding and rule, exit 0', async () => {
    const r = await run('rbac', 'can-i', 'create', 'pods/exec', fixture, '--as', 'system:serviceaccount:ci:deployer', '-n', 'prod', '-f', 'json');
    expect(r.code).toBe(0);
    const a = JSON.parse(r.out);
    expect(a.allowed).toBe(true);
    expect(a.grants[0].binding).toMatchObject({ kind: 'RoleBinding', name: 'ci-deploy', namespace: 'prod', file: fixture });
    expect(a.grants[0].ruleIndex).toBe(1);
  });
  it('can-i answers no with exit 1, in another namespace or for a subresource it lacks', async () => {
    expect((await run('rbac', 'can-i', 'create', 'pods/exec', fixture, '--as', 'system:serviceaccount:ci:deployer', '-n', 'dev')).code).toBe(1);
    const r = await run('rbac', 'can-i', 'get', 'pods/log', fixture, '--as', 'system:serviceaccount:ci:deployer', '-n', 'prod');
    expect(r.code).toBe(1);
    expect(r.out.split('\n')[0]).toBe('no');
  });
  it('who-can lists each subject with its binding, built-in ones marked', async () => {
    const r = await run('rbac', 'who-can', 'get', 'secrets', fixture, '-n', 'payments', '-f', 'json');
    const a = JSON.parse(r.out);
    const subjects = a.subjects.map((s: any) => `${s.subject.kind}:${s.subject.name}:${s.binding.name}`);
    expect(subjects).toEqual([
      'Group:payments-team:payments-edit',
      'Group:system:masters:cluster-admin',
      'ServiceAccount:generic-garbage-collector:system:controller:generic-garbage-collector',
      'ServiceAccount:namespace-controller:system:controller:namespace-controller',
      'ServiceAccount:release:release-admin',
      'User:system:kube-controller-manager:system:kube-controller-manager',
    ]);
    expect(a.subjects[0].aggregatedFrom).toMatchObject({ name: 'system:aggregate-to-edit', builtin: true });
  });
  it('--no-bootstrap drops the built-in roles: bindings to edit and cluster-admin grant nothing', async () => {
    const r = await run('rbac', 'who-can', 'get', 'secrets', fixture, '-n', 'payments', '-f', 'json', '--no-bootstrap');
    expect(JSON.parse(r.out).subjects).toEqual([]);
  });
  it('permissions lists the grants by scope', async () => {
    const r = await run('rbac', 'permissions', 'system:serviceaccount:ci:deployer', fixture);
    expect(r.out).toContain('cluster-wide (every namespace):');
    expect(r.out).toContain('namespace prod:');
    expect(r.out).toContain('RoleBinding prod/ci-deploy');
  });
  it('paths finds the deployer → release service account → cluster-admin path, PSA restricted notwithstanding', async () => {
    const r = await run('rbac', 'paths', fixture, '--from', 'system:serviceaccount:ci:deployer', '-f', 'json');
    const p = JSON.parse(r.out).paths[0];
    expect(p.hops.map((h: any) => h.technique)).toEqual(['workloads-create', 'pod-service-account', 'wildcard-grant']);
  });
  it('a missing input is an input error (exit 2), not a crash', async () => {
    const r = await run('rbac', 'who-can', 'get', 'pods', '/nonexistent/rbac.yaml');
    expect(r.code).toBe(2);
    expect(r.err).toContain('no such file');
  });
});
