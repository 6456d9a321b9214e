import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sharedDir } from '../../../testing/shared.js';
import type { ImageFs } from '../walker.js';
import { parseApkInstalled } from './apk.js';
import { chiselCataloger, parseChiselManifest } from './chisel.js';
import { dpkgCataloger } from './dpkg.js';
import { catalogImage } from './index.js';
import { inferUbuntuFromBaseFiles, parseOsRelease } from './os-release.js';
import { parseCoreMetadata } from './python.js';

const shared = sharedDir();
const samples = shared && path.join(shared, 'images', 'samples');

function fsWith(files: Record<string, string | Buffer>): ImageFs {
  const fs: ImageFs = { entries: new Map(), files: new Map(), goBinaries: new Map() };
  for (const [p, body] of Object.entries(files)) {
    const buf = Buffer.isBuffer(body) ? body : Buffer.from(body);
    fs.entries.set(p, { path: p, type: 'file', size: buf.length, mode: 0o644, uid: 0, gid: 0, layer: 0 });
    fs.files.set(p, buf);
  }
  return fs;
}

describe('os-release', () => {
  it('parses quoted values and maps releases to OSV ecosystems and end-of-life dates', () => {
    const fs = fsWith({ '/etc/os-release': 'NAME="Alpine Linux"\nID=alpine\nVERSION_ID=3.18.4\nPRETTY_NAME="Alpine Linux v3.18"\n' });
    expect(catalogImage(fs).os).toMatchObject({ id: 'alpine', versionId: '3.18.4', ecosystem: 'Alpine:v3.18', endOfLife: '2025-05-09' });
    expect(parseOsRelease('ID="ubuntu"\nVERSION="24.04.1 LTS (Noble Numbat)"')).toEqual({ ID: 'ubuntu', VERSION: '24.04.1 LTS (Noble Numbat)' });
    const ubuntu = fsWith({ '/usr/lib/os-release': 'ID=ubuntu\nVERSION_ID="22.04"\nVERSION="22.04.4 LTS (Jammy Jellyfish)"\n' });
    expect(catalogImage(ubuntu).os).toMatchObject({ ecosystem: 'Ubuntu:22.04:LTS', endOfLife: '2027-06-01' });
    expect(inferUbuntuFromBaseFiles('12ubuntu4.6')?.ecosystem).toBe('Ubuntu:22.04:LTS');
    expect(inferUbuntuFromBaseFiles('13.3ubuntu6')?.ecosystem).toBe('Ubuntu:24.10');
  });
});

describe('dpkg', () => {
  it('keeps installed packages only and reads Source with a version (binNMU)', () => {
    const status = [
      'Package: bash\nStatus: install ok installed\nVersion: 5.2.15-2+b13\nSource: bash (5.2.15-2)\nArchitecture: amd64\n',
      'Package: gone\nStatus: deinstall ok config-files\nVersion: 1.0\n',
      'Package: libc6\nStatus: install ok installed\nVersion: 2.36-9+deb12u14\nSource: glibc\nArchitecture: amd64\nDescription: GNU C Library\n long text\n .\n more\n',
    ].join('\n');
    const pkgs = dpkgCataloger.catalog({ fs: fsWith({ '/var/lib/dpkg/status': status }), diagnostics: [] });
    expect(pkgs.map((p) => `${p.name} ${p.version} ${p.sourceName} ${p.sourceVersion}`)).toEqual(['bash 5.2.15-2+b13 bash 5.2.15-2', 'libc6 2.36-9+deb12u14 glibc 2.36-9+deb12u14']);
  });
  it.skipIf(!samples)('reads the syft status.d fixtures (no Status field, arm64) and skips .md5sums (needs ../shared)', () => {
    const dir = path.join(samples!, 'dpkg-status.d');
    const files: Record<string, Buffer> = {};
    for (const [sub, names] of [['syft-image-distroless-deb', ['libsqlite3-0', 'libsqlite3-0.md5sums', 'libsqlite3-0.preinst']], ['syft-image-pkg-coverage', ['dash', 'netbase']]] as const) {
      for (const n of names) files[`/var/lib/dpkg/status.d/${n}`] = readFileSync(path.join(dir, sub, n));
    }
    const pkgs = dpkgCataloger.catalog({ fs: fsWith(files), diagnostics: [] });
    const got = pkgs.map((p) => `${p.name} ${p.version} ${p.arch}`).sort();
    expect(got.length).toBe(3);
    expect(got[0]).toBe('dash 0.5.8-2.4 amd64');
    expect(got[1]).toBe('libsqlite3-0 3.34.1-3 arm64');
    expect(got[2]).toMatch(/^netbase /);
  });
});

describe.skipIf(!samples)('chisel and apk samples (needs ../shared)', () => {
  it('reads real jsonwall manifests and refuses the invalid and empty ones', () => {
    const single = parseChiselManifest(readFileSync(path.join(samples!, 'chisel', 'single.wall')));
    expect(single.packages.map((p) => `${p.name} ${p.version}`)).toEqual(['base-files 13ubuntu10.2']);
    expect(() => parseChiselManifest(readFileSync(path.join(samples!, 'chisel', 'invalid.wall')))).toThrow(/jsonwall header|not valid zstd/);
    expect(() => parseChiselManifest(readFileSync(path.join(samples!, 'chisel', 'empty.wall')))).toThrow(/empty/);
    const ctx = { fs: fsWith({ '/var/lib/chisel/manifest.wall': readFileSync(path.join(samples!, 'chisel', 'invalid.wall')) }), diagnostics: [] as any[] };
    expect(chiselCataloger.catalog(ctx)).toEqual([]);
    expect(ctx.diagnostics[0].code).toBe('chisel-manifest-unreadable');
  });
  it('reads copyright-only slices as such', () => {
    const manifest = parseChiselManifest(readFileSync(path.join(samples!, 'chisel', 'openssl.wall')));
    expect(manifest.slices.filter((s) => s.startsWith('libssl3t64_'))).toEqual(['libssl3t64_copyright', 'libssl3t64_libs']);
  });
  it('lists the apk databases as their P:/V: lines say', () => {
    for (const [file, count] of [['osv-scalibr-alpine-installed', 15], ['syft-multiple-2-installed', 14]] as const) {
      const text = readFileSync(path.join(samples!, 'apk', file), 'utf8');
      const expected = [...text.matchAll(/^P:(.*)\n(?:[^\n]+\n)*?V:(.*)$/gm)].map((m) => `${m[1]} ${m[2]}`);
      const pkgs = parseApkInstalled(text);
      expect(pkgs.length).toBe(count);
      expect(pkgs.map((p) => `${p.name} ${p.version}`)).toEqual(expected);
    }
    const alpine = catalogImage(fsWith({ '/lib/apk/db/installed': readFileSync(path.join(samples!, 'apk', 'osv-scalibr-alpine-installed')), '/etc/alpine-release': '3.18.0\n' }));
    const busybox = alpine.packages.find((p) => p.name === 'busybox')!;
    expect(busybox).toMatchObject({ version: '1.36.0-r9', ecosystem: 'Alpine:v3.18', sourceName: 'busybox' });
    expect(busybox.purl.startsWith('pkg:apk/alpine/busybox@1.36.0-r9')).toBe(true);
  });
});

describe('python core metadata', () => {
  it('reads Name and Version from the header block only', () => {
    expect(parseCoreMetadata('Metadata-Version: 2.1\nName: pip\nVersion: 23.2.1\n\nName: not-this\n')).toMatchObject({ name: ['pip'], version: ['23.2.1'] });
  });
});

describe('npm lockfiles', () => {
  it('adds lockfile packages that are not installed, and does not repeat installed ones', () => {
    const lock = JSON.stringify({
      lockfileVersion: 3,
      packages: {
        '': { name: 'app', version: '1.0.0' },
        'node_modules/lodash': { version: '4.17.20' },
        'node_modules/@scope/pkg': { version: '2.0.0' },
        'node_modules/a/node_modules/b': { version: '0.1.0' },
        'node_modules/linked': { link: true, resolved: '../x' },
      },
    });
    const fs = fsWith({ '/app/package-lock.json': lock, '/app/node_modules/lodash/package.json': '{"name":"lodash","version":"4.17.20"}' });
    const pkgs = catalogImage(fs).packages;
    expect(pkgs.map((p) => `${p.name}@${p.version} ${p.location} ${p.purl}`)).toEqual([
      'lodash@4.17.20 /app/node_modules/lodash/package.json pkg:npm/lodash@4.17.20',
      '@scope/pkg@2.0.0 /app/package-lock.json pkg:npm/%40scope/pkg@2.0.0',
      'b@0.1.0 /app/package-lock.json pkg:npm/b@0.1.0',
    ]);
  });
});

describe('Go build info', () => {
  it('reads path, main module, deps and replacements from the module block', async () => {
    const { parseModinfo } = await import('../go-buildinfo.js');
    const { goCataloger } = await import('./go.js');
    // The block is wrapped in two 16-byte sentinels, as the linker writes it.
    const body = 'path\texample.com/cmd\nmod\texample.com\tv1.2.3\th1:abc=\ndep\tgolang.org/x/net\tv0.7.0\th1:x=\n=>\tgithub.com/fork/net\tv0.8.0-fork\th1:y=\ndep\tgithub.com/pkg/errors\tv0.9.1+incompatible\t\nbuild\tCGO_ENABLED=0\n';
    const info = parseModinfo('go1.21rc2', `${'0'.repeat(16)}${body}${'1'.repeat(16)}`);
    expect(info.path).toBe('example.com/cmd');
    expect(info.settings).toEqual({ CGO_ENABLED: '0' });
    expect(info.main).toMatchObject({ path: 'example.com', version: 'v1.2.3' });
    expect(info.deps[0]!.replace).toMatchObject({ path: 'github.com/fork/net', version: 'v0.8.0-fork' });
    const fs: ImageFs = { entries: new Map(), files: new Map(), goBinaries: new Map([['/bin/app', info]]) };
    const pkgs = goCataloger.catalog({ fs, diagnostics: [] });
    expect(pkgs.map((p) => `${p.name}@${p.version}`)).toEqual(['stdlib@1.21.0-rc.2', 'example.com@v1.2.3', 'github.com/fork/net@v0.8.0-fork', 'github.com/pkg/errors@v0.9.1+incompatible']);
  });
});
