import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { collectManifests } from '../../collectors/manifests/collect.js';
import { evaluate } from '../../core/engine.js';
import { rbacRules } from './index.js';

/** ../shared beside the repository (RAMPART_SHARED overrides), else /work/shared. */
function sharedDir(): string | undefined {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
  for (const dir of [process.env.RAMPART_SHARED, path.resolve(root, '../shared'), '/work/shared']) if (dir && existsSync(dir)) return dir;
  return undefined;
}

const shared = sharedDir();

async function scan(name: string) {
  const inventory = await collectManifests([path.join(shared!, 'corpus/manifests', name)]);
  return evaluate(inventory, rbacRules, {}).findings.filter((f) => f.status === 'fail');
}

describe.skipIf(!shared)('rbac rules on the real corpus (reviewed in docs/rbac.md)', () => {
  if (!shared) console.warn('skipping the rbac rules corpus tests: ../shared (the corpus) is not present');

  it('cert-manager: its own signers are not CSR findings; the cainjector path is told on its Deployment', async () => {
    const findings = await scan('cert-manager');
    expect(findings.filter((f) => f.ruleId === 'rbac-csr-approve')).toEqual([]);
    const path = findings.find((f) => f.ruleId === 'rbac-escalation-path' && f.resource.name === 'cert-manager-cainjector')!;
    expect(path.severity).toBe('critical');
    expect(path.properties).toMatchObject({ workload: 'Deployment/cert-manager/cert-manager-cainjector', serviceAccount: 'cert-manager/cert-manager-cainjector' });
  });

  it('metallb: the named create grants nothing, the named update is medium; the SYS_ADMIN speaker story is told once', async () => {
    const findings = await scan('metallb');
    const webhooks = findings.filter((f) => f.ruleId === 'rbac-webhook-write');
    expect(webhooks.map((f) => [f.severity, f.message.includes('update validatingwebhookconfigurations named metallb-webhook-configuration'), f.message.includes('create validatingwebhookconfigurations')])).toEqual([['medium', true, false]]);
    const stories = findings.filter((f) => f.ruleId === 'rbac-privileged-workload-permissions');
    expect(stories.map((f) => `${f.resource.kind}/${f.resource.name} ${f.severity}`)).toEqual(['DaemonSet/speaker high']);
    expect(stories[0]!.message).toContain('which may read Secrets in namespace metallb-system');
  });

  it('kubernetes-examples: a cluster-wide edit binding: one finding per permission (each its own CIS control) naming the built-in rule, and one path per group', async () => {
    const findings = await scan('kubernetes-examples');
    const onEdit = findings.filter((f) => f.resource.kind === 'ClusterRoleBinding' && f.resource.name === 'edit');
    expect(onEdit.map((f) => f.ruleId).sort()).toEqual(['rbac-escalation-path', 'rbac-escalation-path', 'rbac-escalation-verbs', 'rbac-pod-exec', 'rbac-secrets-read', 'rbac-token-create', 'rbac-workload-create']);
    expect(onEdit.find((f) => f.ruleId === 'rbac-token-create')!.message).toContain('(create serviceaccounts/token)');
  });
});
