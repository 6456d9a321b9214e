import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { dump } from 'js-yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { jsonReporter } from '../../../reporters/json.js';
import { tableReporter } from '../../../reporters/table.js';
import { scanManifests } from '../../../scan.js';
import { deployment, pod, ruleTester } from '../../../testing/vitest.js';
import { fake } from '../shared/fixtures/fake-credentials.js';
import rule from './rule.js';

const secretEnv: [string, string][] = [
  ['AWS_ACCESS_KEY_ID', fake.awsAccessKeyId()],
  ['AWS_SECRET_ACCESS_KEY', fake.awsSecretAccessKey()],
  ['GOOGLE_APPLICATION_CREDENTIALS_JSON', fake.gcpServiceAccountJson()],
  ['AZURE_CLIENT_SECRET', fake.azureClientSecret()],
  ['STORAGE_CONNECTION', `DefaultEndpointsProtocol=https;AccountName=shopdata;AccountKey=${fake.azureStorageKey()};EndpointSuffix=core.windows.net`],
  ['TLS_KEY', fake.privateKeyPem()],
  ['GITHUB_TOKEN', fake.githubToken()],
  ['GITLAB_TOKEN', fake.gitlabToken()],
  ['SLACK_BOT', fake.slackToken()],
  ['SESSION', fake.jwt()],
  ['DB_PASSWORD', 'Tr0ub4dor&3-prod'],
  ['API_KEY', fake.hexSecret()],
];

ruleTester.run(rule, {
  valid: [
    pod({
      containers: [
        {
          name: 'a',
          image: 'x:1',
          env: [
            { name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } },
            { name: 'PASSWORD_FILE', value: '/run/secrets/db' },
            { name: 'TOKEN_URL', value: 'https://auth.shop.example/token' },
            { name: 'ADMIN_PASSWORD', value: 'changeme' },
            { name: 'DATABASE_URL', value: 'postgres://shop:$(DB_PASSWORD)@db:5432/shop' },
          ],
        },
      ],
    }),
  ],
  invalid: [
    {
      input: deployment({
        initContainers: [{ name: 'migrate', image: 'x:1', env: [{ name: 'DB_PASSWORD', value: 'hunter2-prod' }] }],
        containers: [{ name: 'web', image: 'x:1', env: [{ name: 'LOG_LEVEL', value: 'debug' }, { name: 'GITHUB_TOKEN', value: fake.githubToken() }] }],
      }),
      errors: [
        { messageId: 'credential', path: 'spec.template.spec.initContainers[0].env[0].value', message: '"DB_PASSWORD" to a literal password' },
        { messageId: 'credential', path: 'spec.template.spec.containers[0].env[1].value', message: 'literal GitHub token' },
      ],
    },
    {
      input: pod({ containers: [{ name: 'a', image: 'x:1', env: secretEnv.map(([name, value]) => ({ name, value })) }] }),
      errors: secretEnv.map((_e, i) => ({ messageId: 'credential', path: `spec.containers[0].env[${i}].value` })),
    },
  ],
});

describe('container-env-credential in a scan report', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'rampart-env-credential-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reports every credential by location, and no value reaches the JSON or table report', async () => {
    const file = path.join(dir, 'app.yaml');
    const manifest = pod({ containers: [{ name: 'web', image: 'x:1', env: secretEnv.map(([name, value]) => ({ name, value })) }] });
    writeFileSync(file, dump(manifest, { lineWidth: -1 }));
    const report = await scanManifests([file], { selection: { only: ['container-env-credential'] }, settings: { now: new Date('2026-01-01') } });
    const findings = report.findings.filter((f) => f.ruleId === 'container-env-credential');
    expect(findings.map((f) => f.evidence?.variable)).toEqual(secretEnv.map(([name]) => name));
    const severities = Object.fromEntries(findings.map((f) => [f.evidence?.variable, f.severity]));
    expect(severities).toMatchObject({ TLS_KEY: 'critical', AWS_SECRET_ACCESS_KEY: 'critical', GITHUB_TOKEN: 'high', API_KEY: 'medium' });

    const outputs = [await jsonReporter.render(report, { color: false, verbose: true }), await tableReporter.render(report, { color: false, verbose: true, width: 200 })];
    for (const out of outputs) {
      for (const [name, value] of secretEnv) {
        expect(out, name).toContain(name);
        expect(out, name).not.toContain(value);
        // The random core of each value (its longest run of token characters) must be absent too.
        const core = [...value.matchAll(/[A-Za-z0-9+/_~-]{16,}/g)].map((m) => m[0]).sort((a, b) => b.length - a.length)[0]!;
        expect(out, name).not.toContain(core);
      }
      expect(out).not.toContain('Tr0ub4dor');
    }
  });
});
