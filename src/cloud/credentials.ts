/**
 * A minimal cloud-credential detector for cluster scans: Secret and ConfigMap values, container
 * env. (A fuller detector for workload rules is written in parallel at
 * src/rules/workload/shared/credentials.ts; this one can be folded into it after the merge.)
 *
 * Values are judged in memory and then replaced by a marker that names only what was found
 * (`rampart-redacted:aws-access-key`), so snapshots and reports never hold a value, yet a scan of
 * the redacted objects finds the same credentials at the same places.
 */

export const CREDENTIAL_TYPES = ['aws-access-key', 'aws-secret-key', 'gcp-service-account-key', 'azure-client-secret', 'kubeconfig-credentials'] as const;
export type CredentialType = (typeof CREDENTIAL_TYPES)[number];

export const REDACTED_PREFIX = 'rampart-redacted';

export const CREDENTIAL_LABELS: Record<CredentialType, string> = {
  'aws-access-key': 'AWS access key id',
  'aws-secret-key': 'AWS secret access key',
  'gcp-service-account-key': 'GCP service account key',
  'azure-client-secret': 'Azure client secret',
  'kubeconfig-credentials': 'kubeconfig with embedded credentials',
};

const AWS_KEY_ID = /(?<![A-Z0-9])(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}(?![A-Z0-9])/;
const AWS_SECRET_NAME = /aws[_-]?secret[_-]?access[_-]?key|^secret[_-]?access[_-]?key$/i;
const AWS_SECRET_VALUE = /^[A-Za-z0-9/+=]{40}$/;
const AWS_SECRET_IN_FILE = /aws_secret_access_key\s*[=:]\s*["']?[A-Za-z0-9/+=]{40}/i;
const AZURE_SECRET_NAME = /^(?:azure|arm)[_-]?client[_-]?secret$|^client[_-]?secret$|^aadClientSecret$/i;
const AZURE_SECRET_IN_FILE = /"aadClientSecret"\s*:\s*"[^"\s]+"|(?:AZURE|ARM)_CLIENT_SECRET\s*=\s*\S+/;
const GCP_KEY = /"type"\s*:\s*"service_account"[\s\S]*"private_key"\s*:\s*"-----BEGIN|"private_key"\s*:\s*"-----BEGIN[\s\S]*"type"\s*:\s*"service_account"/;
const KUBECONFIG_USERS = /^\s*users\s*:/m;
const KUBECONFIG_SECRET = /^\s*(?:token|client-key-data|password)\s*:\s*["']?[^\s"'#]{8,}/m;

/** What credentials a named value holds (empty when none); the value itself is never returned. */
export function detectCredentials(name: string, value: string): CredentialType[] {
  if (!value) return [];
  const marked = typesInMarker(value);
  if (marked) return marked;
  const found = new Set<CredentialType>();
  if (AWS_KEY_ID.test(value)) found.add('aws-access-key');
  if ((AWS_SECRET_NAME.test(name) && AWS_SECRET_VALUE.test(value.trim())) || AWS_SECRET_IN_FILE.test(value)) found.add('aws-secret-key');
  if ((AZURE_SECRET_NAME.test(name) && value.trim() !== '') || AZURE_SECRET_IN_FILE.test(value)) found.add('azure-client-secret');
  if (value.includes('service_account') && GCP_KEY.test(value)) found.add('gcp-service-account-key');
  if (KUBECONFIG_USERS.test(value) && KUBECONFIG_SECRET.test(value)) found.add('kubeconfig-credentials');
  return CREDENTIAL_TYPES.filter((t) => found.has(t));
}

/** The marker that replaces a value: it keeps what was found, not what it was. */
export function redactedMarker(types: readonly CredentialType[]): string {
  return types.length ? `${REDACTED_PREFIX}:${types.join(',')}` : REDACTED_PREFIX;
}

/** The credential types a marker records, or undefined when the value is not a marker. */
export function typesInMarker(value: string): CredentialType[] | undefined {
  if (!value.startsWith(REDACTED_PREFIX)) return undefined;
  const rest = value.slice(REDACTED_PREFIX.length);
  if (rest === '') return [];
  if (!rest.startsWith(':')) return undefined;
  return rest
    .slice(1)
    .split(',')
    .filter((t): t is CredentialType => (CREDENTIAL_TYPES as readonly string[]).includes(t));
}

/** Decodes a Secret's base64 `data` value, leaving markers as they are. */
export function decodeSecretValue(value: string): string {
  if (value.startsWith(REDACTED_PREFIX)) return value;
  return Buffer.from(value, 'base64').toString('utf8');
}
