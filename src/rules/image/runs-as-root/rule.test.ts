import { ruleTester } from '../../../testing/vitest.js';
import { imageContents } from '../testing.js';
import rule from './rule.js';

ruleTester.run(rule, {
  valid: [imageContents({ config: { user: '65532:65532' } }), imageContents({ config: { user: 'app' } })],
  invalid: [
    { input: imageContents({ config: { env: [] } }), errors: [{ messageId: 'unset', path: 'config.user' }] },
    { input: imageContents({ config: { user: '0:0' } }), errors: [{ messageId: 'root', path: 'config.user' }] },
    { input: imageContents({ config: { user: 'root' } }), errors: [{ messageId: 'root' }] },
  ],
});
