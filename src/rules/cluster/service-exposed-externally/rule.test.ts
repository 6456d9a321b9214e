import { ruleTester } from '../../../testing/vitest.js';
import rule from './rule.js';

const svc = (spec: Record<string, unknown>) => ({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'app' }, spec: { selector: { app: 'web' }, ports: [{ port: 443, nodePort: 30443 }], ...spec } });

ruleTester.run(rule, {
  valid: [svc({ type: 'ClusterIP' }), svc({})],
  invalid: [
    { input: svc({ type: 'LoadBalancer' }), errors: [{ messageId: 'loadBalancer', path: 'spec.type', status: 'fail', message: 'reachable from any address' }] },
    { input: svc({ type: 'LoadBalancer', loadBalancerSourceRanges: ['203.0.113.0/24'] }), errors: [{ messageId: 'loadBalancer', status: 'warn', message: 'from 203.0.113.0/24' }] },
    { input: svc({ type: 'NodePort' }), errors: [{ messageId: 'nodePort', status: 'warn', message: 'NodePort(s) 30443/TCP' }] },
  ],
});
