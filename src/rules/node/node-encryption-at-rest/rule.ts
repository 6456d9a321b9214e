import { defineRule } from '../../../core/rule.js';
import type { CheckIds } from '../catalogue.js';
import { checkProperties, fileRemediation, flagRemediation, modeWithin, nodeView, reportCheck, statOf } from '../common.js';
import { NODE_FACT_KINDS } from '../../kinds.js';

const FLAG_IDS: CheckIds = { 'cis-ck8s': '1.2.29', 'cis-kubeadm': '1.2.27' };
const PROVIDER_IDS: CheckIds = { 'cis-ck8s': '1.2.30', 'cis-kubeadm': '1.2.28' };

/** Providers that encrypt (identity writes plain text); kms is judged by its apiVersion. */
const REMEDIATION =
  'Write an EncryptionConfiguration whose first provider for secrets is kms (apiVersion v2), aescbc or secretbox, keep the file mode 600, point --encryption-provider-config at it, restart the API server and rewrite existing secrets (kubectl get secrets -A -o json | kubectl replace -f -).';

const STRONG = new Set(['aescbc', 'secretbox', 'kms']);

export default defineRule({
  id: 'node-encryption-at-rest',
  title: 'Secrets are encrypted at rest in the datastore',
  severity: 'high',
  area: 'node',
  target: 'inventory',
  kinds: NODE_FACT_KINDS,
  description:
    'Without an EncryptionConfiguration, or with `identity` as its first provider, Secrets are written to etcd (or k8s-dqlite) in plain text: anyone with a datastore backup or read access to its files reads every credential of the cluster. The first provider encrypts new writes; later ones only decrypt.',
  remediation: REMEDIATION,
  references: ['https://kubernetes.io/docs/tasks/administer-cluster/encrypt-data/'],
  messages: {
    'encryption-flag': '[{{checkId}}] Encryption at rest is configured on the API server: {{detail}}',
    'encryption-providers': '[{{checkId}}] Encryption providers protect secrets: {{detail}}',
    'encryption-config-mode': '[{{checkId}}] Encryption configuration file is readable by root only: {{detail}}',
  },
  check({ inventory, report }) {
    const view = nodeView(inventory);
    if (!view) return;
    const { facts, benchmark } = view;
    const cis = benchmark !== 'stig';
    const flagId = cis ? FLAG_IDS[benchmark] : undefined;
    const providerId = cis ? PROVIDER_IDS[benchmark] : undefined;
    const api = facts.components['kube-apiserver'];
    if (!api?.present) {
      if (flagId) reportCheck(report, view, 'encryption-flag', checkProperties(benchmark, flagId, FLAG_IDS), { status: 'not-applicable', detail: 'no API server on this node', evidence: { role: facts.role } });
      if (providerId) reportCheck(report, view, 'encryption-providers', checkProperties(benchmark, providerId, PROVIDER_IDS), { status: 'not-applicable', detail: 'no API server on this node', evidence: { role: facts.role } });
      return;
    }
    const enc = facts.encryption;
    const apiResource = view.components.get('kube-apiserver');
    const fix = '--encryption-provider-config=<EncryptionConfiguration file>';
    if (flagId) {
      reportCheck(report, view, 'encryption-flag', checkProperties(benchmark, flagId, FLAG_IDS), {
        status: enc.configured ? 'pass' : 'fail',
        detail: enc.configured ? `--encryption-provider-config=${enc.file}` : '--encryption-provider-config is not set: secrets are stored in plain text',
        resource: apiResource,
        path: ['flags', '--encryption-provider-config'],
        evidence: { component: 'kube-apiserver', flag: '--encryption-provider-config', actual: enc.file ?? null, line: enc.flagLine, expected: 'set' },
        remediation: enc.configured ? undefined : `${flagRemediation(facts, 'kube-apiserver', fix)}. ${REMEDIATION}`,
      });
    }
    if (providerId) {
      const props = checkProperties(benchmark, providerId, PROVIDER_IDS);
      if (!enc.configured) {
        reportCheck(report, view, 'encryption-providers', props, { status: 'fail', detail: 'no EncryptionConfiguration in use', evidence: { expected: 'first provider one of kms v2, aescbc, secretbox' }, remediation: REMEDIATION });
      } else if (enc.error) {
        reportCheck(report, view, 'encryption-providers', props, { status: 'error', detail: `${enc.file}: ${enc.error}`, evidence: { file: enc.file, error: enc.error } });
      } else {
        const providers = enc.secretsProviders ?? [];
        const first = providers[0];
        const kmsVersion = enc.groups?.find((g) => g.providers === enc.secretsProviders)?.kmsApiVersions[0];
        let status: 'pass' | 'fail' | 'warn' = 'pass';
        let detail: string;
        if (!first) {
          status = 'fail';
          detail = `${enc.file} has no provider for secrets`;
        } else if (first === 'identity') {
          status = 'fail';
          detail = `first provider is identity: new secrets are written unencrypted (providers: ${providers.join(', ')})`;
        } else if (first === 'kms' && kmsVersion !== 'v2') {
          status = 'warn';
          detail = 'first provider is KMS v1, deprecated since Kubernetes 1.28; move to KMS v2';
        } else if (first === 'aesgcm') {
          status = 'warn';
          detail = 'first provider is aesgcm: strong, but the benchmark lists aescbc, kms and secretbox, and aesgcm keys must be rotated every 200,000 writes';
        } else if (STRONG.has(first)) {
          detail = `first provider is ${first}${first === 'kms' ? ' v2' : ''} (providers: ${providers.join(', ')})`;
        } else {
          status = 'fail';
          detail = `first provider "${first}" is not one the benchmark accepts`;
        }
        reportCheck(report, view, 'encryption-providers', props, {
          status,
          detail,
          evidence: { file: enc.file, providers, groups: enc.groups, expected: 'first provider one of kms (v2), aescbc, secretbox' },
          remediation: status === 'pass' ? undefined : REMEDIATION,
        });
      }
    }
    if (enc.configured && enc.file) {
      const st = statOf(facts, enc.file);
      const props = checkProperties('rampart', 'encryption-config-mode');
      if (st.error) reportCheck(report, view, 'encryption-config-mode', props, { status: 'error', detail: `${enc.file}: ${st.error}`, evidence: { file: enc.file, error: st.error } });
      else if (!st.exists) reportCheck(report, view, 'encryption-config-mode', props, { status: 'fail', detail: `${enc.file} does not exist: the API server will not start`, evidence: { file: enc.file } });
      else {
        const ok = modeWithin(st.mode!, '600') && st.uid === 0;
        reportCheck(report, view, 'encryption-config-mode', props, {
          status: ok ? 'pass' : 'fail',
          detail: `${enc.file} is mode ${st.mode}, owned by ${st.owner}`,
          evidence: { file: enc.file, mode: st.mode, owner: st.owner, expected: { mode: '600', owner: 'root:root' } },
          remediation: ok ? undefined : fileRemediation(facts, enc.file, { mode: '600', owner: 'root:root' }),
        });
      }
    }
  },
});
