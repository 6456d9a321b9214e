import { describe, expect, it } from 'vitest';
import { compareApk, isValidApkVersion } from './apk.js';

// a < b, following apk-tools' version.c rules.
const ORDERED: [string, string][] = [
  ['1.2.3-r0', '1.2.3-r1'],
  ['1.2.3', '1.2.3-r0'],
  ['1.2.3_rc1', '1.2.3'],
  ['1.2.3_alpha', '1.2.3_beta'],
  ['1.2.3_beta2', '1.2.3_rc1'],
  ['1.2.3', '1.2.3_p1'],
  ['1.2.3_p1', '1.2.3a'],
  ['1.2.3a', '1.2.3b'],
  ['1.2.3b', '1.2.4'],
  ['1.2.3_p1', '1.2.3.1'],
  ['1.36.0-r9', '1.36.1-r0'],
  ['3.1.0-r4', '3.1.1-r0'],
  ['1.1.1q-r0', '1.1.1t-r0'],
  ['1.2.9', '1.2.10'],
  ['2.14.0-r0', '2.14.0-r2'],
  ['1.01', '1.1'],
];

describe('compareApk', () => {
  it.each(ORDERED)('%s < %s', (a, b) => {
    expect(compareApk(a, b)).toBeLessThan(0);
    expect(compareApk(b, a)).toBeGreaterThan(0);
  });
  it('is reflexive and rejects malformed versions', () => {
    expect(compareApk('1.2.13-r1', '1.2.13-r1')).toBe(0);
    expect(isValidApkVersion('1.2.13-r1')).toBe(true);
    expect(isValidApkVersion('abc')).toBe(false);
  });
});
