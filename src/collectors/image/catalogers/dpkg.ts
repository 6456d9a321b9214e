import { parseDeb822 } from './deb822.js';
import { makePurl } from './purl.js';
import type { Cataloger, CatalogContext, ImagePackage, OsInfo } from './types.js';

const STATUS = '/var/lib/dpkg/status';
const STATUS_D = '/var/lib/dpkg/status.d/';
// distroless keeps `<pkg>.md5sums` (and syft fixtures maintainer scripts) beside each status file.
const NOT_STATUS = /\.(md5sums|preinst|postinst|prerm|postrm|list|conffiles|triggers|shlibs|symbols|templates|config)$/;

export function debPackage(fields: Record<string, string>, location: string, cataloger: string, os: OsInfo | undefined): ImagePackage | undefined {
  const name = fields.Package;
  const version = fields.Version;
  if (!name || !version) return undefined;
  // `Source: glibc` or `Source: bash (5.2.15-2)` when the source version differs (binNMU).
  const src = /^(\S+)(?:\s+\(([^)]+)\))?/.exec(fields.Source ?? '');
  const sourceName = src?.[1] ?? name;
  const sourceVersion = src?.[2] ?? version;
  const namespace = os?.id === 'ubuntu' ? 'ubuntu' : 'debian';
  const qualifiers: Record<string, string> = {};
  if (fields.Architecture) qualifiers.arch = fields.Architecture;
  const distroVersion = os?.fullVersion ?? os?.versionId;
  if (os && distroVersion) qualifiers.distro = `${os.id}-${distroVersion}`;
  const pkg: ImagePackage = {
    type: 'deb',
    name,
    version,
    purl: makePurl('deb', name, version, qualifiers, namespace),
    sourceName,
    sourceVersion,
    location,
    cataloger,
  };
  if (fields.Architecture) pkg.arch = fields.Architecture;
  if (os?.ecosystem && (os.id === 'debian' || os.id === 'ubuntu')) pkg.ecosystem = os.ecosystem;
  return pkg;
}

/** Debian packages from `/var/lib/dpkg/status` (installed ones only) and distroless `status.d/` files. */
export const dpkgCataloger: Cataloger = {
  name: 'dpkg',
  wants: (p) => p === STATUS || (p.startsWith(STATUS_D) && !NOT_STATUS.test(p) && !p.slice(STATUS_D.length).includes('/')),
  catalog(ctx: CatalogContext) {
    const out: ImagePackage[] = [];
    const status = ctx.fs.files.get(STATUS);
    if (status) {
      for (const p of parseDeb822(status.toString('utf8'))) {
        // Removed packages keep a paragraph (`deinstall ok config-files`); only installed ones count.
        if (p.Status !== undefined && !/\binstalled$/.test(p.Status) || /config-files|not-installed|half-installed/.test(p.Status ?? '')) continue;
        const pkg = debPackage(p, STATUS, 'dpkg', ctx.os);
        if (pkg) out.push(pkg);
      }
    }
    const dFiles = [...ctx.fs.files.keys()].filter((p) => p.startsWith(STATUS_D) && !NOT_STATUS.test(p)).sort();
    for (const file of dFiles) {
      for (const p of parseDeb822(ctx.fs.files.get(file)!.toString('utf8'))) {
        if (p.Status !== undefined && !/\binstalled$/.test(p.Status)) continue;
        const pkg = debPackage(p, file, 'dpkg-status.d', ctx.os);
        if (pkg) out.push(pkg);
        else ctx.diagnostics.push({ level: 'warning', code: 'dpkg-status-unreadable', message: `${file}: no Package/Version fields`, file });
      }
    }
    return out;
  },
};
