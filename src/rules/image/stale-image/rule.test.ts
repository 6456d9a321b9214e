import { ruleTester } from '../../../testing/vitest.js';
import { imageContents, NOW } from '../testing.js';
import rule from './rule.js';

ruleTester.run(rule, {
  valid: [
    { input: imageContents({ config: { created: '2026-11-01T00:00:00Z' } }), settings: { now: NOW } },
    { input: imageContents({ config: { created: '2026-01-01T00:00:00Z' } }), settings: { now: NOW, options: { 'image-stale': { maxAgeDays: 400 } } } },
  ],
  invalid: [
    { input: imageContents({ config: { created: '2026-05-01T00:00:00Z' } }), settings: { now: NOW }, errors: [{ messageId: 'stale', path: 'config.created', message: '210 days ago' }] },
    { input: imageContents({ config: { created: '1970-01-01T00:00:00Z' } }), settings: { now: NOW }, errors: [{ messageId: 'noDate', status: 'warn' }] },
  ],
});
