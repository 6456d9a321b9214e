import { ruleTester } from '../../../testing/vitest.js';
import { imageContents } from '../testing.js';
import rule from './rule.js';

const digest = 'sha256:aedde449c01818d7c291245b67087431f0c7ce7f91667d2899738caa62d8e0bf';

ruleTester.run(rule, {
  valid: [
    imageContents({ image: { ref: `registry.example.com/team/app:1.4@${digest}`, source: 'registry', digest } }),
    imageContents({ image: { ref: './image-oci-layout', source: 'oci-layout' } }),
  ],
  invalid: [{ input: imageContents({ image: { ref: 'registry.example.com/team/app:1.4', source: 'registry', tag: '1.4', digest } }), errors: [{ messageId: 'tagOnly', path: 'image.ref' }] }],
});
