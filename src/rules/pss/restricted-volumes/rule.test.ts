import { ruleTester } from '../../../testing/vitest.js';
import { namespace, restrictedPod } from '../test-helpers.js';
import rule from './rule.js';

const withVolumes = (volumes: unknown[]) => restrictedPod({ volumes });

ruleTester.run(rule, {
  valid: [
    withVolumes([
      { name: 'a', emptyDir: {} },
      { name: 'b', secret: { secretName: 's' } },
      { name: 'c', projected: { sources: [] } },
      { name: 'd', image: { reference: 'registry.example/data:1' } },
      { name: 'e' },
    ]),
    { name: 'baseline does not restrict volume types', input: withVolumes([{ name: 'n', nfs: { server: 'nfs', path: '/' } }]), settings: { pssLevel: 'baseline' } },
  ],
  invalid: [
    {
      input: withVolumes([
        { name: 'n', nfs: { server: 'nfs', path: '/' } },
        { name: 'ok', emptyDir: {} },
        { name: 'g', gitRepo: { repository: 'https://example.com/r.git' } },
      ]),
      errors: [
        { messageId: 'enforce', path: 'spec.volumes[0].nfs', message: 'restricted volume types (volumes "n", "g" use restricted volume types "gitRepo", "nfs")' },
        { messageId: 'enforce', path: 'spec.volumes[2].gitRepo' },
      ],
    },
    {
      name: 'restricted only in the warn label',
      input: withVolumes([{ name: 'h', hostPath: { path: '/data' } }]),
      with: [namespace({ enforce: 'privileged', warn: 'restricted' })],
      errors: [{ messageId: 'warn', path: 'spec.volumes[0].hostPath', status: 'warn', message: 'volume "h" uses restricted volume type "hostPath"' }],
    },
  ],
});
