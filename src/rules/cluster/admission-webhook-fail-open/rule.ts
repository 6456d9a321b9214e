import { defineRule } from '../../../core/rule.js';

/** Resources whose admission decides a security outcome: pods and their controllers, RBAC, secrets, policy objects. */
const SECURITY_RESOURCES = new Set([
  '*',
  'pods',
  'pods/*',
  'pods/exec',
  'pods/attach',
  'pods/ephemeralcontainers',
  'deployments',
  'daemonsets',
  'statefulsets',
  'replicasets',
  'jobs',
  'cronjobs',
  'replicationcontrollers',
  'roles',
  'rolebindings',
  'clusterroles',
  'clusterrolebindings',
  'serviceaccounts',
  'secrets',
  'networkpolicies',
  'namespaces',
  'validatingwebhookconfigurations',
  'mutatingwebhookconfigurations',
  'validatingadmissionpolicies',
  'validatingadmissionpolicybindings',
]);

export default defineRule({
  id: 'admission-webhook-fail-open',
  title: 'Admission webhook fails open on security-relevant resources',
  severity: 'medium',
  area: 'cluster',
  target: 'resource',
  kinds: ['ValidatingWebhookConfiguration', 'MutatingWebhookConfiguration'],
  description:
    'With `failurePolicy: Ignore`, a request is admitted whenever the webhook cannot be reached or times out. A policy engine that fails open can be bypassed by anyone who can make it slow or unavailable, for exactly the resources it was meant to guard.',
  remediation: 'Set `failurePolicy: Fail` on webhooks that enforce security policy, run the webhook highly available, and exclude only the namespaces it needs to start (its own, kube-system) with a namespaceSelector.',
  references: ['https://kubernetes.io/docs/reference/access-authn-authz/extensible-admission-controllers/#failure-policy'],
  messages: {
    failOpen: 'Webhook "{{webhook}}" fails open (failurePolicy: Ignore) for {{resources}}',
  },
  check({ object, report }) {
    const webhooks = Array.isArray(object.webhooks) ? object.webhooks : [];
    // admissionregistration v1beta1 defaulted failurePolicy to Ignore; v1 defaults to Fail.
    const defaultPolicy = object.apiVersion === 'admissionregistration.k8s.io/v1beta1' ? 'Ignore' : 'Fail';
    webhooks.forEach((wh: any, i: number) => {
      if ((wh?.failurePolicy ?? defaultPolicy) !== 'Ignore') return;
      const covered = new Set<string>();
      for (const rule of Array.isArray(wh.rules) ? wh.rules : []) {
        for (const r of Array.isArray(rule?.resources) ? rule.resources : []) if (SECURITY_RESOURCES.has(r) || SECURITY_RESOURCES.has(String(r).split('/')[0]!)) covered.add(r);
      }
      if (covered.size === 0) return;
      report('failOpen', { webhook: wh.name, resources: [...covered].join(', ') }, {
        path: wh.failurePolicy !== undefined ? ['webhooks', i, 'failurePolicy'] : ['webhooks', i],
        evidence: { failurePolicy: wh.failurePolicy ?? `${defaultPolicy} (default)`, resources: [...covered], timeoutSeconds: wh.timeoutSeconds },
      });
    });
  },
});
