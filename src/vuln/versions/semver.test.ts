import { describe, expect, it } from 'vitest';
import { compareSemver, parseSemver } from './semver.js';

describe('compareSemver (npm, kubernetes)', () => {
  // The precedence example of semver.org §11, in order.
  const chain = ['1.0.0-alpha', '1.0.0-alpha.1', '1.0.0-alpha.beta', '1.0.0-beta', '1.0.0-beta.2', '1.0.0-beta.11', '1.0.0-rc.1', '1.0.0', '1.0.1', '1.1.0', '2.0.0'];
  it('follows the semver.org precedence chain', () => {
    for (let i = 0; i + 1 < chain.length; i++) {
      expect(compareSemver(chain[i]!, chain[i + 1]!)).toBeLessThan(0);
      expect(compareSemver(chain[i + 1]!, chain[i]!)).toBeGreaterThan(0);
    }
  });
  it('ignores build metadata and compares numbers as numbers', () => {
    expect(compareSemver('1.0.0+build.1', '1.0.0+build.2')).toBe(0);
    expect(compareSemver('4.17.20', '4.17.21')).toBeLessThan(0);
    expect(compareSemver('1.2.10', '1.2.9')).toBeGreaterThan(0);
    expect(compareSemver('1.2.5', '1.2.6')).toBeLessThan(0);
  });
  it('rejects what is not semver', () => {
    expect(parseSemver('1.2')).toBeUndefined();
    expect(parseSemver('01.2.3')).toBeUndefined();
    expect(parseSemver('1.2.3-')).toBeUndefined();
  });
  it('puts unparsable versions after valid ones', () => {
    expect(compareSemver('1.0.0', 'garbage')).toBeLessThan(0);
  });
});
