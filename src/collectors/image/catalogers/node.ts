import { makePurl } from './purl.js';
import type { Cataloger, ImagePackage } from './types.js';

// The package's own package.json: directly under node_modules/<name>/ or node_modules/@scope/<name>/.
const INSTALLED = /\/node_modules\/(?:@[^/]+\/)?[^/]+\/package\.json$/;
const LOCKFILE = /\/package-lock\.json$/;

function parseJson(buf: Buffer): any {
  try {
    return JSON.parse(buf.toString('utf8'));
  } catch {
    return undefined;
  }
}

function npmPackage(name: string, version: string, location: string, cataloger: string, license?: unknown): ImagePackage {
  const pkg: ImagePackage = { type: 'npm', name, version, purl: makePurl('npm', name, version), ecosystem: 'npm', location, cataloger };
  if (typeof license === 'string') pkg.licenses = [license];
  return pkg;
}

/**
 * npm packages installed under node_modules, then those a package-lock.json (v2/v3) lists that
 * are not installed in the image (so nothing is counted twice). npm's hidden lockfile
 * (`node_modules/.package-lock.json`) only repeats what node_modules holds and is skipped.
 */
export const nodeCataloger: Cataloger = {
  name: 'npm',
  wants: (p) => INSTALLED.test(p) || (LOCKFILE.test(p) && !p.includes('/node_modules/')),
  catalog(ctx) {
    const out: ImagePackage[] = [];
    const files = [...ctx.fs.files.keys()].sort();
    for (const path of files) {
      if (!INSTALLED.test(path)) continue;
      const json = parseJson(ctx.fs.files.get(path)!);
      if (typeof json?.name === 'string' && typeof json?.version === 'string') out.push(npmPackage(json.name, json.version, path, 'npm-installed', json.license));
    }
    for (const path of files) {
      if (!LOCKFILE.test(path) || path.includes('/node_modules/')) continue;
      const json = parseJson(ctx.fs.files.get(path)!);
      const dir = path.slice(0, path.lastIndexOf('/'));
      if (!json || typeof json.packages !== 'object' || json.packages === null) {
        if (json?.lockfileVersion === 1) ctx.diagnostics.push({ level: 'info', code: 'npm-lockfile-v1', message: `${path}: lockfile v1 is not read; installed packages are`, file: path });
        continue;
      }
      for (const [key, entry] of Object.entries<any>(json.packages)) {
        if (!key.includes('node_modules/') || typeof entry?.version !== 'string' || entry.link) continue;
        if (ctx.fs.entries.has(`${dir}/${key}/package.json`)) continue;
        const name = typeof entry.name === 'string' ? entry.name : key.slice(key.lastIndexOf('node_modules/') + 'node_modules/'.length);
        out.push(npmPackage(name, entry.version, path, 'npm-lockfile', entry.license));
      }
    }
    return out;
  },
};
