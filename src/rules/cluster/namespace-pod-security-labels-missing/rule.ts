import { defineRule } from '../../../core/rule.js';

const PREFIX = 'pod-security.kubernetes.io/';

export default defineRule({
  id: 'namespace-pod-security-labels-missing',
  title: 'Namespace without a Pod Security Admission enforce label',
  severity: 'medium',
  area: 'cluster',
  target: 'resource',
  kinds: ['Namespace'],
  description:
    'Pod Security Admission enforces the Pod Security Standards per namespace, from its `pod-security.kubernetes.io/enforce` label. Without it the cluster default applies, which is `privileged` (nothing enforced) unless an AdmissionConfiguration says otherwise.',
  remediation: 'Label the namespace with the level its workloads need, `restricted` where possible; system namespaces that need more get an explicit `privileged` label so the choice is visible.',
  example: 'metadata:\n  labels:\n    pod-security.kubernetes.io/enforce: restricted\n    pod-security.kubernetes.io/enforce-version: latest',
  references: ['https://kubernetes.io/docs/concepts/security/pod-security-admission/'],
  messages: {
    missing: 'Namespace {{name}} has no Pod Security Admission labels, so nothing is enforced unless the cluster default says so',
    notEnforced: 'Namespace {{name}} only {{modes}} Pod Security violations; it enforces nothing',
  },
  check({ resource, object, report }) {
    const labels: Record<string, string> = object.metadata?.labels ?? {};
    if (typeof labels[`${PREFIX}enforce`] === 'string') return;
    const modes = ['audit', 'warn'].filter((m) => typeof labels[PREFIX + m] === 'string');
    if (modes.length) {
      report('notEnforced', { name: resource.name, modes: modes.map((m) => (m === 'audit' ? 'audits' : 'warns about')).join(' and ') }, { path: ['metadata', 'labels'], status: 'warn', evidence: { labels: Object.fromEntries(modes.map((m) => [PREFIX + m, labels[PREFIX + m]])) } });
      return;
    }
    report('missing', { name: resource.name }, { path: ['metadata'] });
  },
});
