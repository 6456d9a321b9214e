import { defineRule } from '../../../core/rule.js';
import type { PathSegment } from '../../../core/types.js';
import { isWindowsPod } from '../shared/workloads.js';

type Field = 'runAsUser' | 'runAsGroup';

export default defineRule({
  id: 'run-as-root-id',
  title: 'Container explicitly runs as UID 0 or GID 0',
  severity: 'high',
  area: 'workload',
  target: 'workload',
  description:
    '`runAsUser: 0` makes the container process root. Without user namespaces that is the node\'s root user, limited only by capabilities, seccomp and the runtime: a kernel or runtime escape, a writable hostPath or a mounted socket then acts as root on the node, and root in the container can change every file of the image. `runAsGroup: 0` gives the root group, which owns many files of the node and of images (often group-writable). A container setting overrides its pod; a pod-level 0 is reported once, when at least one container inherits it. Pod Security restricted forbids `runAsUser: 0` only in namespaces that enforce it and does not look at groups; this rule does both everywhere (Windows pods excepted).',
  remediation:
    'Run as a non-zero UID and GID (build the image with a numeric `USER`), set `runAsNonRoot: true`, and remove `runAsUser: 0` / `runAsGroup: 0`.',
  example: `securityContext:
  runAsNonRoot: true
  runAsUser: 10001
  runAsGroup: 10001`,
  references: [
    'https://kubernetes.io/docs/tasks/configure-pod-container/security-context/',
    'https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted',
    'NSA/CISA Kubernetes Hardening Guide, "Pod security: non-root containers" (https://media.defense.gov/2022/Aug/29/2003066362/-1/-1/0/CTR_KUBERNETES_HARDENING_GUIDANCE_1.2_20220829.PDF)',
    'CIS Kubernetes Benchmark, section 5.2 (pod security): minimize the admission of root containers',
  ],
  messages: {
    containerUser: 'Container "{{container}}" sets runAsUser: 0 (root)',
    podUser: 'The pod sets runAsUser: 0 (root), inherited by container(s) {{containers}}',
    containerGroup: 'Container "{{container}}" sets runAsGroup: 0 (root group)',
    podGroup: 'The pod sets runAsGroup: 0 (root group), inherited by container(s) {{containers}}',
  },
  check({ template, containers, report }) {
    if (isWindowsPod(template.spec)) return;
    const podContext = template.spec.securityContext;
    for (const field of ['runAsUser', 'runAsGroup'] as Field[]) {
      const user = field === 'runAsUser';
      const severity = user ? 'high' : 'medium';
      const inheriting: string[] = [];
      for (const ref of containers) {
        const value = ref.container.securityContext?.[field];
        if (value === 0) {
          const path: PathSegment[] = [...ref.path, 'securityContext', field];
          report(user ? 'containerUser' : 'containerGroup', { container: ref.container.name }, { path, severity, evidence: { container: ref.container.name, [field]: 0 } });
        } else if (value === undefined || value === null) {
          inheriting.push(String(ref.container.name));
        }
      }
      if (podContext?.[field] === 0 && inheriting.length > 0) {
        report(
          user ? 'podUser' : 'podGroup',
          { containers: inheriting.map((n) => `"${n}"`).join(', ') },
          { path: ['spec', 'securityContext', field], severity, evidence: { [field]: 0, containers: inheriting } },
        );
      }
    }
  },
});
