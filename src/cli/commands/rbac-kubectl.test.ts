import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeSnapshot } from '../../collectors/snapshot/snapshot.js';
import { runMain } from '../../../test/helpers/run-main.js';

/**
 * `rampart rbac can-i` asked as `kubectl auth can-i` asks (staging/src/k8s.io/kubectl/pkg/cmd/auth/cani.go):
 * TYPE/NAME, --subresource, the context namespace ("default") unless -A, yes/no and exit 0/1,
 * --quiet, --list; and who-can with -A. Inputs are manifests and kubectl List (snapshot) JSON.
 */

const run = runMain;

const dir = mkdtempSync(path.join(os.tmpdir(), 'rampart-rbac-cli-'));
const manifests = path.join(dir, 'rbac.yaml');
writeFileSync(
  manifests,
  `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: pods, namespace: default}
rules:
- {apiGroups: [""], resources: [pods], verbs: [list]}
- {apiGroups: [""], resources: [pods], resourceNames: [web], verbs: [get]}
- {apiGroups: [""], resources: [pods/log], resourceNames: [web], verbs: [get]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: pods, namespace: default}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: pods}
subjects:
- {kind: User, name: alice}
- {kind: Userr, name: typo}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: node-reader}
rules:
- {apiGroups: [""], resources: [nodes], verbs: [get, list]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: nodes-in-ops, namespace: ops}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: node-reader}
subjects: [{kind: Group, name: ops}]
`,
);
const snapshot = path.join(dir, 'snapshot.json');
writeFileSync(
  snapshot,
  JSON.stringify({
    apiVersion: 'v1',
    kind: 'List',
    items: [
      { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'exec' }, rules: [{ apiGroups: [''], resources: ['pods/exec'], verbs: ['create'] }] },
      { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: { name: 'exec', namespace: 'dev' }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'exec' }, subjects: [{ kind: 'ServiceAccount', name: 'ci' }] },
    ],
  }),
);

describe('rampart rbac can-i, as kubectl auth can-i', () => {
  it('prints yes / no first and exits 0 / 1; the request is in namespace "default" unless -n or -A', async () => {
    const yes = await run('rbac', 'can-i', 'list', 'pods', manifests, '--as', 'alice', '--no-bootstrap');
    expect([yes.code, yes.out.split('\n')[0]]).toEqual([0, 'yes']);
    const other = await run('rbac', 'can-i', 'list', 'pods', manifests, '--as', 'alice', '-n', 'prod', '--no-bootstrap');
    expect([other.code, other.out.split('\n')[0]]).toEqual([1, 'no']);
    const all = await run('rbac', 'can-i', 'list', 'pods', manifests, '--as', 'alice', '-A', '--no-bootstrap', '-f', 'json');
    expect(all.code).toBe(1);
    expect(JSON.parse(all.out).request.namespace).toBeUndefined();
  });

  it('TYPE/NAME names the object; TYPE/SUBRESOURCE for a subresource the type has; --subresource makes the slash a name', async () => {
    expect((await run('rbac', 'can-i', 'get', 'pods/web', manifests, '--as', 'alice', '--no-bootstrap', '-q')).code).toBe(0);
    expect((await run('rbac', 'can-i', 'get', 'pods/db', manifests, '--as', 'alice', '--no-bootstrap', '-q')).code).toBe(1);
    // get pods without a name never matches a rule restricted by resourceNames.
    expect((await run('rbac', 'can-i', 'get', 'pods', manifests, '--as', 'alice', '--no-bootstrap', '-q')).code).toBe(1);
    const log = await run('rbac', 'can-i', 'get', 'pods/web', manifests, '--as', 'alice', '--subresource', 'log', '--no-bootstrap', '-f', 'json');
    expect(JSON.parse(log.out).request).toMatchObject({ resource: 'pods', subresource: 'log', name: 'web', namespace: 'default' });
    expect(log.code).toBe(0);
    const exec = await run('rbac', 'can-i', 'create', 'pods/exec', snapshot, '--as', 'system:serviceaccount:dev:ci', '-n', 'dev', '--no-bootstrap', '-f', 'json');
    expect(JSON.parse(exec.out).request).toMatchObject({ resource: 'pods', subresource: 'exec' });
    expect(exec.code).toBe(0);
  });

  it('a denial names the roles that applying bindings reference but that do not exist, as the RBAC authorizer\'s reason', async () => {
    // rbac.go Authorize: the errors of GetRoleReferenceRules become the reason; kubectl prints "no - <reason>".
    const file = path.join(dir, 'dangling.yaml');
    writeFileSync(
      file,
      `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: gone}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: gone}
subjects: [{kind: User, name: alice}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: missing, namespace: default}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: missing}
subjects: [{kind: User, name: alice}]
`,
    );
    const r = await run('rbac', 'can-i', 'get', 'pods', file, '--as', 'alice', '--no-bootstrap');
    expect(r.code).toBe(1);
    expect(r.out.split('\n')[0]).toBe('no - RBAC: [clusterrole.rbac.authorization.k8s.io "gone" not found, role.rbac.authorization.k8s.io "missing" not found]');
    const cluster = await run('rbac', 'can-i', 'get', 'pods', file, '--as', 'alice', '-A', '--no-bootstrap');
    expect(cluster.out.split('\n')[0]).toBe('no - RBAC: clusterrole.rbac.authorization.k8s.io "gone" not found');
  });

  it('--quiet prints nothing', async () => {
    const r = await run('rbac', 'can-i', 'list', 'pods', manifests, '--as', 'alice', '--no-bootstrap', '--quiet');
    expect([r.code, r.out]).toEqual([0, '']);
  });

  it('a RoleBinding to a ClusterRole about a cluster-scoped resource applies when the request carries its namespace (as kubectl sends it)', async () => {
    expect((await run('rbac', 'can-i', 'get', 'nodes', manifests, '--as', 'bob', '--as-group', 'ops', '-n', 'ops', '--no-bootstrap', '-q')).code).toBe(0);
    expect((await run('rbac', 'can-i', 'get', 'nodes', manifests, '--as', 'bob', '--as-group', 'ops', '-A', '--no-bootstrap', '-q')).code).toBe(1);
  });

  it('non-resource URLs take no subresource and no name (usage error, exit 2)', async () => {
    const r = await run('rbac', 'can-i', 'get', '/healthz', manifests, '--as', 'alice', '--subresource', 'x');
    expect(r.code).toBe(2);
    expect(r.err).toContain('--subresource cannot be used with a non-resource URL');
    const ok = await run('rbac', 'can-i', 'get', '/healthz', manifests, '--as', 'system:anonymous', '-q');
    expect(ok.code).toBe(0);
  });

  it('bad input is a diagnostic, not a crash: the unknown subject kind is reported and the rest answered', async () => {
    const r = await run('rbac', 'can-i', 'list', 'pods', manifests, '--as', 'typo', '--no-bootstrap');
    expect(r.code).toBe(1);
    expect(r.err).toContain('subjects[1] has kind "Userr"');
  });

  it('--list prints the rules of the namespace as kubectl does', async () => {
    const r = await run('rbac', 'can-i', '--list', manifests, '--as', 'alice', '--no-bootstrap');
    expect(r.code).toBe(0);
    const lines = r.out.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^Resources {3,}Non-Resource URLs {3}Resource Names {3}Verbs$/);
    expect(lines.slice(1).map((l) => l.replace(/ +/g, ' '))).toEqual(['pods/log [] [web] [get]', 'pods [] [web] [get]', 'pods [] [] [list]']);
    const none = await run('rbac', 'can-i', '--list', manifests, '--as', 'alice', '-n', 'prod', '--no-bootstrap', '--no-headers');
    expect(none.out).toBe('');
    expect((await run('rbac', 'can-i', '--list', manifests, '--as', 'alice', '-A')).code).toBe(2);
  });
});

describe('rampart rbac who-can -A', () => {
  it('lists RoleBindings of every namespace, each marked with its namespace', async () => {
    const r = await run('rbac', 'who-can', 'get', 'nodes', manifests, '-A', '--no-bootstrap', '-f', 'json');
    const a = JSON.parse(r.out);
    expect(a.subjects.map((s: any) => `${s.subject.kind}:${s.subject.name}@${s.grantedIn}`)).toEqual(['Group:ops@ops']);
    const cluster = await run('rbac', 'who-can', 'get', 'nodes', manifests, '--no-bootstrap', '-f', 'json');
    expect(JSON.parse(cluster.out).subjects).toEqual([]);
  });
});

describe('rampart rbac on a snapshot (rampart snapshot .json.gz)', () => {
  it('reads the snapshot\'s roles and bindings (list items without kind, as the API returns them)', async () => {
    const file = path.join(dir, 'cluster.json.gz');
    const list = (group: string, resource: string, kind: string, namespaced: boolean, items: object[]) => ({ group, version: 'v1', resource, kind, namespaced, pages: 1, items });
    await writeSnapshot(file, {
      cluster: { name: 'test' },
      collectedAt: '2026-11-27T00:00:00Z',
      readSecrets: false,
      forbidden: [],
      notServed: [],
      lists: [
        list('rbac.authorization.k8s.io', 'clusterroles', 'ClusterRole', false, [{ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'tokens' }, rules: [{ apiGroups: [''], resources: ['serviceaccounts/token'], verbs: ['create'] }] }]),
        list('rbac.authorization.k8s.io', 'rolebindings', 'RoleBinding', true, [
          { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: { name: 'tokens', namespace: 'ci' }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'tokens' }, subjects: [{ kind: 'Group', apiGroup: 'rbac.authorization.k8s.io', name: 'builders' }] },
        ]),
      ],
    });
    const yes = await run('rbac', 'can-i', 'create', 'serviceaccounts/token', file, '--as', 'eve', '--as-group', 'builders', '-n', 'ci', '-q');
    expect(yes.code).toBe(0);
    const who = await run('rbac', 'who-can', 'create', 'serviceaccounts/token', file, '-n', 'ci', '--no-bootstrap', '-f', 'json');
    expect(JSON.parse(who.out).subjects.map((x: any) => `${x.subject.kind}:${x.subject.name}`)).toEqual(['Group:builders']);
  });
});
