import { ruleTester } from '../../../testing/vitest.js';
import rule from './rule.js';

const vwc = (webhook: Record<string, unknown>, apiVersion = 'admissionregistration.k8s.io/v1') => ({
  apiVersion,
  kind: 'ValidatingWebhookConfiguration',
  metadata: { name: 'policy' },
  webhooks: [{ name: 'v.example.com', sideEffects: 'None', admissionReviewVersions: ['v1'], clientConfig: { service: { name: 's', namespace: 'p' } }, ...webhook }],
});
const pods = [{ operations: ['CREATE'], apiGroups: [''], apiVersions: ['v1'], resources: ['pods'] }];

ruleTester.run(rule, {
  valid: [
    vwc({ rules: pods, failurePolicy: 'Fail' }),
    vwc({ rules: pods }),
    vwc({ rules: [{ operations: ['CREATE'], apiGroups: ['example.com'], apiVersions: ['v1'], resources: ['widgets'] }], failurePolicy: 'Ignore' }),
  ],
  invalid: [
    { input: vwc({ rules: pods, failurePolicy: 'Ignore' }), errors: [{ messageId: 'failOpen', path: 'webhooks[0].failurePolicy', message: 'for pods' }] },
    { input: vwc({ rules: [{ operations: ['*'], apiGroups: ['*'], apiVersions: ['*'], resources: ['*'] }] }, 'admissionregistration.k8s.io/v1beta1'), errors: [{ messageId: 'failOpen', path: 'webhooks[0]' }] },
    { input: { ...vwc({ rules: [{ operations: ['CREATE'], apiGroups: ['rbac.authorization.k8s.io'], apiVersions: ['v1'], resources: ['rolebindings', 'clusterrolebindings'] }], failurePolicy: 'Ignore' }), kind: 'MutatingWebhookConfiguration' }, errors: [{ messageId: 'failOpen', message: 'rolebindings, clusterrolebindings' }] },
  ],
});
