import { defineRule } from '../../../core/rule.js';
import { isObject } from '../../../core/workload.js';

/** Keys of a Secret field whose values are not empty (names only; values are never read out). */
function filledKeys(field: unknown): string[] {
  if (!isObject(field)) return [];
  return Object.keys(field).filter((k) => {
    const v = field[k];
    return v !== null && v !== undefined && String(v) !== '';
  });
}

export default defineRule({
  id: 'secret-in-manifest',
  title: 'Secret values are committed in a manifest',
  severity: 'high',
  area: 'workload',
  target: 'resource',
  kinds: ['Secret'],
  description:
    'A Secret manifest with `data` or `stringData` holds its values in the file: base64 is an encoding, not encryption, so anyone who can read the repository, its history, a CI log or an artifact built from it has the credentials, and removing the file later does not remove them from history. A `kubernetes.io/service-account-token` Secret with empty data is only a request for the token controller to fill it, and is not reported; empty values are not reported either. Findings name the Secret and its keys; values are never reported.',
  remediation:
    'Remove the values from the repository and rotate them. Keep only encrypted or referenced forms in version control: a SealedSecret (Bitnami sealed-secrets), an ExternalSecret (external-secrets operator, backed by a vault or a cloud secret manager), SOPS-encrypted files, or a Secret created out of band.',
  example: `apiVersion: external-secrets.io/v1
kind: ExternalSecret
metadata: {name: db, namespace: shop}
spec:
  secretStoreRef: {name: vault, kind: ClusterSecretStore}
  target: {name: db}
  data:
    - secretKey: password
      remoteRef: {key: shop/db, property: password}`,
  references: [
    'https://kubernetes.io/docs/concepts/configuration/secret/',
    'https://kubernetes.io/docs/concepts/security/secrets-good-practices/',
    'https://github.com/bitnami-labs/sealed-secrets',
    'https://external-secrets.io/',
    'NSA/CISA Kubernetes Hardening Guide, "Secrets" (https://media.defense.gov/2022/Aug/29/2003066362/-1/-1/0/CTR_KUBERNETES_HARDENING_GUIDANCE_1.2_20220829.PDF)',
  ],
  messages: {
    data: 'Secret "{{name}}" carries values in data for key(s) {{keys}}',
    stringData: 'Secret "{{name}}" carries plain-text values in stringData for key(s) {{keys}}',
  },
  check({ resource, object, report }) {
    for (const field of ['data', 'stringData'] as const) {
      const keys = filledKeys(object[field]);
      if (keys.length === 0) continue;
      report(
        field,
        { name: resource.name, keys: keys.map((k) => `"${k}"`).join(', ') },
        { path: [field], evidence: { type: typeof object.type === 'string' ? object.type : 'Opaque', field, keys } },
      );
    }
  },
});
