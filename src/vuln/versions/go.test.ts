import { describe, expect, it } from 'vitest';
import { compareGo, goToolchainToSemver } from './go.js';

describe('Go module versions', () => {
  it('orders pseudo-versions by their base and timestamp', () => {
    expect(compareGo('v0.0.0-20230101120000-abcdef123456', 'v0.0.0-20230201120000-abcdef123456')).toBeLessThan(0);
    // A pseudo-version after v1.2.3 is a pre-release of v1.2.4.
    expect(compareGo('v1.2.3', 'v1.2.4-0.20230101120000-abcdef123456')).toBeLessThan(0);
    expect(compareGo('v1.2.4-0.20230101120000-abcdef123456', 'v1.2.4')).toBeLessThan(0);
  });
  it('ignores +incompatible', () => {
    expect(compareGo('v2.0.0+incompatible', '2.0.0')).toBe(0);
    expect(compareGo('v2.0.0+incompatible', 'v2.0.1')).toBeLessThan(0);
  });
  it('compares with or without the v the OSV records omit', () => {
    expect(compareGo('v0.7.0', '0.17.0')).toBeLessThan(0);
    expect(compareGo('v0.4.0', '0.4.0')).toBe(0);
  });
});

describe('Go toolchain versions', () => {
  it('converts go version strings as the Go vulnerability database writes them', () => {
    expect(goToolchainToSemver('go1.21.3')).toBe('1.21.3');
    expect(goToolchainToSemver('go1.19.8')).toBe('1.19.8');
    expect(goToolchainToSemver('go1.21')).toBe('1.21.0');
    expect(goToolchainToSemver('go1.21rc2')).toBe('1.21.0-rc.2');
    expect(goToolchainToSemver('go1.22.1 X:boringcrypto')).toBe('1.22.1');
    expect(goToolchainToSemver('devel +abc')).toBeUndefined();
  });
  it('orders release candidates before the release', () => {
    expect(compareGo(goToolchainToSemver('go1.21rc2')!, goToolchainToSemver('go1.21')!)).toBeLessThan(0);
    expect(compareGo('1.21.0-0', '1.21.0-rc.1')).toBeLessThan(0);
    expect(compareGo('1.19.8', '1.19.9')).toBeLessThan(0);
  });
});
