import { makePurl } from './purl.js';
import type { Cataloger, ImagePackage } from './types.js';

const DB = '/lib/apk/db/installed';

/** `P:`/`V:`/`A:`/`o:`/`L:` records of apk's installed database, one paragraph per package. */
export function parseApkInstalled(text: string): { name: string; version: string; arch?: string; origin?: string; license?: string }[] {
  const out: { name: string; version: string; arch?: string; origin?: string; license?: string }[] = [];
  for (const para of text.split(/\n\s*\n/)) {
    const f: Record<string, string> = {};
    for (const line of para.split('\n')) {
      if (line.length >= 2 && line[1] === ':' && !(line[0]! in f)) f[line[0]!] = line.slice(2).trim();
    }
    if (f.P && f.V) out.push({ name: f.P, version: f.V, arch: f.A, origin: f.o, license: f.L });
  }
  return out;
}

export const apkCataloger: Cataloger = {
  name: 'apk',
  wants: (p) => p === DB,
  catalog(ctx) {
    const buf = ctx.fs.files.get(DB);
    if (!buf) return [];
    const os = ctx.os;
    return parseApkInstalled(buf.toString('utf8')).map((r) => {
      const qualifiers: Record<string, string> = {};
      if (r.arch) qualifiers.arch = r.arch;
      if (os?.id === 'alpine' && os.versionId) qualifiers.distro = `alpine-${os.versionId}`;
      const pkg: ImagePackage = {
        type: 'apk',
        name: r.name,
        version: r.version,
        purl: makePurl('apk', r.name, r.version, qualifiers, os?.id ?? 'alpine'),
        location: DB,
        cataloger: 'apk',
      };
      if (r.arch) pkg.arch = r.arch;
      if (r.origin) pkg.sourceName = r.origin;
      if (r.license) pkg.licenses = [r.license];
      if (os?.ecosystem?.startsWith('Alpine:')) pkg.ecosystem = os.ecosystem;
      return pkg;
    });
  },
};
