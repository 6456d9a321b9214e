import { ruleTester } from '../../../testing/vitest.js';
import { imageContents } from '../testing.js';
import rule from './rule.js';

const pkg = { name: 'lodash', version: '4.17.20', type: 'npm', purl: 'pkg:npm/lodash@4.17.20', ecosystem: 'npm', location: '/app/node_modules/lodash/package.json' };

ruleTester.run(rule, {
  valid: [imageContents(), imageContents({ packages: [pkg], vulnerabilities: [] })],
  invalid: [
    {
      input: imageContents({
        vulnerabilities: [
          { id: 'GHSA-35jh-r3h4-6jhm', aliases: ['CVE-2021-23337'], severity: 'high', score: 7.2, package: pkg, fixedVersion: '4.17.21', fixed: ['4.17.21'] },
          { id: 'GO-2026-0001', aliases: [], severity: 'medium', package: { ...pkg, name: 'stdlib', version: '1.19.8' }, fixed: [] },
          { id: 'USN-7786-1', aliases: [], severity: 'medium', package: { ...pkg, name: 'libssl3t64' }, fixed: ['3.0.13-0ubuntu3.6'], fixedVersion: '3.0.13-0ubuntu3.6', partial: 'only the copyright slice of libssl3t64 is installed' },
        ],
      }),
      errors: [
        { messageId: 'fixable', path: 'vulnerabilities[0]', message: 'lodash 4.17.20 is affected by GHSA-35jh-r3h4-6jhm (CVE-2021-23337); fixed in 4.17.21' },
        { messageId: 'unfixed', path: 'vulnerabilities[1]' },
        { messageId: 'partial', path: 'vulnerabilities[2]', status: 'warn', message: 'only the copyright slice' },
      ],
    },
  ],
});
