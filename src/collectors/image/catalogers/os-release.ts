import { resolveInImage, type ImageFs } from '../walker.js';
import type { OsInfo } from './types.js';

export const OS_FILES = ['/etc/os-release', '/usr/lib/os-release', '/etc/debian_version', '/etc/alpine-release'];

/**
 * End of free security support of common distributions (Debian: end of LTS; Ubuntu: end of
 * standard support; Alpine: end of the branch's security fixes), from the projects' published
 * schedules as collected by endoflife.date.
 */
export const END_OF_LIFE: Record<string, Record<string, string>> = {
  debian: { '8': '2020-06-30', '9': '2022-06-30', '10': '2024-06-30', '11': '2026-08-31', '12': '2028-06-30', '13': '2030-06-30' },
  ubuntu: {
    '14.04': '2019-04-30',
    '16.04': '2021-04-30',
    '18.04': '2023-05-31',
    '20.04': '2025-05-31',
    '22.04': '2027-06-01',
    '22.10': '2023-07-20',
    '23.04': '2024-01-25',
    '23.10': '2024-07-11',
    '24.04': '2029-05-31',
    '24.10': '2025-07-10',
    '25.04': '2026-01-15',
  },
  alpine: {
    '3.12': '2022-05-01',
    '3.13': '2022-11-01',
    '3.14': '2023-05-01',
    '3.15': '2023-11-01',
    '3.16': '2024-05-23',
    '3.17': '2024-11-22',
    '3.18': '2025-05-09',
    '3.19': '2025-11-01',
    '3.20': '2026-04-01',
    '3.21': '2026-11-01',
    '3.22': '2027-05-01',
  },
  centos: { '7': '2024-06-30', '8': '2021-12-31' },
  rhel: { '7': '2024-06-30', '8': '2029-05-31', '9': '2032-05-31' },
};

export function parseOsRelease(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const m = /^([A-Z0-9_]+)=(.*)$/.exec(line.trim());
    if (!m) continue;
    let v = m[2]!;
    if ((v.startsWith('"') && v.endsWith('"')) || (v.startsWith("'") && v.endsWith("'"))) v = v.slice(1, -1).replace(/\\(.)/g, '$1');
    out[m[1]!] = v;
  }
  return out;
}

function readText(fs: ImageFs, path: string): string | undefined {
  const real = resolveInImage(fs, path);
  const buf = real ? fs.files.get(real) : undefined;
  return buf?.toString('utf8');
}

export function osFromRelease(id: string, versionId: string | undefined, extra: Partial<OsInfo> & { source: string; lts?: boolean }): OsInfo {
  const info: OsInfo = { id, source: extra.source };
  if (versionId) info.versionId = versionId;
  if (extra.codename) info.codename = extra.codename;
  if (extra.prettyName) info.prettyName = extra.prettyName;
  if (extra.fullVersion) info.fullVersion = extra.fullVersion;
  const major = versionId?.split('.')[0];
  const minor = versionId?.split('.').slice(0, 2).join('.');
  if (id === 'debian' && major) info.ecosystem = `Debian:${major}`;
  else if (id === 'ubuntu' && minor) info.ecosystem = `Ubuntu:${minor}${extra.lts ? ':LTS' : ''}`;
  else if (id === 'alpine' && minor) info.ecosystem = `Alpine:v${minor}`;
  const eol = END_OF_LIFE[id];
  if (eol) info.endOfLife = eol[id === 'debian' || id === 'centos' || id === 'rhel' ? (major ?? '') : (minor ?? '')];
  return info;
}

/** The distribution from os-release (following the usual symlink), with Debian's and Alpine's finer release files. */
export function detectOs(fs: ImageFs): OsInfo | undefined {
  let source = '/etc/os-release';
  let text = readText(fs, source);
  if (text === undefined) {
    source = '/usr/lib/os-release';
    text = readText(fs, source);
  }
  if (text === undefined) {
    const alpine = readText(fs, '/etc/alpine-release')?.trim();
    if (alpine) return osFromRelease('alpine', alpine, { source: '/etc/alpine-release', fullVersion: alpine });
    return undefined;
  }
  const r = parseOsRelease(text);
  const id = (r.ID ?? 'linux').toLowerCase();
  let fullVersion: string | undefined;
  if (id === 'debian') fullVersion = readText(fs, '/etc/debian_version')?.trim();
  if (id === 'alpine') fullVersion = r.VERSION_ID;
  const lts = /LTS/.test(r.VERSION ?? '') || /LTS/.test(r.PRETTY_NAME ?? '');
  return osFromRelease(id, r.VERSION_ID, { source, codename: r.VERSION_CODENAME, prettyName: r.PRETTY_NAME, fullVersion, lts });
}

/** Ubuntu release from the base-files version, for rocks that ship no os-release (chisel cuts). */
const UBUNTU_BASE_FILES: [RegExp, string, string, boolean][] = [
  [/^10\.1ubuntu/, '18.04', 'bionic', true],
  [/^11ubuntu/, '20.04', 'focal', true],
  [/^11\.1ubuntu/, '20.04', 'focal', true],
  [/^12ubuntu/, '22.04', 'jammy', true],
  [/^13ubuntu/, '24.04', 'noble', true],
  [/^13\.3ubuntu/, '24.10', 'oracular', false],
  [/^13\.6ubuntu/, '25.04', 'plucky', false],
];

export function inferUbuntuFromBaseFiles(version: string): OsInfo | undefined {
  for (const [re, versionId, codename, lts] of UBUNTU_BASE_FILES) {
    if (re.test(version)) {
      return osFromRelease('ubuntu', versionId, {
        source: `inferred from base-files ${version} (no /etc/os-release in the image)`,
        codename,
        prettyName: `Ubuntu ${versionId}${lts ? ' LTS' : ''}`,
        lts,
      });
    }
  }
  return undefined;
}
