/**
 * Semantic Versioning 2.0.0 precedence (semver.org §11): major.minor.patch numerically, a
 * pre-release sorts before its release, pre-release identifiers compare numerically when both are
 * numeric, numeric before alphanumeric, and build metadata (`+...`) is ignored.
 * A leading `v` is accepted (Go module versions).
 */
export interface SemVer {
  major: bigint;
  minor: bigint;
  patch: bigint;
  prerelease: string[];
  build: string;
}

const SEMVER = /^v?(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?$/;

export function parseSemver(text: string): SemVer | undefined {
  const m = SEMVER.exec(text.trim());
  if (!m) return undefined;
  return { major: BigInt(m[1]!), minor: BigInt(m[2]!), patch: BigInt(m[3]!), prerelease: m[4] ? m[4].split('.') : [], build: m[5] ?? '' };
}

/** Loose parse for ranges written as `1.2` or `1`: missing parts are zero. */
export function parseSemverLoose(text: string): SemVer | undefined {
  const strict = parseSemver(text);
  if (strict) return strict;
  const m = /^v?(\d+)(?:\.(\d+))?(?:-([0-9A-Za-z.-]+))?$/.exec(text.trim());
  if (!m) return undefined;
  return { major: BigInt(m[1]!), minor: BigInt(m[2] ?? '0'), patch: 0n, prerelease: m[3] ? m[3].split('.') : [], build: '' };
}

const NUMERIC = /^\d+$/;

function compareIdent(a: string, b: string): number {
  const an = NUMERIC.test(a);
  const bn = NUMERIC.test(b);
  if (an && bn) {
    const x = BigInt(a);
    const y = BigInt(b);
    return x < y ? -1 : x > y ? 1 : 0;
  }
  if (an) return -1;
  if (bn) return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

export function compareParsedSemver(a: SemVer, b: SemVer): number {
  for (const k of ['major', 'minor', 'patch'] as const) if (a[k] !== b[k]) return a[k] < b[k] ? -1 : 1;
  if (a.prerelease.length === 0 || b.prerelease.length === 0) return (b.prerelease.length === 0 ? 0 : 1) - (a.prerelease.length === 0 ? 0 : 1);
  for (let i = 0; i < Math.max(a.prerelease.length, b.prerelease.length); i++) {
    if (i >= a.prerelease.length) return -1;
    if (i >= b.prerelease.length) return 1;
    const c = compareIdent(a.prerelease[i]!, b.prerelease[i]!);
    if (c) return c;
  }
  return 0;
}

// The same few thousand version strings are compared over and over while matching: parse each once.
const memo = new Map<string, SemVer | null>();
function parseMemo(text: string): SemVer | undefined {
  let v = memo.get(text);
  if (v === undefined) {
    if (memo.size > 100_000) memo.clear();
    v = parseSemverLoose(text) ?? null;
    memo.set(text, v);
  }
  return v ?? undefined;
}

/** Unparsable versions sort by text after all valid ones, so a bad record cannot match by accident. */
export function compareSemver(a: string, b: string): number {
  const pa = parseMemo(a);
  const pb = parseMemo(b);
  if (pa && pb) return compareParsedSemver(pa, pb);
  if (pa) return -1;
  if (pb) return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}
