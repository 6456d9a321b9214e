import { permissionRule } from '../shared.js';

export default permissionRule({
  id: "rbac-csr-approve",
  title: "Approve or sign certificate signing requests",
  clusterSeverity: 'critical',
  namespaceSeverity: 'high',
  // approve (or sign) on a signer is the gate: updating certificatesigningrequests/approval alone is refused
  // by the CSR approval admission check without it.
  capabilities: ['signers-approve', 'signers-sign'],
  what: "approve or sign certificate signing requests (a client certificate is an identity of the signer's choosing)",
  description: "Approving a CSR for the kubernetes.io/kube-apiserver-client signer issues a client certificate for any user and group, system:masters included; signers approve/sign with wide resourceNames is as strong.",
  remediation: "Approve CSRs with the built-in controllers only; limit signers approve to the exact signerName (resourceNames).",
});
