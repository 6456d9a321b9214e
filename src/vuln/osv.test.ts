import { describe, expect, it } from 'vitest';
import { fixedVersions, isAffected, isOsvRecord } from './osv.js';
import { compareDpkg } from './versions/dpkg.js';
import { compareGo } from './versions/go.js';
import { compareSemver } from './versions/semver.js';

describe('OSV range evaluation', () => {
  const stdlib = { ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '1.19.9' }, { introduced: '1.20.0-0' }, { fixed: '1.20.4' }] }] };
  it('evaluates several introduced/fixed pairs (Go stdlib style)', () => {
    expect(isAffected(stdlib, '1.19.8', compareGo)).toBe(true);
    expect(isAffected(stdlib, '1.19.9', compareGo)).toBe(false);
    expect(isAffected(stdlib, '1.20.0-rc.1', compareGo)).toBe(true);
    expect(isAffected(stdlib, '1.20.3', compareGo)).toBe(true);
    expect(isAffected(stdlib, '1.20.4', compareGo)).toBe(false);
    expect(isAffected(stdlib, '1.21.0', compareGo)).toBe(false);
    expect(fixedVersions(stdlib, compareGo)).toEqual(['1.19.9', '1.20.4']);
  });
  it('includes last_affected and excludes what is above it', () => {
    const r = { ranges: [{ type: 'SEMVER', events: [{ introduced: '1.0.0' }, { last_affected: '1.2.0' }] }] };
    expect(isAffected(r, '0.9.0', compareSemver)).toBe(false);
    expect(isAffected(r, '1.2.0', compareSemver)).toBe(true);
    expect(isAffected(r, '1.2.1', compareSemver)).toBe(false);
  });
  it('applies limit', () => {
    const r = { ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { limit: '2.0.0' }] }] };
    expect(isAffected(r, '1.9.9', compareSemver)).toBe(true);
    expect(isAffected(r, '2.0.0', compareSemver)).toBe(false);
  });
  it('uses dpkg ordering for a Debian/Ubuntu range and treats the fixed version as not affected', () => {
    const r = { ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '3.0.13-0ubuntu3.5' }] }] };
    expect(isAffected(r, '3.0.13-0ubuntu3.5', compareDpkg)).toBe(false);
    expect(isAffected(r, '3.0.13-0ubuntu3.4', compareDpkg)).toBe(true);
    expect(isAffected(r, '3.0.13-0ubuntu3~1', compareDpkg)).toBe(true);
  });
  it('matches explicit version lists even without an ordering', () => {
    expect(isAffected({ versions: ['1.0'] }, '1.0', undefined)).toBe(true);
    expect(isAffected({ versions: ['1.0'], ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }] }] }, '2.0', undefined)).toBe(false);
  });
  it('skips GIT ranges', () => {
    expect(isAffected({ ranges: [{ type: 'GIT', events: [{ introduced: '0' }] }] }, '1.0.0', compareSemver)).toBe(false);
  });
  it('recognises OSV records', () => {
    expect(isOsvRecord({ id: 'GO-1', modified: '2020-01-01T00:00:00Z', affected: [] })).toBe(true);
    expect(isOsvRecord({ items: [] })).toBe(false);
    expect(isOsvRecord([{ id: 'x' }])).toBe(false);
  });
});
