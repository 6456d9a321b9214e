import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sharedDir } from '../../testing/shared.js';
import { makeTar, type TarInput } from '../../testing/tar-writer.js';
import { readImage } from './collect.js';

const shared = sharedDir();
const images = shared && path.join(shared, 'images');

function filesOf(dir: string, base = dir): TarInput[] {
  const out: TarInput[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) out.push({ name: `${path.relative(base, p)}/`, type: 'dir' }, ...filesOf(p, base));
    else out.push({ name: path.relative(base, p), body: readFileSync(p) });
  }
  return out;
}

describe.skipIf(!images)('OCI layouts and OCI archives (needs ../shared/images)', () => {
  let tmp: string;
  beforeAll(() => {
    tmp = mkdtempSync(path.join(os.tmpdir(), 'rampart-layout-'));
  });
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('reads an OCI archive (the layout as a tar, and gzipped) with the same result as the directory', async () => {
    const dir = path.join(images!, 'lang-packages');
    const tar = makeTar(filesOf(dir));
    writeFileSync(path.join(tmp, 'lang.oci.tar'), tar);
    writeFileSync(path.join(tmp, 'lang.oci.tar.gz'), zlib.gzipSync(tar));
    const fromDir = await readImage(dir, { cacheDir: false });
    for (const f of ['lang.oci.tar', 'lang.oci.tar.gz']) {
      const inv = await readImage(path.join(tmp, f), { cacheDir: false });
      expect(inv.source).toBe('oci-archive');
      expect(inv.digest).toBe(fromDir.digest);
      expect(inv.packages).toEqual(fromDir.packages);
    }
  });

  it('picks the platform from an index with several manifests, by --platform, and names the ones it has', async () => {
    const copy = path.join(tmp, 'multi');
    cpSync(path.join(images!, 'go-binaries'), copy, { recursive: true });
    const other = path.join(images!, 'chisel-manifest-only');
    for (const f of readdirSync(path.join(other, 'blobs', 'sha256'))) cpSync(path.join(other, 'blobs', 'sha256', f), path.join(copy, 'blobs', 'sha256', f));
    const a = JSON.parse(readFileSync(path.join(copy, 'index.json'), 'utf8')).manifests[0];
    const b = JSON.parse(readFileSync(path.join(other, 'index.json'), 'utf8')).manifests[0];
    const index = {
      schemaVersion: 2,
      manifests: [
        { ...a, platform: { os: 'linux', architecture: 'amd64' } },
        { ...b, platform: { os: 'linux', architecture: 'arm64', variant: 'v8' } },
      ],
    };
    writeFileSync(path.join(copy, 'index.json'), JSON.stringify(index));
    expect((await readImage(copy, { cacheDir: false })).digest).toBe(a.digest);
    expect((await readImage(copy, { cacheDir: false, platform: 'linux/arm64' })).digest).toBe(b.digest);
    await expect(readImage(copy, { cacheDir: false, platform: 'linux/s390x' })).rejects.toThrow(/no manifest for platform linux\/s390x; the index has linux\/amd64, linux\/arm64\/v8/);
    expect((await readImage(`${path.join(images!, 'go-binaries')}:latest`, { cacheDir: false })).tag).toBe('latest');
    await expect(readImage(`${path.join(images!, 'go-binaries')}:v9`, { cacheDir: false })).rejects.toThrow(/no image tagged "v9" \(tags: latest\)/);
  });

  it('refuses a directory that is not a layout and a path that does not exist', async () => {
    await expect(readImage(tmp, { cacheDir: false })).rejects.toThrow(/not an OCI image layout/);
    await expect(readImage('./no/such/image', { cacheDir: false })).rejects.toThrow(/no such file or directory/);
  });
});
