import { defineRule } from '../../../core/rule.js';
import type { Resource } from '../../../core/types.js';
import { nearestExisting, workloadsOf } from '../shared/workloads.js';
import { WORKLOAD_INVENTORY_READS } from '../../kinds.js';

/** The ServiceAccount a pod spec runs as: `serviceAccountName`, else the deprecated `serviceAccount`, else `default`. */
export function serviceAccountOf(spec: Record<string, unknown>): string {
  for (const key of ['serviceAccountName', 'serviceAccount']) {
    const v = spec[key];
    if (typeof v === 'string' && v !== '') return v;
  }
  return 'default';
}

export default defineRule({
  id: 'service-account-token-automount',
  title: 'Service account token is mounted into the pod',
  severity: 'medium',
  area: 'workload',
  target: 'inventory',
  kinds: WORKLOAD_INVENTORY_READS,
  description:
    'Unless told otherwise, Kubernetes mounts a token of the pod\'s ServiceAccount at /var/run/secrets/kubernetes.io/serviceaccount in every container. Anyone who gets code execution in any of those containers (a vulnerable dependency, a sidecar) can read it and call the Kubernetes API with the ServiceAccount\'s permissions from inside the cluster network; with a generous Role that is a step to secrets, other workloads or the node. Most applications never call the API. The pod\'s `automountServiceAccountToken` wins; when the pod leaves it unset, the ServiceAccount\'s own field decides (checked when the ServiceAccount is part of the scan), and when both are unset the token is mounted.',
  remediation:
    'Set `automountServiceAccountToken: false` in the pod spec (or on the ServiceAccount, for all its pods). A pod that does call the API should use its own ServiceAccount with a minimal Role, or a projected token volume mounted only into the container that needs it.',
  example: `apiVersion: v1
kind: ServiceAccount
metadata: {name: web, namespace: shop}
automountServiceAccountToken: false
---
# in the pod template
spec:
  serviceAccountName: web
  automountServiceAccountToken: false`,
  references: [
    'https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/#opt-out-of-api-credential-automounting',
    'https://kubernetes.io/docs/concepts/security/service-accounts/',
    'NSA/CISA Kubernetes Hardening Guide, "Pod security: service account tokens" (https://media.defense.gov/2022/Aug/29/2003066362/-1/-1/0/CTR_KUBERNETES_HARDENING_GUIDANCE_1.2_20220829.PDF)',
    'CIS Kubernetes Benchmark, section 5.1 (RBAC and service accounts): service account tokens only where necessary',
  ],
  messages: {
    pod: 'The pod sets automountServiceAccountToken: true; the token of ServiceAccount "{{serviceAccount}}" is mounted into every container',
    serviceAccount:
      'The pod leaves automountServiceAccountToken unset and its ServiceAccount "{{serviceAccount}}" does not set it to false; the token is mounted into every container',
    unset:
      'The pod leaves automountServiceAccountToken unset (ServiceAccount "{{serviceAccount}}" is not part of the scan); the token is mounted into every container',
  },
  check({ inventory, report }) {
    const accounts = new Map<string, Resource>();
    for (const r of inventory.resources) {
      if (r.kind === 'ServiceAccount' && r.apiVersion === 'v1') accounts.set(`${r.namespace ?? ''}/${r.name}`, r);
    }
    for (const w of workloadsOf(inventory)) {
      const spec = w.template.spec;
      const serviceAccount = serviceAccountOf(spec);
      const base = [...w.template.path, 'spec'];
      const podValue = spec.automountServiceAccountToken;
      if (podValue === false) continue;
      if (podValue === true) {
        report('pod', { serviceAccount }, { resource: w.resource, path: [...base, 'automountServiceAccountToken'], evidence: { serviceAccount, pod: true } });
        continue;
      }
      const sa = accounts.get(`${w.namespace}/${serviceAccount}`);
      const saValue = sa?.object.automountServiceAccountToken;
      if (saValue === false) continue;
      const path = [...base, ...nearestExisting(spec, ['serviceAccountName'])];
      const evidence: Record<string, unknown> = { serviceAccount, pod: null, serviceAccountInScan: sa !== undefined };
      if (sa) {
        evidence.serviceAccountValue = typeof saValue === 'boolean' ? saValue : null;
        report('serviceAccount', { serviceAccount }, { resource: w.resource, path, evidence });
      } else {
        report('unset', { serviceAccount }, { resource: w.resource, path, evidence });
      }
    }
  },
});
