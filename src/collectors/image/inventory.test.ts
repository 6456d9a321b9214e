import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sharedDir } from '../../testing/shared.js';
import { readImage } from './collect.js';

const shared = sharedDir();
const images = shared && path.join(shared, 'images');
const why = 'needs ../shared/images (set RAMPART_SHARED)';

/** Compares purls by type/namespace/name/version, as the ground truth README says (qualifiers differ between tools). */
function purlCore(purl: string): string {
  return purl.split('?')[0]!;
}

function expected(name: string): any {
  return JSON.parse(readFileSync(path.join(images!, `${name}.expected-packages.json`), 'utf8'));
}

function key(p: { name: string; version: string; purl: string }, where?: string) {
  return `${p.name}@${p.version} ${purlCore(p.purl)}${where ? ` ${where}` : ''}`;
}

describe.skipIf(!images)(`image inventory against ground truth (${why})`, () => {
  it('debian-bookworm-minbase: the 88 dpkg packages with source names and versions, Debian 12.15', async () => {
    const inv = await readImage(path.join(images!, 'debian-bookworm-minbase'), { cacheDir: false });
    const exp = expected('debian-bookworm-minbase');
    expect(inv.packages.length).toBe(88);
    expect(inv.packages.map((p) => `${key(p)} src=${p.sourceName}@${p.sourceVersion} ${p.arch}`).sort()).toEqual(
      exp.packages.map((p: any) => `${key(p)} src=${p.sourceName}@${p.sourceVersion} ${p.architecture}`).sort(),
    );
    expect(inv.packages.every((p) => p.ecosystem === 'Debian:12' && p.location === '/var/lib/dpkg/status')).toBe(true);
    expect(inv.os).toMatchObject({ id: 'debian', versionId: '12', codename: 'bookworm', fullVersion: '12.15', ecosystem: 'Debian:12' });
    expect(inv.digest).toBe(exp.image.manifestDigest);
    expect(inv.configDigest).toBe(exp.image.configDigest);
  });

  it('the docker-archive (.tar.gz) of the same image gives the same packages and image ID', async () => {
    const layout = await readImage(path.join(images!, 'debian-bookworm-minbase'), { cacheDir: false });
    const archive = await readImage(path.join(images!, 'debian-bookworm-minbase.docker-archive.tar.gz'), { cacheDir: false });
    expect(archive.source).toBe('docker-archive');
    expect(archive.configDigest).toBe(layout.configDigest);
    expect(archive.repoTags).toEqual(['docker.io/fixtures/debian-bookworm-minbase:12.15-slim']);
    expect(archive.packages.map((p) => key(p))).toEqual(layout.packages.map((p) => key(p)));
  });

  for (const source of ['go-binaries', 'go-binaries.docker-archive.tar']) {
    it(`${source}: 8 Go packages from 4 binaries, and the whited-out age-keygen is gone`, async () => {
      const inv = await readImage(path.join(images!, source), { cacheDir: false });
      const exp = expected('go-binaries');
      expect(inv.packages.map((p) => key(p, p.location)).sort()).toEqual(exp.packages.map((p: any) => key(p, p.foundIn)).sort());
      expect(inv.packages.filter((p) => p.isMainModule).map((p) => p.name)).toEqual(['example.com/fixtures/vulnapp']);
      expect(inv.packages.some((p) => p.location === '/usr/bin/age-keygen')).toBe(false);
      expect(inv.user).toBe('65534:65534');
    });
  }

  it('distroless-style-debian12: 5 packages from status.d, with and without Source fields', async () => {
    const inv = await readImage(path.join(images!, 'distroless-style-debian12'), { cacheDir: false });
    const exp = expected('distroless-style-debian12');
    expect(inv.packages.map((p) => `${key(p, p.location)} src=${p.sourceName}@${p.sourceVersion}`).sort()).toEqual(
      exp.packages.map((p: any) => `${key(p, p.statusFile)} src=${p.sourceName}@${p.sourceVersion}`).sort(),
    );
  });

  it('chisel-manifest-only: 4 Ubuntu 24.04 packages with their slices; the OS inferred from base-files', async () => {
    const inv = await readImage(path.join(images!, 'chisel-manifest-only'), { cacheDir: false });
    const exp = expected('chisel-manifest-only');
    expect(inv.packages.map((p) => `${key(p)} ${p.chisel?.slices.join(',')}`).sort()).toEqual(exp.packages.map((p: any) => `${key(p)} ${p.slices.join(',')}`).sort());
    expect(inv.os).toMatchObject({ id: 'ubuntu', versionId: '24.04', ecosystem: 'Ubuntu:24.04:LTS' });
    // The image holds only the manifest: every path the slices installed is absent, except the
    // manifest itself and /var/lib/ (base-files_chisel and base-files_var).
    for (const p of inv.packages) expect(p.chisel!.paths - p.chisel!.missingPaths).toBe(p.name === 'base-files' ? 2 : 0);
    expect(inv.packages.every((p) => p.ecosystem === 'Ubuntu:24.04:LTS')).toBe(true);
  });

  it('lang-packages: 2 npm (node_modules, not repeated from the lockfile) and 2 PyPI packages', async () => {
    const inv = await readImage(path.join(images!, 'lang-packages'), { cacheDir: false });
    const exp = expected('lang-packages');
    expect(inv.packages.map((p) => key(p, p.location)).sort()).toEqual(exp.packages.map((p: any) => key(p, p.location)).sort());
  });
});
