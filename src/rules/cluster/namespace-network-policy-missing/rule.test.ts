import { deployment, ruleTester } from '../../../testing/vitest.js';
import { clusterInfo, forbidden, namespace, networkPolicy } from '../shared/test-objects.js';
import rule from './rule.js';

const app = deployment({ containers: [{ name: 'a', image: 'a:1' }] });
const denyAll = networkPolicy('deny', 'app', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] });

ruleTester.run(rule, {
  valid: [
    { input: namespace('app'), with: [app, denyAll] },
    { input: namespace('app'), with: [app, networkPolicy('di', 'app', { podSelector: {} }), networkPolicy('de', 'app', { podSelector: {}, policyTypes: ['Egress'] })] },
    // No workloads: nothing to protect.
    namespace('empty'),
  ],
  invalid: [
    { input: namespace('app'), with: [app], errors: [{ messageId: 'none', path: 'metadata.name', message: 'runs 1 workload(s)' }] },
    { input: namespace('app'), with: [app, networkPolicy('web', 'app', { podSelector: { matchLabels: { app: 'web' } }, policyTypes: ['Ingress'] })], errors: [{ messageId: 'noDefaultDeny', status: 'warn', message: 'no default deny for Ingress and Egress' }] },
    // An empty podSelector with rules allows traffic: not a default deny.
    { input: namespace('app'), with: [app, networkPolicy('allow', 'app', { podSelector: {}, policyTypes: ['Ingress', 'Egress'], egress: [{}] })], errors: [{ messageId: 'noDefaultDeny', message: 'for Egress' }] },
    { input: clusterInfo({ forbidden: [forbidden('networkpolicies.networking.k8s.io')] }), with: [namespace('app'), app], errors: [{ messageId: 'skipped', status: 'skipped' }] },
  ],
});
