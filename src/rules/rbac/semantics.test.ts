import { dump } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { addSource, emptyInventory } from '../../collectors/manifests/collect.js';
import { evaluate } from '../../core/engine.js';
import { bootstrapResources } from '../../rbac/bootstrap.js';
import { deployment, ruleTester } from '../../testing/vitest.js';
import { runCase } from '../../testing/rule-tester.js';
import { clusterRole, crb, group, rb, role, rule as r, sa, serviceAccount, user } from './fixtures/index.js';
import clusterAdminBinding from './cluster-admin-binding/rule.js';
import danglingBinding from './dangling-binding/rule.js';
import escalationPath from './escalation-path/rule.js';
import escalationVerbs from './escalation-verbs/rule.js';
import nodesProxy from './nodes-proxy/rule.js';
import pvCreate from './pv-create/rule.js';
import secretsRead from './secrets-read/rule.js';
import unusedRole from './unused-role/rule.js';
import webhookWrite from './webhook-write/rule.js';
import { rbacRules } from './index.js';
import wildcardRule from './wildcard-rule/rule.js';
import workloadCreate from './workload-create/rule.js';

/** Cross-cutting semantics of the rbac rules, each on the rule where it shows. */

const WEBHOOKS = 'admissionregistration.k8s.io';
const defaults = { 'kubernetes.io/bootstrapping': 'rbac-defaults' };

describe('a RoleBinding grants nothing on cluster-scoped resources, even through a ClusterRole that names them', () => {
  ruleTester.run(nodesProxy, {
    valid: [{ input: clusterRole('x', [r([''], ['nodes/proxy'], ['get'])]), with: [rb('team', 'b', 'ClusterRole', 'x', [user('u')])] }],
    invalid: [{ input: clusterRole('x', [r([''], ['nodes/proxy'], ['get'])]), with: [rb('team', 'b', 'ClusterRole', 'x', [user('u')]), crb('c', 'x', [user('v')])], errors: [{ messageId: 'role', message: 'subjects of ClusterRoleBinding c' }] }],
  });
  ruleTester.run(pvCreate, {
    valid: [{ input: clusterRole('x', [r([''], ['persistentvolumes'], ['create'])]), with: [rb('team', 'b', 'ClusterRole', 'x', [user('u')])] }],
    invalid: [{ input: clusterRole('x', [r([''], ['persistentvolumes'], ['create'])]), with: [crb('b', 'x', [user('u')])], errors: [{ messageId: 'role', message: 'cluster-wide' }] }],
  });
  ruleTester.run(escalationVerbs, {
    valid: [
      // users, groups and ClusterRole updates are asked without a namespace.
      { input: clusterRole('x', [r([''], ['users', 'groups'], ['impersonate']), r(['rbac.authorization.k8s.io'], ['clusterroles'], ['escalate'])]), with: [rb('team', 'b', 'ClusterRole', 'x', [user('u')])] },
    ],
    invalid: [
      // Service accounts are impersonated in their namespace, and bind is asked in the namespace of the RoleBinding being made.
      {
        input: clusterRole('x', [r([''], ['serviceaccounts'], ['impersonate']), r(['rbac.authorization.k8s.io'], ['clusterroles'], ['bind'])]),
        with: [rb('team', 'b', 'ClusterRole', 'x', [user('u')])],
        errors: [{ messageId: 'role', path: 'rules[0]', message: 'in namespace team' }, { messageId: 'role', path: 'rules[1]', message: 'bind clusterroles' }],
      },
    ],
  });
});

describe('create limited by resourceNames allows nothing (a create request names no object)', () => {
  ruleTester.run(workloadCreate, {
    valid: [{ input: clusterRole('x', [r(['apps'], ['deployments'], ['create'], ['web'])]), with: [crb('b', 'x', [user('u')])] }],
    invalid: [{ input: clusterRole('x', [r(['apps'], ['deployments'], ['create', 'patch'], ['web'])]), with: [crb('b', 'x', [user('u')])], errors: [{ messageId: 'role', message: 'patch deployments named web' }] }],
  });
  ruleTester.run(webhookWrite, {
    // metallb's shape: create named, which never matches; update named would.
    valid: [{ input: clusterRole('x', [r([WEBHOOKS], ['validatingwebhookconfigurations'], ['create', 'get'], ['metallb-webhook-configuration'])]), with: [crb('b', 'x', [user('u')])] }],
    invalid: [{ input: clusterRole('x', [r([WEBHOOKS], ['validatingwebhookconfigurations'], ['update'], ['metallb-webhook-configuration'])]), with: [crb('b', 'x', [user('u')])], errors: [{ messageId: 'role' }] }],
  });
});

describe('wildcards and aggregation', () => {
  ruleTester.run(secretsRead, {
    valid: [
      // `*` verbs on another resource, and a subresource wildcard, do not read Secrets.
      { input: clusterRole('x', [r([''], ['configmaps'], ['*']), r([''], ['*/status'], ['get'])]), with: [crb('b', 'x', [user('u')])] },
    ],
    invalid: [
      { name: 'reported through *', input: clusterRole('x', [r(['*'], ['*'], ['get'])]), with: [crb('b', 'x', [user('u')])], errors: [{ messageId: 'role', message: 'get secrets (through *)' }] },
      {
        name: 'aggregated into built-in edit: told once, on the role that writes the rule',
        input: clusterRole('extra', [r([''], ['secrets'], ['watch'])], { metadata: { name: 'extra', labels: { 'rbac.authorization.k8s.io/aggregate-to-edit': 'true' } } }),
        with: [rb('team', 'devs', 'ClusterRole', 'edit', [group('devs')])],
        errors: [{ messageId: 'role', path: 'rules[0]', message: 'RoleBinding team/devs' }],
      },
    ],
  });
});

describe('upstream default objects read from a cluster are not findings; what was added to them is', () => {
  const clusterAdmin = clusterRole('cluster-admin', [r(['*'], ['*'], ['*']), { nonResourceURLs: ['*'], verbs: ['*'] }], { metadata: { name: 'cluster-admin', labels: defaults } });
  ruleTester.run(wildcardRule, {
    valid: [clusterAdmin],
    invalid: [
      {
        name: 'a rule added to a default role',
        input: clusterRole('system:controller:job-controller', [r(['batch'], ['jobs'], ['get', 'list', 'patch', 'update', 'watch']), r([''], ['*'], ['*'])], { metadata: { name: 'system:controller:job-controller', labels: defaults } }),
        errors: [{ messageId: 'wildcard', path: 'rules[1].verbs', message: 'verbs, resources' }],
      },
    ],
  });
  ruleTester.run(unusedRole, {
    valid: [clusterRole('view', [r([''], ['pods'], ['get'])], { metadata: { name: 'view', labels: defaults } })],
    // A role of the user that only borrows a default's name pattern is still judged.
    invalid: [{ input: clusterRole('system:my-tool', [r([''], ['pods'], ['get'])]), errors: [{ messageId: 'unused' }] }],
  });
  ruleTester.run(clusterAdminBinding, {
    valid: [{ ...crb('cluster-admin', 'cluster-admin', [group('system:masters')]), metadata: { name: 'cluster-admin', labels: defaults } }],
    invalid: [{ input: { ...crb('cluster-admin', 'cluster-admin', [group('system:masters'), user('alice')]), metadata: { name: 'cluster-admin', labels: defaults } }, errors: [{ messageId: 'admin', path: 'subjects[1]' }] }],
  });
  ruleTester.run(danglingBinding, {
    // A newer default binding this version's policy does not list.
    valid: [{ ...crb('system:controller:new-thing', 'system:controller:new-thing', [sa('kube-system', 'new-thing')]), metadata: { name: 'system:controller:new-thing', labels: defaults } }],
    invalid: [{ input: crb('system:my-tool', 'system:my-tool', [user('u')]), errors: [{ messageId: 'role' }] }],
  });
});

describe('the story of a workload is told once, with both sides named', () => {
  const app = deployment({ serviceAccountName: 'root', containers: [{ name: 'c', image: 'x:1', securityContext: { privileged: true } }] }, { name: 'agent', namespace: 'ops' });
  it('rbac-escalation-path on the workload carries its host access, its account and the fields other rules report', () => {
    const [f] = runCase(escalationPath, { input: app, with: [serviceAccount('ops', 'root'), crb('root', 'cluster-admin', [sa('ops', 'root')])] });
    expect(f!.message).toBe('a compromised pod of Deployment ops/agent (containers[0] privileged: true) can become cluster-admin in 2 hop(s): pod-token → ServiceAccount ops/root; wildcard-grant → cluster-admin-equivalent power');
    expect(f!.location.path).toBe('spec.template.spec');
    expect(f!.properties).toMatchObject({ workload: 'Deployment/ops/agent', serviceAccount: 'ops/root', related: ['spec.template.spec.serviceAccountName', 'spec.template.spec.containers[0].securityContext.privileged'] });
  });
  it('rbac-cluster-admin-binding names the workloads that run as the account', () => {
    const [f] = runCase(clusterAdminBinding, { input: crb('root', 'cluster-admin', [sa('ops', 'root')]), with: [app] });
    expect(f!.message).toContain('used by Deployment ops/agent (which can also take over its node: containers[0] privileged: true)');
    expect(f!.properties).toEqual({ workloads: ['Deployment/ops/agent'] });
  });
  it('a permission rule names them too', () => {
    const [f] = runCase(secretsRead, { input: role('ops', 'r', [r([''], ['secrets'], ['list'])]), with: [rb('ops', 'b', 'Role', 'r', [sa('ops', 'root')]), app] });
    expect(f!.message).toContain('in namespace ops; used by Deployment ops/agent');
  });
});

describe('a cluster that runs only upstream defaults', () => {
  it('gives no rbac finding when its default policy is read as input (as from a live cluster or a snapshot)', () => {
    const inventory = emptyInventory();
    addSource(inventory, { name: 'cluster.yaml', text: bootstrapResources().map((r) => dump(r.object)).join('---\n'), origin: 'file' });
    expect(inventory.resources.length).toBeGreaterThan(100);
    const findings = evaluate(inventory, rbacRules, {}).findings.filter((f) => f.status === 'fail');
    expect(findings.map((f) => `${f.ruleId}: ${f.message}`)).toEqual([]);
  });
});
