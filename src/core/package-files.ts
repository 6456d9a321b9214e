import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Data files that ship with Rampart (`data/`, `frameworks/`, the Chart.js build): read from the
 * package folder in a normal install, and from the executable's embedded assets in the single
 * executable (`npm run build:sea`), which has no files beside it. Keys are package-relative paths.
 */
interface SeaApi {
  isSea(): boolean;
  getAsset(key: string, encoding: string): string;
}

let sea: SeaApi | null | undefined;
function seaApi(): SeaApi | null {
  if (sea === undefined) {
    try {
      const s = createRequire(import.meta.url)('node:sea') as SeaApi;
      sea = s.isSea() ? s : null;
    } catch {
      sea = null;
    }
  }
  return sea;
}

/** The package root: this file is `dist/core/package-files.js` (or `src/core/…` under the tests). */
export const packageRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Where the build puts the list of embedded assets. */
export const SEA_INDEX_KEY = 'sea-assets.json';

export function readPackageFile(rel: string): string {
  const s = seaApi();
  if (s) return s.getAsset(rel, 'utf8');
  return readFileSync(path.join(packageRoot, rel), 'utf8');
}

export function packageFileExists(rel: string): boolean {
  const s = seaApi();
  if (s) return (JSON.parse(s.getAsset(SEA_INDEX_KEY, 'utf8')) as string[]).includes(rel);
  return existsSync(path.join(packageRoot, rel));
}

/** File names directly in a package folder, sorted. */
export function listPackageDir(rel: string): string[] {
  const s = seaApi();
  if (s) {
    const prefix = `${rel.replace(/\/$/, '')}/`;
    return (JSON.parse(s.getAsset(SEA_INDEX_KEY, 'utf8')) as string[])
      .filter((k) => k.startsWith(prefix) && !k.slice(prefix.length).includes('/'))
      .map((k) => k.slice(prefix.length))
      .sort();
  }
  const dir = path.join(packageRoot, rel);
  return existsSync(dir) ? readdirSync(dir).sort() : [];
}

/** Chart.js's UMD build: from the chart.js package, or the embedded copy. */
export function readChartJs(): string {
  const s = seaApi();
  if (s) return s.getAsset('vendor/chart.umd.min.js', 'utf8');
  const require = createRequire(import.meta.url);
  return readFileSync(path.join(path.dirname(require.resolve('chart.js')), 'chart.umd.min.js'), 'utf8');
}
