import { compareSemver, parseSemver } from './semver.js';

/**
 * Go versions. Modules use semver with a `v` (pseudo-versions such as
 * `v0.0.0-20230101120000-abcdef123456` are pre-releases and order by their timestamp;
 * `+incompatible` is build metadata and does not count). The toolchain names itself `go1.21.3`,
 * `go1.21` or `go1.21rc2`; the Go vulnerability database writes these as `1.21.3`, `1.21.0`,
 * `1.21.0-rc.2`, which {@link goToolchainToSemver} reproduces.
 */
export function goToolchainToSemver(version: string): string | undefined {
  // `go1.22.1 X:boringcrypto` and similar carry experiment tags after a space.
  const v = version.trim().split(/\s+/)[0]!.replace(/^go/, '');
  const m = /^(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:(rc|beta|alpha)(\d+))?$/.exec(v);
  if (!m) return undefined;
  const base = `${m[1]}.${m[2] ?? '0'}.${m[3] ?? '0'}`;
  // Go 1.0 was released as "go1"; pre-1.21 minors like go1.20 are 1.20.0.
  return m[4] ? `${base}-${m[4]}.${m[5]}` : base;
}

/** Strips the `v` Go module versions carry; OSV Go ranges are written without it. */
export function normalizeGoVersion(version: string): string {
  return version.replace(/^v/, '');
}

export function isValidGoVersion(version: string): boolean {
  return parseSemver(normalizeGoVersion(version)) !== undefined;
}

export function compareGo(a: string, b: string): number {
  return compareSemver(normalizeGoVersion(a), normalizeGoVersion(b));
}
