import { expect, it } from 'vitest';
import { deployment, ruleTester } from '../../../testing/vitest.js';
import { clusterRole, crb, rb, role, rule as r, sa, serviceAccount, severities } from '../fixtures/index.js';
import rule from './rule.js';

const privileged = (extra: Record<string, unknown> = {}) =>
  deployment({ serviceAccountName: 'backup', containers: [{ name: 'c', image: 'x:1', securityContext: { privileged: true } }], ...extra }, { name: 'backup', namespace: 'ops' });
const reader = clusterRole('secret-reader', [r([''], ['secrets'], ['get', 'list'])]);
const bound = crb('backup-secrets', 'secret-reader', [sa('ops', 'backup')]);

ruleTester.run(rule, {
  valid: [
    { name: 'privileged, but the token is not mounted', input: privileged({ automountServiceAccountToken: false }), with: [reader, bound, serviceAccount('ops', 'backup')] },
    { name: 'powerful, but not privileged', input: deployment({ serviceAccountName: 'backup', containers: [{ name: 'c', image: 'x:1' }] }, { name: 'backup', namespace: 'ops' }), with: [reader, bound] },
    { name: 'privileged, with a harmless account', input: privileged(), with: [crb('b', 'view', [sa('ops', 'backup')])] },
    { name: 'a named Secret only', input: privileged(), with: [clusterRole('one', [r([''], ['secrets'], ['get'], ['backup-key'])]), crb('b', 'one', [sa('ops', 'backup')])] },
    {
      name: 'a path to cluster-admin is told by rbac-escalation-path',
      input: privileged(),
      with: [crb('b', 'cluster-admin', [sa('ops', 'backup')])],
    },
  ],
  invalid: [
    {
      input: privileged(),
      with: [reader, bound, serviceAccount('ops', 'backup')],
      errors: [{ messageId: 'story', path: 'spec.template.spec.serviceAccountName', message: 'containers[0] privileged: true) and mounts the token of ServiceAccount ops/backup, which may read Secrets cluster-wide' }],
    },
    {
      name: 'a hostPath of the host root and a namespaced grant',
      input: deployment({ serviceAccountName: 'backup', containers: [{ name: 'c', image: 'x:1' }], volumes: [{ name: 'host', hostPath: { path: '/' } }] }, { name: 'backup', namespace: 'ops' }),
      with: [role('ops', 'runner', [r([''], ['pods'], ['create'])]), rb('ops', 'b', 'Role', 'runner', [sa('ops', 'backup')])],
      errors: [{ messageId: 'story', message: 'may create pods in namespace ops' }],
    },
  ],
});

it('rbac-privileged-workload-permissions: critical when a permission is cluster-wide, high when namespaced', () => {
  expect(severities(rule, { input: privileged(), with: [reader, bound] })).toEqual(['critical']);
  expect(severities(rule, { input: privileged(), with: [reader, rb('ops', 'b', 'ClusterRole', 'secret-reader', [sa('ops', 'backup')])] })).toEqual(['high']);
});
