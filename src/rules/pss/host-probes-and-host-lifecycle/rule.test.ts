import { ruleTester } from '../../../testing/vitest.js';
import { container, restrictedPod } from '../test-helpers.js';
import rule from './rule.js';

const probing = (extra: Record<string, unknown>) => restrictedPod({ containers: [container({}, extra)] });
const hostProbe = probing({ livenessProbe: { httpGet: { host: '169.254.169.254', path: '/', port: 80 } } });

ruleTester.run(rule, {
  valid: [
    probing({ livenessProbe: { httpGet: { path: '/healthz', port: 8080 } }, readinessProbe: { tcpSocket: { port: 8080, host: '' } } }),
    { name: 'not checked before v1.34', input: hostProbe, settings: { pssVersion: 'v1.33' } },
  ],
  invalid: [
    {
      input: hostProbe,
      errors: [{ messageId: 'enforce', path: 'spec.containers[0].livenessProbe.httpGet.host', message: 'probe or lifecycle host (container "app" uses probe or lifecycle host "169.254.169.254")' }],
    },
    {
      input: probing({ startupProbe: { tcpSocket: { host: 'db', port: 5432 } }, lifecycle: { preStop: { httpGet: { host: 'admin', port: 80 } } } }),
      settings: { pssLevel: 'baseline', pssVersion: 'v1.34' },
      errors: [
        { messageId: 'enforce', path: 'spec.containers[0].startupProbe.tcpSocket.host', message: 'uses probe or lifecycle hosts "admin", "db"' },
        { messageId: 'enforce', path: 'spec.containers[0].lifecycle.preStop.httpGet.host' },
      ],
    },
  ],
});
