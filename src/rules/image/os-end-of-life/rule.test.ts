import { ruleTester } from '../../../testing/vitest.js';
import { imageContents, NOW } from '../testing.js';
import rule from './rule.js';

const os = (versionId: string, endOfLife: string) => ({ id: 'debian', versionId, prettyName: `Debian GNU/Linux ${versionId}`, endOfLife, source: '/etc/os-release' });

ruleTester.run(rule, {
  valid: [
    { input: imageContents({ os: os('12', '2028-06-30') }), settings: { now: NOW } },
    { input: imageContents(), settings: { now: NOW } },
  ],
  invalid: [
    { input: imageContents({ os: os('11', '2026-08-31') }), settings: { now: NOW }, errors: [{ messageId: 'eol', path: 'os.endOfLife', message: 'Debian GNU/Linux 11 reached its end of life on 2026-08-31' }] },
    { input: imageContents({ os: os('99', '2027-01-15') }), settings: { now: NOW }, errors: [{ messageId: 'soon', status: 'warn' }] },
  ],
});
