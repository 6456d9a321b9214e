import { ruleTester } from '../../../testing/vitest.js';
import rule from './rule.js';

const ing = (spec: Record<string, unknown>) => ({ apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'web', namespace: 'app' }, spec });
const rule1 = (host: string) => ({ host, http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { number: 80 } } } }] } });

ruleTester.run(rule, {
  valid: [
    ing({ rules: [rule1('a.example.com')], tls: [{ hosts: ['a.example.com'], secretName: 'a' }] }),
    ing({ rules: [rule1('a.example.com')], tls: [{ hosts: ['*.example.com'], secretName: 'wild' }] }),
  ],
  invalid: [
    { input: ing({ rules: [rule1('a.example.com')] }), errors: [{ messageId: 'noTls', path: 'spec', message: 'a.example.com served over plain HTTP' }] },
    { input: ing({ rules: [rule1('a.example.com'), rule1('b.example.org')], tls: [{ hosts: ['a.example.com'], secretName: 'a' }] }), errors: [{ messageId: 'hostWithoutTls', path: 'spec.rules[1].host' }] },
  ],
});
