import { defineRule } from '../../../core/rule.js';
import { nearestExisting, isWindowsPod } from '../shared/workloads.js';

export default defineRule({
  id: 'container-read-only-root-filesystem',
  title: 'Container root filesystem is writable',
  severity: 'low',
  area: 'workload',
  target: 'container',
  description:
    'A writable root filesystem lets an attacker who gets code execution download tools, change binaries and configuration the image shipped, and persist across process restarts within the container. With `readOnlyRootFilesystem: true` the image stays as built and the only writable places are the volumes the manifest names. Windows pods are not checked (the setting does not apply to them), nor are ephemeral debug containers.',
  remediation:
    'Set `securityContext.readOnlyRootFilesystem: true` and mount an `emptyDir` where the application must write (e.g. /tmp, caches).',
  example: `securityContext:
  readOnlyRootFilesystem: true
volumeMounts:
  - {name: tmp, mountPath: /tmp}
# and in the pod spec: volumes: [{name: tmp, emptyDir: {}}]`,
  references: [
    'https://kubernetes.io/docs/tasks/configure-pod-container/security-context/',
    'NSA/CISA Kubernetes Hardening Guide, "Pod security: immutable container file systems" (https://media.defense.gov/2022/Aug/29/2003066362/-1/-1/0/CTR_KUBERNETES_HARDENING_GUIDANCE_1.2_20220829.PDF)',
  ],
  messages: {
    writable: 'Container "{{container}}" does not set readOnlyRootFilesystem: true',
  },
  check({ container, ref, template, report }) {
    if (ref.field === 'ephemeralContainers' || isWindowsPod(template.spec)) return;
    if (container.securityContext?.readOnlyRootFilesystem === true) return;
    report(
      'writable',
      { container: container.name },
      {
        path: nearestExisting(container, ['securityContext', 'readOnlyRootFilesystem']),
        evidence: { container: container.name, readOnlyRootFilesystem: container.securityContext?.readOnlyRootFilesystem ?? null },
      },
    );
  },
});
