import { ruleTester } from '../../../testing/vitest.js';
import { restrictedPod } from '../test-helpers.js';
import rule from './rule.js';

const withSysctls = (...names: string[]) =>
  restrictedPod({ securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' }, sysctls: names.map((name) => ({ name, value: '1' })) } });

ruleTester.run(rule, {
  valid: [
    withSysctls('kernel.shm_rmid_forced', 'net.ipv4.ip_unprivileged_port_start'),
    { name: 'ip_local_reserved_ports from v1.27', input: withSysctls('net.ipv4.ip_local_reserved_ports'), settings: { pssVersion: 'v1.27' } },
    { name: 'tcp_rmem from v1.32', input: withSysctls('net.ipv4.tcp_rmem'), settings: { pssVersion: 'v1.32' } },
    { name: 'tcp_notsent_lowat at latest (v1.37)', input: withSysctls('net.ipv4.tcp_notsent_lowat') },
  ],
  invalid: [
    {
      input: withSysctls('kernel.msgmax', 'net.ipv4.tcp_syncookies', 'net.ipv4.tcp_keepalive_time'),
      settings: { pssVersion: 'v1.28' },
      errors: [
        { messageId: 'enforce', path: 'spec.securityContext.sysctls[0].name', message: 'forbidden sysctls (kernel.msgmax, net.ipv4.tcp_keepalive_time)' },
        { messageId: 'enforce', path: 'spec.securityContext.sysctls[2].name' },
      ],
    },
    {
      name: 'tcp_slow_start_after_idle is unsafe before v1.37',
      input: withSysctls('net.ipv4.tcp_slow_start_after_idle'),
      settings: { pssVersion: 'v1.36' },
      errors: [{ messageId: 'enforce', path: 'spec.securityContext.sysctls[0].name' }],
    },
  ],
});
