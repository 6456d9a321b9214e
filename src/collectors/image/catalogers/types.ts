import type { ImageFs } from '../walker.js';

export type PackageType = 'deb' | 'apk' | 'golang' | 'npm' | 'pypi';

/** What `chisel` recorded about a package in a rock: which slices of it are installed. */
export interface ChiselInfo {
  slices: string[];
  /** Paths the manifest says the slices installed. */
  paths: number;
  /** Of those, how many are absent from the image's filesystem. */
  missingPaths: number;
  /** True when only `_copyright` slices are installed: none of the package's code is in the image. */
  copyrightOnly: boolean;
}

export interface ImagePackage {
  type: PackageType;
  name: string;
  version: string;
  purl: string;
  /** OSV ecosystem to match against, e.g. `Debian:12`, `Go`, `npm`. */
  ecosystem?: string;
  arch?: string;
  /** Debian/Ubuntu source package, and apk origin. */
  sourceName?: string;
  sourceVersion?: string;
  licenses?: string[];
  /** The file that proves the package is there (package database, binary, manifest). */
  location: string;
  cataloger: string;
  /** For Go: the binary's main module (not matchable when its version is `(devel)`). */
  isMainModule?: boolean;
  chisel?: ChiselInfo;
}

export interface OsInfo {
  /** `debian`, `ubuntu`, `alpine`, ... (os-release ID). */
  id: string;
  versionId?: string;
  codename?: string;
  prettyName?: string;
  /** The full point release where known (Debian: /etc/debian_version). */
  fullVersion?: string;
  /** How it was found: a file path, or a sentence when inferred. */
  source: string;
  /** OSV ecosystem of the distribution's packages, e.g. `Debian:12`, `Ubuntu:24.04:LTS`, `Alpine:v3.18`. */
  ecosystem?: string;
  /** End of security support, when known (YYYY-MM-DD). */
  endOfLife?: string;
}

export interface CatalogContext {
  fs: ImageFs;
  os?: OsInfo;
  diagnostics: { level: 'error' | 'warning' | 'info'; code: string; message: string; file?: string }[];
}

export interface Cataloger {
  name: string;
  /** Whether this cataloger needs the content of the file at this (normalised) path. */
  wants(path: string): boolean;
  catalog(ctx: CatalogContext): ImagePackage[];
}
