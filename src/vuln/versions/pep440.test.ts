import { describe, expect, it } from 'vitest';
import { comparePep440, parsePep440 } from './pep440.js';

describe('comparePep440', () => {
  // The ordering example of PEP 440 ("Summary of permitted suffixes and relative ordering").
  const chain = ['1.0.dev456', '1.0a1', '1.0a2.dev456', '1.0a12.dev456', '1.0a12', '1.0b1.dev456', '1.0b2', '1.0b2.post345.dev456', '1.0b2.post345', '1.0rc1.dev456', '1.0rc1', '1.0', '1.0+abc.5', '1.0+abc.7', '1.0+5', '1.0.post456.dev34', '1.0.post456', '1.0.15', '1.1.dev1'];
  it('follows the PEP 440 ordering example', () => {
    for (let i = 0; i + 1 < chain.length; i++) {
      expect([chain[i], chain[i + 1], comparePep440(chain[i]!, chain[i + 1]!) < 0]).toEqual([chain[i], chain[i + 1], true]);
    }
  });
  it('puts 23.2.1 below 23.3 and 65.5.0 below 65.5.1', () => {
    expect(comparePep440('23.2.1', '23.3')).toBeLessThan(0);
    expect(comparePep440('65.5.0', '65.5.1')).toBeLessThan(0);
  });
  it('normalises spellings and trailing zeros', () => {
    expect(comparePep440('1.0', '1.0.0')).toBe(0);
    expect(comparePep440('1.0alpha1', '1.0a1')).toBe(0);
    expect(comparePep440('1.0-1', '1.0.post1')).toBe(0);
    expect(comparePep440('1.0c1', '1.0rc1')).toBe(0);
    expect(comparePep440('1!0.1', '2.0')).toBeGreaterThan(0);
  });
  it('rejects what is not a version', () => {
    expect(parsePep440('not a version')).toBeUndefined();
  });
});
