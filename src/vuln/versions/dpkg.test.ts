import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compareDpkg, parseDpkgVersion } from './dpkg.js';

// Each pair is written as a < b.
const ORDERED: [string, string][] = [
  ['1.0', '1.1'],
  ['1.0', '1:0.1'], // epoch wins
  ['1:1.0', '2:0.1'],
  ['1.0~rc1', '1.0'], // ~ before the end
  ['1.0~~', '1.0~'],
  ['1.0~rc1', '1.0~rc2'],
  ['1.0', '1.0a'],
  ['1.0a', '1.0+'], // letters before other characters
  ['1.0-1', '1.0-2'],
  ['1.0-1', '1.0-1+b1'], // binNMU
  ['5.2.15-2', '5.2.15-2+b13'],
  ['2.36-9+deb12u13', '2.36-9+deb12u14'],
  ['3.0.22-1~deb12u1', '3.0.22-1'],
  ['3.0.13-0ubuntu3.5', '3.0.13-0ubuntu3.6'],
  ['5.36.0-7+deb12u3', '5.36.0-7+deb12u4'],
  ['10.42-1', '10.42-1+deb12u2'],
  ['1.2.9', '1.2.10'], // digits as numbers
  ['1.002', '1.3'],
  ['0.0~git20230201', '0.0.1'],
  ['1:2.38.1-5+deb12u2', '1:2.38.1-5+deb12u3'],
];

describe('compareDpkg', () => {
  it.each(ORDERED)('%s < %s', (a, b) => {
    expect(compareDpkg(a, b)).toBeLessThan(0);
    expect(compareDpkg(b, a)).toBeGreaterThan(0);
  });
  it('treats leading zeros, absent epoch and absent revision as equal forms', () => {
    expect(compareDpkg('1.01', '1.1')).toBe(0);
    expect(compareDpkg('0:1.0', '1.0')).toBe(0);
    expect(compareDpkg('1.0-0', '1.0')).toBe(0);
  });
  it('parses epoch, upstream with hyphens, and revision', () => {
    expect(parseDpkgVersion('1:2.38.1-5+deb12u3')).toEqual({ epoch: 1, upstream: '2.38.1', revision: '5+deb12u3' });
    expect(parseDpkgVersion('1.2-3-4')).toEqual({ epoch: 0, upstream: '1.2-3', revision: '4' });
    expect(parseDpkgVersion('x:1')).toBeUndefined();
  });
  const dpkg = '/usr/bin/dpkg';
  it.skipIf(!existsSync(dpkg))('agrees with dpkg --compare-versions on tricky pairs (skipped without dpkg)', () => {
    const samples = ['1.0', '1.0~', '1.0+', '1.0a', '1:0.9', '1.0-1', '1.0-1~bpo1', '1.0-1+b1', '1.0.0', '1.0~rc1+dfsg', '2.0~~a', '0.9-10', '0.9-9'];
    for (const a of samples) {
      for (const b of samples) {
        const lt = spawnOk(dpkg, ['--compare-versions', a, 'lt', b]);
        const eq = spawnOk(dpkg, ['--compare-versions', a, 'eq', b]);
        const ours = Math.sign(compareDpkg(a, b));
        expect([a, b, ours]).toEqual([a, b, lt ? -1 : eq ? 0 : 1]);
      }
    }
  });
});

function spawnOk(cmd: string, args: string[]): boolean {
  try {
    execFileSync(cmd, args, { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
