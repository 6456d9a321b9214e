import { defineRule } from '../../../core/rule.js';
import { isObject } from '../../../core/workload.js';
import { detectCredential } from '../shared/credentials.js';

export default defineRule({
  id: 'container-env-credential',
  title: 'Credential written as a literal environment variable',
  severity: 'high',
  area: 'workload',
  target: 'container',
  description:
    'A credential written into `env[].value` is stored in plain text in the manifest, in version control and its history, in the API server (readable by anyone who may get or list the workload, a far wider group than those who may read Secrets), in `kubectl describe` output and in CI logs. It cannot be rotated without a change to the workload. Values are recognised by the formats of well-known credentials (cloud keys, tokens, private keys, JWTs, passwords in URLs) or by a name such as *PASSWORD*, *SECRET*, *TOKEN* or *API_KEY* together with a value that looks real (any literal password of six characters or more; a long, high-entropy value for the other names); placeholders, references such as `$(VAR)` or `${VAR}`, paths and URLs are ignored. Findings name the container and the variable; the value itself is never reported.',
  remediation:
    'Revoke and rotate the credential (it is already exposed), store it in a Secret (created out of band or by sealed-secrets / external-secrets), and reference it with `valueFrom.secretKeyRef`, or mount it as a file.',
  example: `env:
  - name: DB_PASSWORD
    valueFrom:
      secretKeyRef: {name: db, key: password}`,
  references: [
    'https://kubernetes.io/docs/concepts/configuration/secret/#using-secrets-as-environment-variables',
    'https://kubernetes.io/docs/concepts/security/secrets-good-practices/',
    'NSA/CISA Kubernetes Hardening Guide, "Secrets" (https://media.defense.gov/2022/Aug/29/2003066362/-1/-1/0/CTR_KUBERNETES_HARDENING_GUIDANCE_1.2_20220829.PDF)',
    'CIS Kubernetes Benchmark, section 5.4 (secrets management): prefer secrets as files over environment variables',
  ],
  messages: {
    credential: 'Container "{{container}}" sets environment variable "{{variable}}" to a literal {{label}}',
  },
  check({ container, report }) {
    if (!Array.isArray(container.env)) return;
    container.env.forEach((env: unknown, i: number) => {
      if (!isObject(env) || typeof env.value !== 'string') return;
      const name = typeof env.name === 'string' ? env.name : undefined;
      const match = detectCredential(name, env.value);
      if (!match) return;
      // Location and kind only: nothing derived from the value goes into the finding.
      report(
        'credential',
        { container: container.name, variable: name ?? `#${i}`, label: match.label },
        {
          path: ['env', i, 'value'],
          severity: match.severity,
          evidence: { container: container.name, variable: name ?? null, detector: match.kind, confidence: match.confidence },
        },
      );
    });
  },
});
