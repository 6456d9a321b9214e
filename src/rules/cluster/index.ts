import type { Rule } from '../../core/rule.js';
import admissionWebhookFailOpen from './admission-webhook-fail-open/rule.js';
import ingressWithoutTls from './ingress-without-tls/rule.js';
import kubeSystemForeignWorkload from './kube-system-foreign-workload/rule.js';
import kubeletVersionSkew from './kubelet-version-skew/rule.js';
import kubernetesVersionVulnerable from './kubernetes-version-vulnerable/rule.js';
import namespaceNetworkPolicyMissing from './namespace-network-policy-missing/rule.js';
import namespacePodSecurityLabelsMissing from './namespace-pod-security-labels-missing/rule.js';
import serviceExposedExternally from './service-exposed-externally/rule.js';

/** Rules of the cluster area, in the order they are listed. */
export const clusterRules: Rule[] = [
  kubernetesVersionVulnerable,
  kubeletVersionSkew,
  namespacePodSecurityLabelsMissing,
  namespaceNetworkPolicyMissing,
  admissionWebhookFailOpen,
  serviceExposedExternally,
  ingressWithoutTls,
  kubeSystemForeignWorkload,
];
