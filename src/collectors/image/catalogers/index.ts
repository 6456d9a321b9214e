import type { ImageFs } from '../walker.js';
import { apkCataloger } from './apk.js';
import { chiselCataloger } from './chisel.js';
import { dpkgCataloger } from './dpkg.js';
import { goCataloger } from './go.js';
import { nodeCataloger } from './node.js';
import { detectOs, OS_FILES } from './os-release.js';
import { pythonCataloger } from './python.js';
import type { CatalogContext, Cataloger, ImagePackage, OsInfo } from './types.js';

export type { ImagePackage, OsInfo } from './types.js';

/** In order: OS databases first (chisel may infer the OS for later ones), then language packages. */
export const CATALOGERS: readonly Cataloger[] = [chiselCataloger, dpkgCataloger, apkCataloger, goCataloger, nodeCataloger, pythonCataloger];

/** Which file contents the layer walker keeps: OS release files and whatever a cataloger reads. */
export function wantsContent(path: string): boolean {
  if (OS_FILES.includes(path)) return true;
  for (const c of CATALOGERS) if (c.wants(path)) return true;
  return false;
}

export function catalogImage(fs: ImageFs): { os?: OsInfo; packages: ImagePackage[]; diagnostics: CatalogContext['diagnostics'] } {
  const ctx: CatalogContext = { fs, os: detectOs(fs), diagnostics: [] };
  const packages: ImagePackage[] = [];
  for (const c of CATALOGERS) {
    try {
      packages.push(...c.catalog(ctx));
    } catch (err) {
      ctx.diagnostics.push({ level: 'warning', code: 'cataloger-failed', message: `${c.name}: ${(err as Error).message}` });
    }
  }
  return { os: ctx.os, packages, diagnostics: ctx.diagnostics };
}
