import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { canonicalTree, runNodeRules, sharedDir } from '../../../testing/node-fixture.js';
import rule from './rule.js';

const POLICY = 'var/snap/k8s/common/etc/audit-policy.yaml';

async function secretsVerdict(policy: string) {
  const root = canonicalTree('node-cis-hardened');
  fs.writeFileSync(path.join(root, POLICY), policy);
  return (await runNodeRules(root, [rule])).find((f) => f.messageId === 'audit-secrets-level')!;
}

describe.skipIf(!sharedDir())('node-audit-logging', () => {
  it('leaves a Metadata policy to a person and fails one that logs request bodies of secrets', async () => {
    expect((await secretsVerdict('apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n- level: Metadata\n')).status).toBe('manual');
    const first = await secretsVerdict(
      'apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n- level: Metadata\n  resources: [{group: "", resources: ["secrets"]}]\n- level: RequestResponse\n',
    );
    expect(first.status).toBe('manual');
    // A rule limited to some users leaves the others to the catch-all rule that logs everything.
    const partial = await secretsVerdict(
      'apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n- level: Metadata\n  users: ["admin"]\n  resources: [{group: "", resources: ["secrets"]}]\n- level: Request\n',
    );
    expect(partial).toMatchObject({ status: 'fail', evidence: expect.objectContaining({ secretsLevel: 'Request', rule: 1 }) });
  });

  it('fails a node without an audit policy, pointing at the API server args file', async () => {
    const f = (await runNodeRules(canonicalTree('node-default'), [rule])).find((x) => x.messageId === 'audit-policy')!;
    expect(f).toMatchObject({ status: 'fail', properties: expect.objectContaining({ checkId: '3.2.1', stig: ['V-242403', 'V-242461'] }) });
    expect(f.location.file).toMatch(/args\/kube-apiserver$/);
  });

  it('reports a policy that does not parse as an error', async () => {
    const root = canonicalTree('node-cis-hardened');
    fs.writeFileSync(path.join(root, POLICY), 'rules: [\n');
    expect((await runNodeRules(root, [rule])).find((f) => f.messageId === 'audit-policy')!.status).toBe('error');
  });
});
