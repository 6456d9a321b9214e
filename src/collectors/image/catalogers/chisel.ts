import { decompress } from 'fzstd';
import { makePurl } from './purl.js';
import type { Cataloger, ImagePackage } from './types.js';
import { inferUbuntuFromBaseFiles } from './os-release.js';

export const CHISEL_MANIFEST = '/var/lib/chisel/manifest.wall';

export interface ChiselManifest {
  header: Record<string, unknown>;
  packages: { name: string; version: string; sha256?: string; arch?: string }[];
  slices: string[];
  /** path → slices that installed it */
  paths: Map<string, string[]>;
}

export class ChiselError extends Error {}

/**
 * A chisel manifest is a "jsonwall": zstd-compressed JSON lines, the first a header
 * (`{"jsonwall":"1.0","schema":"1.0","count":N}`), then rows sorted by kind.
 */
export function parseChiselManifest(compressed: Uint8Array): ChiselManifest {
  if (compressed.length === 0) throw new ChiselError('the chisel manifest is empty');
  let text: string;
  try {
    text = Buffer.from(decompress(compressed)).toString('utf8');
  } catch (err) {
    throw new ChiselError(`the chisel manifest is not valid zstd (${(err as Error).message})`);
  }
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  let header: Record<string, unknown>;
  try {
    header = JSON.parse(lines[0] ?? '');
  } catch {
    throw new ChiselError('the chisel manifest has no jsonwall header');
  }
  if (typeof header.jsonwall !== 'string') throw new ChiselError('the chisel manifest has no jsonwall header');
  if (header.schema !== '1.0') throw new ChiselError(`unsupported chisel manifest schema ${String(header.schema)}`);
  const m: ChiselManifest = { header, packages: [], slices: [], paths: new Map() };
  for (const line of lines.slice(1)) {
    let row: any;
    try {
      row = JSON.parse(line);
    } catch {
      throw new ChiselError('the chisel manifest has a row that is not JSON');
    }
    if (row.kind === 'package' && typeof row.name === 'string' && typeof row.version === 'string') m.packages.push(row);
    else if (row.kind === 'slice' && typeof row.name === 'string') m.slices.push(row.name);
    else if (row.kind === 'path' && typeof row.path === 'string') m.paths.set(row.path, Array.isArray(row.slices) ? row.slices : []);
  }
  // The count includes the header line itself.
  if (typeof header.count === 'number' && header.count !== lines.length) {
    throw new ChiselError(`the chisel manifest header says ${header.count} lines, it has ${lines.length} (truncated or corrupt)`);
  }
  return m;
}

/** Packages of an Ubuntu rock from its chisel manifest, with the slices of each that are installed. */
export const chiselCataloger: Cataloger = {
  name: 'chisel',
  wants: (p) => p === CHISEL_MANIFEST,
  catalog(ctx) {
    const buf = ctx.fs.files.get(CHISEL_MANIFEST);
    if (!buf) return [];
    let manifest: ChiselManifest;
    try {
      manifest = parseChiselManifest(buf);
    } catch (err) {
      ctx.diagnostics.push({ level: 'warning', code: 'chisel-manifest-unreadable', message: `${CHISEL_MANIFEST}: ${(err as Error).message}`, file: CHISEL_MANIFEST });
      return [];
    }
    let os = ctx.os;
    if (!os) {
      const baseFiles = manifest.packages.find((p) => p.name === 'base-files');
      os = baseFiles ? inferUbuntuFromBaseFiles(baseFiles.version) : undefined;
      if (os) ctx.os = os;
    }
    return manifest.packages.map((p) => {
      const slices = manifest.slices.filter((s) => s.startsWith(`${p.name}_`));
      let paths = 0;
      let missing = 0;
      for (const [path, by] of manifest.paths) {
        if (!by.some((s) => slices.includes(s))) continue;
        paths++;
        const normal = path.endsWith('/') && path.length > 1 ? path.slice(0, -1) : path;
        if (!ctx.fs.entries.has(normal)) missing++;
      }
      const qualifiers: Record<string, string> = {};
      if (p.arch) qualifiers.arch = p.arch;
      if (os?.versionId) qualifiers.distro = `${os.id}-${os.versionId}`;
      const pkg: ImagePackage = {
        type: 'deb',
        name: p.name,
        version: p.version,
        purl: makePurl('deb', p.name, p.version, qualifiers, 'ubuntu'),
        location: CHISEL_MANIFEST,
        cataloger: 'chisel',
        chisel: { slices, paths, missingPaths: missing, copyrightOnly: slices.length > 0 && slices.every((s) => s.endsWith('_copyright')) },
      };
      if (p.arch) pkg.arch = p.arch;
      if (os?.ecosystem?.startsWith('Ubuntu:')) pkg.ecosystem = os.ecosystem;
      return pkg;
    });
  },
};
