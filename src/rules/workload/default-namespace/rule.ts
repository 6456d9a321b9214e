import { defineRule } from '../../../core/rule.js';
import { WORKLOAD_KINDS } from '../../../core/workload.js';

export default defineRule({
  id: 'workload-default-namespace',
  title: 'Workload is placed in the default namespace',
  severity: 'low',
  area: 'workload',
  target: 'resource',
  kinds: WORKLOAD_KINDS,
  description:
    'Namespaces are the unit of RBAC, NetworkPolicy, ResourceQuota and Pod Security admission. The `default` namespace usually has none of these set up, is where anything applied without thought lands, and its `default` ServiceAccount is shared by every such pod, so a workload there shares permissions, network reach and blast radius with strangers. Only an explicit `namespace: default` is reported: a manifest without a namespace lands wherever the tool that applies it says (`kubectl -n`, the kubeconfig context, Helm or Kustomize), so it is not known to be `default`.',
  remediation: 'Put the workload in a namespace of its own (with its own ServiceAccount, NetworkPolicies and Pod Security labels).',
  example: `metadata:
  name: web
  namespace: shop`,
  references: [
    'https://kubernetes.io/docs/concepts/overview/working-with-objects/namespaces/',
    'NSA/CISA Kubernetes Hardening Guide, "Namespaces" (https://media.defense.gov/2022/Aug/29/2003066362/-1/-1/0/CTR_KUBERNETES_HARDENING_GUIDANCE_1.2_20220829.PDF)',
    'CIS Kubernetes Benchmark, section 5.7 (general policies): the default namespace should not be used',
  ],
  messages: {
    default: '{{kind}} "{{name}}" is placed in the default namespace',
  },
  check({ resource, report }) {
    if (resource.object.metadata?.namespace !== 'default') return;
    report('default', { kind: resource.kind, name: resource.name }, { path: ['metadata', 'namespace'] });
  },
});
