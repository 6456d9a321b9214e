import { compareApk } from './apk.js';
import { compareDpkg } from './dpkg.js';
import { compareGo } from './go.js';
import { comparePep440 } from './pep440.js';
import { compareSemver } from './semver.js';

export type Compare = (a: string, b: string) => number;

/**
 * The version ordering of an OSV ecosystem (`Debian:12`, `Ubuntu:24.04:LTS`, `Alpine:v3.18`, `Go`,
 * `npm`, `PyPI`, ...). Undefined for ecosystems with no known ordering: their ECOSYSTEM ranges
 * cannot be evaluated and only explicit version lists match.
 */
export function comparatorFor(ecosystem: string): Compare | undefined {
  const base = ecosystem.split(':')[0]!;
  switch (base) {
    case 'Debian':
    case 'Ubuntu':
      return compareDpkg;
    case 'Alpine':
    case 'Wolfi':
    case 'Chainguard':
      return compareApk;
    case 'Go':
      return compareGo;
    case 'npm':
    case 'crates.io':
    case 'Hex':
    case 'Pub':
    case 'kubernetes':
      return compareSemver;
    case 'PyPI':
      return comparePep440;
    default:
      return undefined;
  }
}
