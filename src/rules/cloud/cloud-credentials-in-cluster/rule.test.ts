import { describe, expect, it } from 'vitest';
import { detectCredentials } from '../../../cloud/credentials.js';
import { deployment, ruleTester } from '../../../testing/vitest.js';
import { clusterInfo, forbidden } from '../../cluster/shared/test-objects.js';
import rule from './rule.js';

// The AWS documentation's example keys; not real credentials.
const KEY_ID = 'AKIAIOSFODNN7EXAMPLE';
const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const b64 = (s: string) => Buffer.from(s).toString('base64');
const secret = (data: Record<string, string>) => ({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'creds', namespace: 'app' }, type: 'Opaque', data });

ruleTester.run(rule, {
  valid: [
    deployment({ containers: [{ name: 'a', image: 'a:1', env: [{ name: 'REGION', value: 'eu-west-1' }, { name: 'AWS_ROLE_ARN', value: 'arn:aws:iam::111122223333:role/x' }] }] }),
    secret({ password: b64('hunter2hunter2') }),
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg', namespace: 'app' }, data: { 'app.yaml': 'users: []\nregion: eu-west-1\n' } },
  ],
  invalid: [
    {
      input: deployment({ containers: [{ name: 'a', image: 'a:1', env: [{ name: 'AWS_ACCESS_KEY_ID', value: KEY_ID }, { name: 'AWS_SECRET_ACCESS_KEY', value: SECRET }] }] }),
      errors: [
        { messageId: 'inEnv', path: 'spec.template.spec.containers[0].env[0].value', message: 'AWS access key id in the plain env value AWS_ACCESS_KEY_ID' },
        { messageId: 'inEnv', path: 'spec.template.spec.containers[0].env[1].value' },
      ],
    },
    {
      input: secret({ credentials: b64(`[default]\naws_access_key_id = ${KEY_ID}\naws_secret_access_key = ${SECRET}\n`) }),
      with: [deployment({ volumes: [{ name: 'aws', secret: { secretName: 'creds' } }], containers: [{ name: 'a', image: 'a:1', volumeMounts: [{ name: 'aws', mountPath: '/root/.aws' }] }] })],
      errors: [{ messageId: 'inSecret', path: 'data.credentials', message: 'holds AWS access key id, AWS secret access key, used by Deployment/test' }],
    },
    {
      input: deployment({ volumes: [{ name: 'aws', secret: { secretName: 'creds' } }], containers: [{ name: 'a', image: 'a:1', volumeMounts: [{ name: 'aws', mountPath: '/root/.aws/' }], envFrom: [{ secretRef: { name: 'creds' } }] }] }),
      with: [secret({ credentials: b64(`aws_secret_access_key=${SECRET}`) })],
      errors: [
        { messageId: 'mounted', path: 'spec.template.spec.containers[0].volumeMounts[0]', message: 'as file(s) /root/.aws/credentials' },
        { messageId: 'mounted', path: 'spec.template.spec.containers[0].envFrom[0]', message: 'from Secret creds as env (envFrom)' },
      ],
    },
    {
      input: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg', namespace: 'app' }, data: { 'azure.json': '{"cloud":"AzurePublicCloud","aadClientId":"x","aadClientSecret":"s3cr3t-value"}' } },
      errors: [{ messageId: 'inConfigMap', path: 'data["azure.json"]', message: 'Azure client secret in plain text' }],
    },
    // Redacted by a cluster scan: the marker keeps what was found.
    { input: secret({ 'key.json': 'rampart-redacted:gcp-service-account-key' }), errors: [{ messageId: 'inSecret', message: 'GCP service account key' }] },
    { input: clusterInfo({ forbidden: [forbidden('secrets')] }), errors: [{ messageId: 'skipped', status: 'skipped' }] },
  ],
});

describe('credential detection', () => {
  it('finds each kind and names only the kind', () => {
    expect(detectCredentials('x', KEY_ID)).toEqual(['aws-access-key']);
    expect(detectCredentials('AWS_SECRET_ACCESS_KEY', SECRET)).toEqual(['aws-secret-key']);
    expect(detectCredentials('SOMETHING', SECRET)).toEqual([]);
    expect(detectCredentials('k', JSON.stringify({ type: 'service_account', private_key: '-----BEGIN PRIVATE KEY-----\nx\n-----END PRIVATE KEY-----\n' }))).toEqual(['gcp-service-account-key']);
    expect(detectCredentials('AZURE_CLIENT_SECRET', 'abc')).toEqual(['azure-client-secret']);
    expect(detectCredentials('config', 'apiVersion: v1\nusers:\n- name: u\n  user:\n    client-key-data: LS0tLS1CRUdJTi\n')).toEqual(['kubeconfig-credentials']);
    expect(detectCredentials('config', 'apiVersion: v1\nusers:\n- name: u\n  user:\n    exec: {command: aws}\n')).toEqual([]);
  });
});
