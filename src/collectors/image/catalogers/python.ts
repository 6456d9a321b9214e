import { makePurl } from './purl.js';
import type { Cataloger, ImagePackage } from './types.js';

const METADATA = /\/[^/]+\.dist-info\/METADATA$|\/[^/]+\.egg-info\/PKG-INFO$/;

/** The header block (up to the first blank line) of a core-metadata file, as name → values. */
export function parseCoreMetadata(text: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  let last: string | undefined;
  for (const line of text.split(/\r?\n/)) {
    if (line === '') break;
    if ((line[0] === ' ' || line[0] === '\t') && last) continue;
    const i = line.indexOf(':');
    if (i <= 0) continue;
    last = line.slice(0, i).toLowerCase();
    (out[last] ??= []).push(line.slice(i + 1).trim());
  }
  return out;
}

/** Python distributions from `*.dist-info/METADATA` (wheels, pip) and `*.egg-info/PKG-INFO`. */
export const pythonCataloger: Cataloger = {
  name: 'python',
  wants: (p) => METADATA.test(p),
  catalog(ctx) {
    const out: ImagePackage[] = [];
    for (const path of [...ctx.fs.files.keys()].sort()) {
      if (!METADATA.test(path)) continue;
      const meta = parseCoreMetadata(ctx.fs.files.get(path)!.toString('utf8'));
      const name = meta.name?.[0];
      const version = meta.version?.[0];
      if (!name || !version) {
        ctx.diagnostics.push({ level: 'warning', code: 'python-metadata-unreadable', message: `${path}: no Name/Version`, file: path });
        continue;
      }
      const pkg: ImagePackage = { type: 'pypi', name, version, purl: makePurl('pypi', name, version), ecosystem: 'PyPI', location: path, cataloger: 'python' };
      const license = meta['license-expression']?.[0] ?? meta.license?.[0];
      if (license && license !== 'UNKNOWN') pkg.licenses = [license];
      out.push(pkg);
    }
    return out;
  },
};
