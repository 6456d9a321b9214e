import { ruleTester } from '../../../testing/vitest.js';
import { clusterInfo, forbidden, livePod, networkPolicy, node } from '../../cluster/shared/test-objects.js';
import rule from './rule.js';

const web = livePod('web', 'app', { containers: [{ name: 'a', image: 'a:1' }] });
const aws = node('n1', 'v1.31.4', { providerID: 'aws:///eu-west-1a/i-0123456789abcdef0' });
const denyMeta = networkPolicy('no-meta', 'app', { podSelector: {}, policyTypes: ['Egress'], egress: [{ to: [{ ipBlock: { cidr: '0.0.0.0/0', except: ['169.254.169.254/32'] } }] }] });

ruleTester.run(rule, {
  valid: [
    // Passes are recorded with their reason, and not listed as findings by the tester.
    { input: web, with: [clusterInfo(), aws, denyMeta] },
    { input: web, with: [clusterInfo(), networkPolicy('deny', 'app', { podSelector: {}, policyTypes: ['Egress'] })] },
    // Manifests alone are not the whole cluster: another policy could exist, so nothing is judged.
    { input: web, with: [denyMeta] },
    { input: { ...web, status: { phase: 'Succeeded' } }, with: [clusterInfo()] },
  ],
  invalid: [
    { input: web, with: [clusterInfo(), aws], errors: [{ messageId: 'reachable', message: 'Pod app/web can reach the instance metadata service (aws): no NetworkPolicy with Egress in policyTypes selects the pod' }] },
    {
      input: livePod('agent', 'app', { hostNetwork: true, containers: [{ name: 'a', image: 'a:1' }] }),
      with: [clusterInfo(), denyMeta],
      errors: [{ messageId: 'reachable', path: 'spec.hostNetwork', message: 'hostNetwork: true' }],
    },
    {
      input: web,
      with: [clusterInfo(), denyMeta, networkPolicy('meta-for-web', 'app', { podSelector: { matchLabels: { app: 'web' } }, policyTypes: ['Egress'], egress: [{ to: [{ ipBlock: { cidr: '169.254.169.254/32' } }], ports: [{ port: 1, endPort: 1024 }] }] })],
      errors: [{ messageId: 'reachable', message: 'meta-for-web egress[0] allows it: to[0] ipBlock 169.254.169.254/32, ports[0] 1-1024/TCP' }],
    },
    {
      input: web,
      with: [clusterInfo(), networkPolicy('v4-only-except', 'app', { podSelector: {}, policyTypes: ['Egress'], egress: [{ to: [{ ipBlock: { cidr: '0.0.0.0/0', except: ['169.254.169.254/32'] } }, { ipBlock: { cidr: '::/0' } }] }] })],
      errors: [{ messageId: 'reachable', message: 'to[1] ipBlock ::/0' }],
    },
    { input: clusterInfo({ forbidden: [forbidden('pods')] }), errors: [{ messageId: 'skipped', status: 'skipped', message: 'could not read pods (403 Forbidden)' }] },
  ],
});
