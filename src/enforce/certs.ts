// @peculiar/x509 resolves its ASN.1 handlers through tsyringe, which needs the metadata polyfill first.
import 'reflect-metadata';
import { webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';

x509.cryptoProvider.set(webcrypto as unknown as Crypto);

/**
 * A private CA and a serving certificate for the webhook Service, with ECDSA P-256 keys from
 * the platform's WebCrypto (fast to generate; RSA in pure JS is not needed).
 */
export interface WebhookCerts {
  caCert: string;
  cert: string;
  key: string;
  dnsNames: string[];
  notAfter: Date;
}

const ALG = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;

async function pemKey(key: CryptoKey): Promise<string> {
  const der = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', key as never));
  const b64 = der.toString('base64').replace(/(.{64})/g, '$1\n');
  return `-----BEGIN PRIVATE KEY-----\n${b64}${b64.endsWith('\n') ? '' : '\n'}-----END PRIVATE KEY-----\n`;
}

export async function generateWebhookCerts(service: string, namespace: string, days = 365, now = new Date()): Promise<WebhookCerts> {
  const notAfter = new Date(now.getTime() + days * 86_400_000);
  const caKeys = (await webcrypto.subtle.generateKey(ALG, true, ['sign', 'verify'])) as CryptoKeyPair;
  const ca = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: '01',
    name: `CN=rampart-admission-ca`,
    notBefore: now,
    notAfter,
    keys: caKeys,
    signingAlgorithm: ALG,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
    ],
  });
  const keys = (await webcrypto.subtle.generateKey(ALG, true, ['sign', 'verify'])) as CryptoKeyPair;
  const dnsNames = [service, `${service}.${namespace}`, `${service}.${namespace}.svc`, `${service}.${namespace}.svc.cluster.local`, 'localhost'];
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: '02',
    subject: `CN=${service}.${namespace}.svc`,
    issuer: ca.subject,
    notBefore: now,
    notAfter,
    signingKey: caKeys.privateKey,
    publicKey: keys.publicKey,
    signingAlgorithm: ALG,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      new x509.SubjectAlternativeNameExtension([...dnsNames.map((value) => ({ type: 'dns' as const, value })), { type: 'ip', value: '127.0.0.1' }]),
    ],
  });
  return { caCert: ca.toString('pem'), cert: cert.toString('pem'), key: await pemKey(keys.privateKey), dnsNames, notAfter };
}

export interface WebhookConfigOptions {
  service: string;
  namespace: string;
  caCert: string;
  path?: string;
  port?: number;
  failurePolicy?: 'Fail' | 'Ignore';
  timeoutSeconds?: number;
}

/**
 * The ValidatingWebhookConfiguration: workload kinds on CREATE and UPDATE, the webhook's own
 * namespace and kube-system excluded (so that it can never block its own recovery), no side effects.
 */
export function webhookConfiguration(o: WebhookConfigOptions): Record<string, unknown> {
  return {
    apiVersion: 'admissionregistration.k8s.io/v1',
    kind: 'ValidatingWebhookConfiguration',
    metadata: { name: 'rampart', labels: { 'app.kubernetes.io/name': 'rampart' } },
    webhooks: [
      {
        name: 'validate.rampart.dev',
        admissionReviewVersions: ['v1'],
        sideEffects: 'None',
        failurePolicy: o.failurePolicy ?? 'Fail',
        timeoutSeconds: o.timeoutSeconds ?? 5,
        matchPolicy: 'Equivalent',
        clientConfig: {
          service: { name: o.service, namespace: o.namespace, path: o.path ?? '/validate', port: o.port ?? 443 },
          caBundle: Buffer.from(o.caCert).toString('base64'),
        },
        namespaceSelector: {
          matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'NotIn', values: [o.namespace, 'kube-system'] }],
        },
        rules: [
          { apiGroups: [''], apiVersions: ['v1'], operations: ['CREATE', 'UPDATE'], resources: ['pods', 'replicationcontrollers', 'podtemplates', 'secrets', 'services'], scope: 'Namespaced' },
          { apiGroups: ['apps'], apiVersions: ['v1'], operations: ['CREATE', 'UPDATE'], resources: ['deployments', 'replicasets', 'statefulsets', 'daemonsets'], scope: 'Namespaced' },
          { apiGroups: ['batch'], apiVersions: ['v1'], operations: ['CREATE', 'UPDATE'], resources: ['jobs', 'cronjobs'], scope: 'Namespaced' },
        ],
      },
    ],
  };
}
