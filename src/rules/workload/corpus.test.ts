import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { scanManifests } from '../../scan.js';
import { sharedDir } from '../../testing/shared-dir.js';

const shared = sharedDir();
const corpus = shared && path.join(shared, 'corpus/manifests');

// Real manifests of well-known projects: the findings must be the ones a reviewer would agree with.
describe.skipIf(!corpus)('workload rules on the real manifest corpus', () => {
  if (!corpus) console.warn('skipped: the shared corpus (../shared/corpus/manifests) is not present; set RAMPART_SHARED');

  const scan = () => scanManifests([corpus!], { selection: { only: ['workload'] }, settings: { now: new Date('2026-01-01') } });
  const by = (report: Awaited<ReturnType<typeof scan>>, ruleId: string) => report.findings.filter((f) => f.ruleId === ruleId && f.status === 'fail');

  it('reports what the corpus is known to contain, and nothing throws', async () => {
    const report = await scan();
    expect(report.findings.filter((f) => f.status === 'error')).toEqual([]);

    const hostPorts = by(report, 'container-host-port');
    expect(hostPorts.find((f) => f.resource.name === 'node-exporter')?.evidence).toMatchObject({ container: 'kube-rbac-proxy', hostPort: 9100 });

    const sockets = by(report, 'container-runtime-socket-mount');
    expect(sockets.map((f) => `${f.resource.kind}/${f.resource.name}:${f.evidence?.hostPath}`).sort()).toEqual([
      'DaemonSet/newrelic-agent:/var/run/docker.sock',
      'DaemonSet/newrelic-infra-agent:/var/run/docker.sock',
      'DaemonSet/sysdig-agent:/var/run/docker.sock',
      'ReplicationController/sysdig-agent:/var/run/docker.sock',
    ]);

    expect(new Set(by(report, 'run-as-root-id').map((f) => f.resource.name))).toEqual(new Set(['istio-cni-node']));

    const secrets = by(report, 'secret-in-manifest');
    expect(secrets.some((f) => f.resource.name === 'ceph-secret-admin')).toBe(true);
    // The dashboard's CSRF Secret is committed with an empty value: nothing to leak.
    expect(secrets.some((f) => f.resource.name === 'kubernetes-dashboard-csrf')).toBe(false);

    const credentials = by(report, 'container-env-credential');
    expect(new Set(credentials.map((f) => f.evidence?.variable))).toEqual(new Set(['MYSQL_ROOT_PASSWORD', 'ACCESS_KEY']));
    const json = JSON.stringify(report);
    for (const value of ['supersecret', 'c-krit', '8312341g-5678-abcd-4a2b2c-33bcsd655']) expect(json).not.toContain(value);

    // Images with a `:latest` tag in kubernetes-examples; none in the pinned cert-manager release.
    const mutable = by(report, 'image-tag-mutable');
    expect(mutable.some((f) => f.source.file?.includes('kubernetes-examples'))).toBe(true);
    expect(mutable.some((f) => f.source.file?.includes('cert-manager'))).toBe(false);
  });
});
