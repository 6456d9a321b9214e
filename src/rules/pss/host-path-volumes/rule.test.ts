import { ruleTester } from '../../../testing/vitest.js';
import { namespace, restrictedPod } from '../test-helpers.js';
import rule from './rule.js';

const withVolumes = (volumes: unknown[]) => restrictedPod({ volumes });

ruleTester.run(rule, {
  valid: [
    withVolumes([{ name: 'data', emptyDir: {} }, { name: 'cfg', configMap: { name: 'cfg' } }]),
    { name: 'privileged namespace', input: withVolumes([{ name: 'h', hostPath: { path: '/' } }]), with: [namespace({ enforce: 'privileged' })] },
  ],
  invalid: [
    {
      input: withVolumes([{ name: 'ok', emptyDir: {} }, { name: 'sock', hostPath: { path: '/var/run/docker.sock' } }]),
      settings: { pssLevel: 'baseline', pssVersion: 'v1.0' },
      errors: [{ messageId: 'enforce', path: 'spec.volumes[1].hostPath', message: 'PodSecurity "baseline:v1.0": hostPath volumes (volume "sock")' }],
    },
  ],
});
