import { defineRule } from '../../../core/rule.js';
import { isBatchWorkload } from '../shared/batch.js';

export default defineRule({
  id: 'container-liveness-probe',
  title: 'Container has no liveness probe',
  severity: 'low',
  area: 'workload',
  target: 'container',
  description:
    'Without a liveness probe the kubelet restarts a container only when its process exits. A process that deadlocks, or is wedged by an attack, keeps running and keeps serving errors until a person notices. Run-to-completion pods (Jobs, CronJobs, Pods owned by a Job) and init containers are not checked: a hung batch run is bounded by `activeDeadlineSeconds` of the Job, not by a probe. Ephemeral (debug) containers cannot have probes.',
  remediation:
    'Add a `livenessProbe` that checks the process itself (not its dependencies, or one slow database restarts every pod) with a generous `failureThreshold`.',
  example: `livenessProbe:
  httpGet: {path: /healthz, port: 8080}
  periodSeconds: 10
  failureThreshold: 3`,
  references: ['https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/'],
  messages: {
    missing: 'Container "{{container}}" has no liveness probe',
  },
  check({ resource, container, ref, report }) {
    if (ref.field !== 'containers' || isBatchWorkload(resource)) return;
    if (container.livenessProbe) return;
    report('missing', { container: container.name }, { path: [], evidence: { container: container.name } });
  },
});
