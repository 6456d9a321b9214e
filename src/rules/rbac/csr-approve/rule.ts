import { namesInclude, type RuleCapability } from '../../../rbac/capabilities.js';
import { permissionRule } from '../shared.js';

/**
 * Signers whose certificates kube-controller-manager issues from the cluster CA and the API server
 * accepts as client identities. Approval for a signer is checked against its exact name and against
 * `<domain>/*`, so `kubernetes.io/*` covers both.
 */
const ANY_IDENTITY = ['kubernetes.io/kube-apiserver-client', 'kubernetes.io/*'];
const NODE_IDENTITY = ['kubernetes.io/kube-apiserver-client-kubelet'];

const issuesIdentity = (c: RuleCapability, names: string[]) => names.some((n) => namesInclude(c.names, n));

export default permissionRule({
  id: 'rbac-csr-approve',
  title: 'Approve certificate signing requests for a client-certificate signer',
  clusterSeverity: 'critical',
  namespaceSeverity: 'critical',
  // approve on a signer is the gate: updating certificatesigningrequests/approval is refused by the
  // CSR approval admission check without it. `sign` is not reported: a signed certificate is only
  // trusted when the signer's CA key signed it, which RBAC does not hand out.
  capabilities: ['signers-approve'],
  // Custom signers (issuers.cert-manager.io/*) issue nothing the API server trusts.
  accept: (c) => issuesIdentity(c, [...ANY_IDENTITY, ...NODE_IDENTITY]),
  // Named signers are the normal shape of this grant: severity follows the signer, not resourceNames.
  severityOf: (caps) => (caps.some((c) => issuesIdentity(c, ANY_IDENTITY)) ? 'critical' : 'high'),
  what: "approve certificate signing requests for a client-certificate signer (kubernetes.io/kube-apiserver-client issues a certificate for any user and group, system:masters included; kube-apiserver-client-kubelet one for any node)",
  description:
    "Whoever may approve CSRs for the kubernetes.io/kube-apiserver-client signer (approve on signers, plus update on certificatesigningrequests/approval) can have the cluster CA issue a client certificate for any user and group, system:masters included, which cannot be revoked short of rotating the CA. The kubelet client signer issues node identities. Custom signers, and the sign verb, are not reported: their certificates are not trusted by the API server unless the cluster CA signed them.",
  remediation: "Leave CSR approval to the built-in approvers; where a controller must approve, limit approve on signers to the exact signerName it handles (resourceNames), never kubernetes.io/kube-apiserver-client or kubernetes.io/*.",
  references: ['https://kubernetes.io/docs/reference/access-authn-authz/certificate-signing-requests/#authorization', 'https://kubernetes.io/docs/concepts/security/rbac-good-practices/#csrs-and-certificate-issuing'],
});
