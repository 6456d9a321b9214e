import { defineRule } from '../../../core/rule.js';
import { WEAK_SIGNATURES, type CertificateFacts } from '../../../collectors/node/certs.js';
import { checkProperties, nodeView } from '../common.js';
import { NODE_FACT_KINDS } from '../../kinds.js';

const DAY = 86_400_000;
const GOOD_CURVES = new Set(['prime256v1', 'secp384r1', 'secp521r1', 'P-256', 'P-384', 'P-521']);
/** Names the API server certificate must carry for in-cluster clients to verify it. */
const APISERVER_SANS = ['DNS:kubernetes', 'DNS:kubernetes.default', 'DNS:kubernetes.default.svc'];

function renewHint(distribution: string, file: string): string {
  return distribution === 'canonical-k8s'
    ? `Renew the certificate (sudo k8s refresh-certs --expires-in 1y on this node), or replace ${file} with one issued by your CA, then restart the components that use it (sudo snap restart k8s).`
    : `Renew it with kubeadm certs renew all (or replace ${file}), then restart the control-plane static pods and the kubelet.`;
}

function weaknesses(c: CertificateFacts): string[] {
  const out: string[] = [];
  if (c.keyType === 'rsa' && (c.keyBits ?? 0) < 2048) out.push(`RSA key of ${c.keyBits} bits (< 2048)`);
  if (c.keyType === 'ec' && c.curve && !GOOD_CURVES.has(c.curve)) out.push(`weak curve ${c.curve}`);
  if (c.keyType === 'dsa') out.push('DSA key');
  if (c.signatureAlgorithm && WEAK_SIGNATURES.has(c.signatureAlgorithm)) out.push(`weak signature ${c.signatureAlgorithm}`);
  return out;
}

export default defineRule({
  id: 'node-certificates',
  title: 'PKI certificates are valid, strong and correctly constrained',
  severity: 'high',
  area: 'node',
  target: 'inventory',
  kinds: NODE_FACT_KINDS,
  description:
    'An expired certificate stops the control plane; one close to expiry will. Short RSA keys, weak curves and SHA-1 signatures can be forged. A leaf certificate marked as a CA can sign others. The API server certificate must name the in-cluster service names so that pods can verify it.',
  remediation: 'Renew or reissue the certificate as the finding says.',
  messages: {
    expiry: 'Certificate {{file}} is within its validity: {{detail}}',
    strength: 'Certificate {{file}} uses a strong key and signature: {{detail}}',
    'ca-constraints': 'Certificate {{file}} has the right CA constraints: {{detail}}',
    'apiserver-sans': 'API server certificate names the in-cluster service: {{detail}}',
    unreadable: 'Certificate or key {{file}} can be read: {{detail}}',
    'key-strength': 'Private key {{file}} is strong: {{detail}}',
  },
  check({ inventory, report, settings }) {
    const view = nodeView(inventory);
    if (!view) return;
    const { facts } = view;
    const now = settings.now.getTime();
    const apiCert = facts.components['kube-apiserver']?.flags['--tls-cert-file']?.value;
    for (const cert of facts.certificates) {
      const id = 'index' in cert && cert.index > 0 ? `${cert.file}#${cert.index}` : cert.file;
      const data = (detail: string) => ({ file: id, detail });
      if ('error' in cert) {
        report('unreadable', data(cert.error), { status: 'error', resource: view.node, path: ['certificates', cert.file], evidence: { file: cert.file, error: cert.error }, properties: checkProperties('rampart', 'certificate-readable') });
        continue;
      }
      const c = cert as CertificateFacts;
      const base = { file: c.file, subject: c.subject, issuer: c.issuer, notAfter: c.notAfter };
      const path = ['certificates', id];
      const left = Math.floor((Date.parse(c.notAfter) - now) / DAY);
      const notYet = Date.parse(c.notBefore) > now;
      const expiry =
        left < 0
          ? { status: 'fail' as const, severity: 'critical' as const, detail: `expired on ${c.notAfter.slice(0, 10)} (${-left} days ago)` }
          : notYet
            ? { status: 'fail' as const, severity: 'high' as const, detail: `not valid before ${c.notBefore.slice(0, 10)}` }
            : left < 30
              ? { status: 'fail' as const, severity: 'high' as const, detail: `expires in ${left} days (${c.notAfter.slice(0, 10)})` }
              : left < 90
                ? { status: 'warn' as const, severity: 'medium' as const, detail: `expires in ${left} days (${c.notAfter.slice(0, 10)})` }
                : { status: 'pass' as const, severity: undefined, detail: `valid until ${c.notAfter.slice(0, 10)} (${left} days)` };
      report('expiry', data(expiry.detail), {
        status: expiry.status,
        severity: expiry.severity,
        resource: view.node,
        path,
        evidence: { ...base, daysLeft: left, thresholds: { fail: 30, warn: 90 } },
        properties: checkProperties('rampart', 'certificate-expiry'),
        remediation: expiry.status === 'pass' ? undefined : renewHint(facts.distribution, c.file),
      });
      const weak = weaknesses(c);
      report('strength', data(weak.length ? weak.join('; ') : `${c.keyType}${c.keyBits ? ` ${c.keyBits}` : ''}${c.curve ? ` ${c.curve}` : ''}, ${c.signatureAlgorithm ?? 'unknown signature'}`), {
        status: weak.length ? 'fail' : 'pass',
        resource: view.node,
        path,
        evidence: { ...base, keyType: c.keyType, keyBits: c.keyBits, curve: c.curve, signatureAlgorithm: c.signatureAlgorithm },
        properties: checkProperties('rampart', 'certificate-strength'),
        remediation: weak.length ? `Reissue ${c.file} with an RSA key of at least 2048 bits or an ECDSA P-256/P-384 key, signed with SHA-256 or better. ${renewHint(facts.distribution, c.file)}` : undefined,
      });
      // A CA certificate must be allowed to sign; a leaf must not claim to be a CA.
      const isCaFile = /(^|\/)([\w-]*ca)\.(crt|pem)$/.test(c.file);
      const canSign = !c.keyUsage || c.keyUsage.length === 0 || c.keyUsage.includes('2.5.29.15') || c.keyUsage.some((u) => /keyCertSign|certificate sign/i.test(u));
      const problem = isCaFile && !c.isCA ? 'a CA file whose certificate is not a CA (basicConstraints CA:FALSE)' : !isCaFile && c.isCA ? 'a leaf certificate that is marked as a CA' : isCaFile && !canSign ? 'a CA without the keyCertSign usage' : undefined;
      report('ca-constraints', data(problem ?? (c.isCA ? 'CA certificate' : 'leaf certificate, not a CA')), {
        status: problem ? 'fail' : 'pass',
        resource: view.node,
        path,
        evidence: { ...base, isCA: c.isCA, selfSigned: c.selfSigned },
        properties: checkProperties('rampart', 'certificate-ca-constraints'),
        remediation: problem ? `Reissue ${c.file} with the right basicConstraints. ${renewHint(facts.distribution, c.file)}` : undefined,
      });
      if (apiCert && c.file === apiCert && c.index === 0) {
        const missing = APISERVER_SANS.filter((s) => !c.subjectAltNames.includes(s));
        report('apiserver-sans', data(missing.length ? `missing ${missing.join(', ')}` : c.subjectAltNames.join(', ')), {
          status: missing.length ? 'fail' : 'pass',
          resource: view.node,
          path,
          evidence: { ...base, subjectAltNames: c.subjectAltNames, expected: APISERVER_SANS },
          properties: checkProperties('rampart', 'apiserver-certificate-sans'),
          remediation: missing.length ? `Reissue the API server certificate with the SANs ${missing.join(', ')}. ${renewHint(facts.distribution, c.file)}` : undefined,
        });
      }
    }
    for (const k of facts.keys) {
      const path = ['keys', k.file];
      if (k.error) {
        report('unreadable', { file: k.file, detail: k.error }, { status: 'error', resource: view.node, path, evidence: { file: k.file, error: k.error }, properties: checkProperties('rampart', 'certificate-readable') });
        continue;
      }
      const weak = k.keyType === 'rsa' && (k.keyBits ?? 0) < 2048 ? `RSA key of ${k.keyBits} bits (< 2048)` : k.keyType === 'ec' && k.curve && !GOOD_CURVES.has(k.curve) ? `weak curve ${k.curve}` : undefined;
      report('key-strength', { file: k.file, detail: weak ?? `${k.keyType}${k.keyBits ? ` ${k.keyBits}` : ''}${k.curve ? ` ${k.curve}` : ''}` }, {
        status: weak ? 'fail' : 'pass',
        resource: view.node,
        path,
        evidence: { file: k.file, keyType: k.keyType, keyBits: k.keyBits, curve: k.curve },
        properties: checkProperties('rampart', 'key-strength'),
        remediation: weak ? `Replace ${k.file} with an RSA key of at least 2048 bits or an ECDSA P-256 key and reissue its certificate.` : undefined,
      });
    }
  },
});
