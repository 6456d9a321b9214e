import { defineRule } from '../../../core/rule.js';
import type { CheckIds } from '../catalogue.js';
import { checkProperties, flagRemediation, nodeView, reportCheck } from '../common.js';
import { NODE_FACT_KINDS } from '../../kinds.js';

const POLICY_IDS: CheckIds = { 'cis-ck8s': '3.2.1', 'cis-kubeadm': '3.2.1', stig: ['V-242403', 'V-242461'] };
const COVERAGE_IDS: CheckIds = { 'cis-ck8s': '3.2.2', 'cis-kubeadm': '3.2.2' };

export default defineRule({
  id: 'node-audit-logging',
  title: 'The API server audits requests with a policy that keeps secrets out of the log',
  severity: 'medium',
  area: 'node',
  target: 'inventory',
  kinds: NODE_FACT_KINDS,
  description:
    'Without an audit policy the API server records nothing, and an intrusion leaves no trace. A policy that logs Secrets (or everything) at Request or RequestResponse level writes secret values into the audit log, which is then as sensitive as the datastore.',
  remediation:
    'Point --audit-policy-file at a Policy whose rules log secrets, configmaps and token reviews at Metadata level, and set --audit-log-path, --audit-log-maxage, --audit-log-maxbackup and --audit-log-maxsize.',
  references: ['https://kubernetes.io/docs/tasks/debug/debug-cluster/audit/'],
  messages: {
    'audit-policy': '[{{checkId}}] An audit policy is in use: {{detail}}',
    'audit-secrets-level': '[{{checkId}}] The audit policy logs secrets at Metadata level at most: {{detail}}',
  },
  check({ inventory, report }) {
    const view = nodeView(inventory);
    if (!view) return;
    const { facts, benchmark } = view;
    const policyId = benchmark === 'stig' ? POLICY_IDS.stig![0] : POLICY_IDS[benchmark];
    const coverageId = benchmark === 'stig' ? undefined : COVERAGE_IDS[benchmark];
    const api = facts.components['kube-apiserver'];
    if (!api?.present) {
      reportCheck(report, view, 'audit-policy', checkProperties(benchmark, policyId!, POLICY_IDS), { status: 'not-applicable', detail: 'no API server on this node', evidence: { role: facts.role } });
      return;
    }
    const audit = facts.audit;
    const flag = api.flags['--audit-policy-file'];
    const resource = view.components.get('kube-apiserver');
    const props = checkProperties(benchmark, policyId!, POLICY_IDS);
    if (!audit.policyFile) {
      reportCheck(report, view, 'audit-policy', props, {
        status: 'fail',
        detail: '--audit-policy-file is not set: no request is audited',
        resource,
        path: ['flags', '--audit-policy-file'],
        evidence: { component: 'kube-apiserver', flag: '--audit-policy-file', actual: null, expected: 'set' },
        remediation: flagRemediation(facts, 'kube-apiserver', '--audit-policy-file=<Policy file> (with --audit-log-path=/var/log/kubernetes/audit.log)'),
      });
    } else if (audit.error) {
      reportCheck(report, view, 'audit-policy', props, { status: 'error', detail: `${audit.policyFile}: ${audit.error}`, resource, path: ['flags', '--audit-policy-file'], evidence: { file: audit.policyFile, error: audit.error } });
    } else {
      reportCheck(report, view, 'audit-policy', props, {
        status: 'pass',
        detail: `${audit.policyFile} (${audit.ruleCount} rules)`,
        resource,
        path: ['flags', '--audit-policy-file'],
        evidence: { component: 'kube-apiserver', flag: '--audit-policy-file', actual: audit.policyFile, line: flag?.line, rules: audit.ruleCount },
      });
    }
    if (!coverageId) return;
    const cprops = checkProperties(benchmark, coverageId, COVERAGE_IDS, { manualInBenchmark: true });
    if (!audit.policyFile || audit.error) {
      reportCheck(report, view, 'audit-secrets-level', cprops, { status: 'manual', detail: 'no readable audit policy to judge; review the policy once it exists', evidence: { policyFile: audit.policyFile ?? null } });
      return;
    }
    const leaks = audit.secretsLevel === 'Request' || audit.secretsLevel === 'RequestResponse';
    reportCheck(report, view, 'audit-secrets-level', cprops, {
      status: leaks ? 'fail' : 'manual',
      detail: leaks
        ? `rule ${audit.secretsRule! + 1} of ${audit.policyFile} logs secrets at ${audit.secretsLevel}: secret values reach the audit log`
        : `secrets are logged at ${audit.secretsLevel}; check that the policy also covers pod exec/attach, RBAC changes and token requests`,
      evidence: { file: audit.policyFile, secretsLevel: audit.secretsLevel, rule: audit.secretsRule, expected: 'Metadata or None for secrets, configmaps and tokenreviews' },
      remediation: leaks ? `Add a first rule to ${audit.policyFile}: "- level: Metadata" with resources [{group: "", resources: ["secrets", "configmaps"]}, {group: "authentication.k8s.io", resources: ["tokenreviews"]}], then restart the API server.` : undefined,
    });
  },
});
