import { defineRule } from '../../../core/rule.js';
import { isBatchWorkload } from '../shared/batch.js';

export default defineRule({
  id: 'container-readiness-probe',
  title: 'Container has no readiness probe',
  severity: 'low',
  area: 'workload',
  target: 'container',
  description:
    'Without a readiness probe a pod receives Service traffic as soon as its containers start, before the application can answer, and keeps receiving it while the application is overloaded or broken; a rolling update also counts such pods as available at once and can replace every working pod with broken ones. Jobs, CronJobs and Pods owned by a Job are not checked (they serve no traffic), nor are init and ephemeral containers.',
  remediation: 'Add a `readinessProbe` that succeeds only when the container can serve requests.',
  example: `readinessProbe:
  httpGet: {path: /ready, port: 8080}
  periodSeconds: 5`,
  references: ['https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/'],
  messages: {
    missing: 'Container "{{container}}" has no readiness probe',
  },
  check({ resource, container, ref, report }) {
    if (ref.field !== 'containers' || isBatchWorkload(resource)) return;
    if (container.readinessProbe) return;
    report('missing', { container: container.name }, { path: [], evidence: { container: container.name } });
  },
});
