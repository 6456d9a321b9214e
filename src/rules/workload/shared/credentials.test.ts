import { describe, expect, it } from 'vitest';
import { classifyName, detectCredential, isPlaceholder, nameWords, shannonEntropy, THRESHOLDS } from './credentials.js';
import { fake, randomString, ALPHABETS } from './fixtures/fake-credentials.js';

const kindOf = (name: string | undefined, value: string) => detectCredential(name, value)?.kind;

describe('shannonEntropy', () => {
  it('measures bits per character', () => {
    expect(shannonEntropy('')).toBe(0);
    expect(shannonEntropy('aaaa')).toBe(0);
    expect(shannonEntropy('abab')).toBe(1);
    expect(shannonEntropy('0123456789abcdef')).toBe(4);
  });
  it('puts generated secrets above and words below the generic threshold', () => {
    expect(shannonEntropy(fake.hexSecret())).toBeGreaterThan(THRESHOLDS.secretMinEntropy);
    expect(shannonEntropy(fake.awsSecretAccessKey())).toBeGreaterThan(THRESHOLDS.awsSecretMinEntropy);
    expect(shannonEntropy('aaaaaaaabbbbbbbb')).toBeLessThan(THRESHOLDS.secretMinEntropy);
  });
});

describe('detectCredential: recognised formats, whatever the name', () => {
  const cases: [string, string, string][] = [
    ['AWS access key id', fake.awsAccessKeyId(), 'aws-access-key-id'],
    ['AWS temporary key id', fake.awsTemporaryKeyId(), 'aws-access-key-id'],
    ['GitHub token', fake.githubToken(), 'github-token'],
    ['GitLab token', fake.gitlabToken(), 'gitlab-token'],
    ['Slack token', fake.slackToken(), 'slack-token'],
    ['Slack webhook', fake.slackWebhook(), 'slack-webhook'],
    ['Google API key', fake.googleApiKey(), 'google-api-key'],
    ['Azure AD client secret', fake.azureClientSecret(), 'azure-client-secret'],
    ['Azure storage connection string', `DefaultEndpointsProtocol=https;AccountName=shopdata;AccountKey=${fake.azureStorageKey()};EndpointSuffix=core.windows.net`, 'azure-storage-key'],
    ['Azure Service Bus connection string', `Endpoint=sb://shop.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=${fake.azureServiceBusKey()}`, 'azure-connection-string'],
    ['JWT', fake.jwt(), 'jwt'],
    ['Bearer JWT', `Bearer ${fake.jwt()}`, 'jwt'],
    ['PEM private key', fake.privateKeyPem(), 'private-key'],
    ['GCP service account JSON', fake.gcpServiceAccountJson(), 'gcp-service-account-key'],
    ['Stripe live key', fake.stripeKey(), 'stripe-key'],
    ['password in a URL', `postgres://shop:${randomString(ALPHABETS.alnum, 18, 30)}@db.shop.svc:5432/shop`, 'url-password'],
    ['password in a URL without user', `redis://:${randomString(ALPHABETS.alnum, 12, 31)}@cache:6379/0`, 'url-password'],
  ];
  it.each(cases)('finds a %s under an innocent name', (_label, value, kind) => {
    expect(kindOf('CONFIG', value)).toBe(kind);
  });
  it('rates keys that grant access as critical', () => {
    expect(detectCredential('X', fake.privateKeyPem())?.severity).toBe('critical');
    expect(detectCredential('X', fake.gcpServiceAccountJson())?.severity).toBe('critical');
  });
});

describe('detectCredential: by name and value', () => {
  it('finds an AWS secret access key by name and entropy', () => {
    expect(kindOf('AWS_SECRET_ACCESS_KEY', fake.awsSecretAccessKey())).toBe('aws-secret-access-key');
    expect(detectCredential('AWS_SECRET_ACCESS_KEY', fake.awsSecretAccessKey())?.severity).toBe('critical');
  });
  it('finds an Azure storage key by name', () => {
    expect(kindOf('AZURE_STORAGE_KEY', fake.azureStorageKey())).toBe('azure-storage-key');
  });
  it('finds literal passwords, which need not be random', () => {
    expect(kindOf('DB_PASSWORD', 'hunter2-prod')).toBe('password');
    expect(kindOf('dbPassword', 'Tr0ub4dor&3')).toBe('password');
    expect(kindOf('MYSQL_ROOT_PASSWORD', 'supersecret')).toBe('password');
  });
  it('finds generated values under secret-like names', () => {
    expect(kindOf('API_KEY', fake.hexSecret())).toBe('generic-secret');
    expect(kindOf('SESSION_SECRET', randomString(ALPHABETS.alnum, 24, 40))).toBe('generic-secret');
    expect(kindOf('webhookToken', randomString(ALPHABETS.base64url, 32, 41))).toBe('generic-secret');
    expect(kindOf('AZURE_CLIENT_SECRET', randomString(ALPHABETS.alnum, 32, 42))).toBe('azure-client-secret');
  });
});

describe('detectCredential: false positives it must not report', () => {
  const quiet: [string, string][] = [
    ['PASSWORD_FILE', '/run/secrets/x'],
    ['DB_PASSWORD_PATH', '/etc/db/password'],
    ['TOKEN_URL', 'https://auth.example.org/oauth/token'],
    ['OIDC_TOKEN_ENDPOINT', 'https://login.microsoftonline.com/common/oauth2/v2.0/token'],
    ['DB_PASSWORD', 'changeme'],
    ['DB_PASSWORD', 'password'],
    ['DB_PASSWORD', '${DB_PASSWORD}'],
    ['DB_PASSWORD', '$(DB_PASSWORD)'],
    ['DB_PASSWORD', '{{ .Values.db.password }}'],
    ['DB_PASSWORD', '<your-password>'],
    ['DB_PASSWORD', 'yourpassword'],
    ['DB_PASSWORD', '********'],
    ['DB_PASSWORD', 'mysql'],
    ['ALLOW_EMPTY_PASSWORD', 'yes'],
    ['PASSWORD_ENCRYPTION', 'scram-sha-256'],
    ['CLIENT_ID', '0f3b7c51-9d7a-4a4e-9a51-52f3a0d7c6b1'],
    ['AWS_ACCESS_KEY_ID', 'AKIAIOSFODNN7EXAMPLE'],
    ['TOKEN_TTL', '3600'],
    ['JWT_SECRET_NAME', 'shop-jwt-secret'],
    ['TLS_SECRET', 'ingress-nginx-admission-tls'],
    ['SECRET_KEY', 'not-really-a-secret-value'],
    ['API_KEY', 'please set the api key here'],
    ['SORT_KEY', fake.hexSecret()],
    ['LOG_LEVEL', fake.hexSecret()],
    ['GIT_COMMIT', randomString('0123456789abcdef', 40, 50)],
    ['DATABASE_URL', 'postgres://shop:${DB_PASSWORD}@db:5432/shop'],
    ['DATABASE_URL', 'postgres://db.shop.svc:5432/shop'],
    ['PRIVATE_KEY', '-----BEGIN PRIVATE KEY-----\n...\n-----END PRIVATE KEY-----'],
    ['IMAGE', 'eyJhbGciOiJIUzI1NiJ9-not-a-jwt'],
  ];
  it.each(quiet)('%s=%s', (name, value) => {
    expect(detectCredential(name, value)).toBeUndefined();
  });
});

describe('helpers', () => {
  it('splits names into words', () => {
    expect(nameWords('dbPassword')).toEqual(['DB', 'PASSWORD']);
    expect(nameWords('MYSQL_ROOT_PASSWORD')).toEqual(['MYSQL', 'ROOT', 'PASSWORD']);
    expect(nameWords('api.key')).toEqual(['API', 'KEY']);
  });
  it('classifies names', () => {
    expect(classifyName('REDIS_PASSWORD')).toBe('password');
    expect(classifyName('GITHUB_TOKEN')).toBe('secret');
    expect(classifyName('STRIPE_API_KEY')).toBe('secret');
    expect(classifyName('PASSWORD_FILE')).toBeUndefined();
    expect(classifyName('CACHE_KEY')).toBeUndefined();
  });
  it('knows placeholders', () => {
    expect(isPlaceholder('REPLACE_ME')).toBe(true);
    expect(isPlaceholder('%DB_PASS%')).toBe(true);
    expect(isPlaceholder(fake.hexSecret())).toBe(false);
  });
  it('returns only what was found, nothing of the value', () => {
    const value = fake.githubToken();
    const match = detectCredential('GITHUB_TOKEN', value)!;
    expect(Object.keys(match).sort()).toEqual(['confidence', 'kind', 'label', 'severity']);
    expect(JSON.stringify(match)).not.toContain(value.slice(4, 12));
  });
});
