import { deployment, pod, ruleTester } from '../../../testing/vitest.js';
import rule from './rule.js';

const c = [{ name: 'a', image: 'a:1' }];

ruleTester.run(rule, {
  valid: [
    deployment({ containers: c }, { name: 'coredns', namespace: 'kube-system' }),
    deployment({ containers: c }, { name: 'my-addon', namespace: 'kube-system', labels: { 'addonmanager.kubernetes.io/mode': 'Reconcile' } }),
    pod({ containers: c }, { name: 'kube-apiserver-cp1', namespace: 'kube-system', annotations: { 'kubernetes.io/config.mirror': 'abc' } }),
    pod({ containers: c }, { name: 'web-1', namespace: 'kube-system', ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web', uid: 'u', controller: true }] }),
    deployment({ containers: c }, { name: 'app', namespace: 'default' }),
  ],
  invalid: [
    { input: deployment({ containers: c }, { name: 'shop', namespace: 'kube-system' }), errors: [{ messageId: 'foreign', path: 'spec.template.metadata', message: 'Deployment shop runs in kube-system' }] },
    { input: pod({ containers: c }, { name: 'debug-shell', namespace: 'kube-system' }), errors: [{ messageId: 'foreign' }] },
  ],
});
