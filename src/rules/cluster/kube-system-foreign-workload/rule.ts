import { defineRule } from '../../../core/rule.js';
import { isControlled } from '../shared/cluster-info.js';

/** Names (and prefixes) of components that Kubernetes distributions and managed services run in kube-system. */
const PLATFORM_NAMES = [
  'kube-apiserver', 'kube-controller-manager', 'kube-scheduler', 'etcd', 'kube-proxy', 'coredns', 'kube-dns', 'metrics-server',
  'cloud-controller-manager', 'cloud-node-manager', 'konnectivity-agent', 'aws-node', 'ebs-csi-', 'efs-csi-', 'eks-pod-identity-agent',
  'gke-', 'pdcsi-node', 'fluentbit-gke', 'event-exporter-gke', 'l7-default-backend', 'kube-dns-autoscaler', 'csi-azure', 'azure-',
  'ama-', 'cilium', 'calico-', 'kube-flannel', 'canal', 'weave-net', 'csi-', 'snapshot-controller', 'node-local-dns', 'nodelocaldns',
  'ip-masq-agent', 'cluster-autoscaler', 'kindnet', 'local-path-provisioner', 'tigera-', 'hubble-', 'antrea-', 'vpa-', 'istio-cni',
];
const PLATFORM_LABELS: [string, string | undefined][] = [
  ['addonmanager.kubernetes.io/mode', undefined],
  ['kubernetes.io/cluster-service', 'true'],
  ['eks.amazonaws.com/component', undefined],
  ['tier', 'control-plane'],
  ['components.gke.io/component-name', undefined],
  ['kubernetes.azure.com/managedby', undefined],
];

export default defineRule({
  id: 'kube-system-foreign-workload',
  title: 'Workload in kube-system that is not part of the platform',
  severity: 'medium',
  area: 'cluster',
  target: 'workload',
  description:
    'kube-system holds the control plane and the add-ons the platform manages; it is usually exempt from Pod Security and policy engines, and its service accounts are powerful. An application deployed there inherits all of that.',
  remediation: 'Move the workload to its own namespace with Pod Security labels and NetworkPolicies; if it is a platform component Rampart does not know, list it in the rule option `allowed`.',
  messages: {
    foreign: '{{kind}} {{name}} runs in kube-system but is not a known platform component',
  },
  check({ resource, template, options, report }) {
    if (resource.namespace !== 'kube-system') return;
    // Pods and ReplicaSets that a controller owns are judged through the controller; mirror pods are static pods of the node.
    if (isControlled(resource.object)) return;
    if (resource.object.metadata?.annotations?.['kubernetes.io/config.mirror']) return;
    const allowed = Array.isArray(options.allowed) ? options.allowed.map(String) : [];
    const name = resource.name;
    if (allowed.includes(name) || PLATFORM_NAMES.some((p) => (p.endsWith('-') ? name.startsWith(p) : name === p || name.startsWith(`${p}-`)))) return;
    for (const labels of [resource.object.metadata?.labels ?? {}, template.metadata.labels ?? {}]) {
      if (PLATFORM_LABELS.some(([k, v]) => typeof labels[k] === 'string' && (v === undefined || labels[k] === v))) return;
      if (typeof labels['k8s-app'] === 'string' && PLATFORM_NAMES.some((p) => labels['k8s-app'].startsWith(p.replace(/-$/, '')))) return;
    }
    report('foreign', { kind: resource.kind, name }, { path: ['metadata'], evidence: { namespace: 'kube-system', labels: template.metadata.labels ?? {} } });
  },
});
