import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { makeTar } from '../../testing/tar-writer.js';
import { normalizeImagePath } from './tar.js';
import { ImageError, mergeLayers, resolveInImage, walkLayer, type WalkLayerOptions } from './walker.js';

async function* chunks(buf: Buffer, size = 700): AsyncGenerator<Buffer> {
  for (let i = 0; i < buf.length; i += size) yield buf.subarray(i, i + size);
}

const sha = (b: Buffer) => `sha256:${createHash('sha256').update(b).digest('hex')}`;
const opts = (index: number, extra: Partial<WalkLayerOptions> = {}): WalkLayerOptions => ({ index, label: `layer ${index}`, select: (p) => p.startsWith('/etc/'), ...extra });

describe('layer walker', () => {
  it('applies whiteouts and opaque directories of upper layers to lower ones only', async () => {
    const lower = makeTar([
      { name: 'etc/', type: 'dir' },
      { name: 'etc/a.conf', body: 'a' },
      { name: 'etc/keep.conf', body: 'keep' },
      { name: 'opt/app/old', body: 'old' },
      { name: 'opt/app/sub/deep', body: 'deep' },
    ]);
    const upper = makeTar([
      { name: 'etc/.wh.a.conf' },
      // The opaque marker may come after entries of the same layer in that directory; those stay.
      { name: 'opt/app/new', body: 'new' },
      { name: 'opt/app/.wh..wh..opq' },
    ]);
    const l0 = await walkLayer(chunks(lower), opts(0));
    const l1 = await walkLayer(chunks(zlib.gzipSync(upper)), opts(1));
    const fs = mergeLayers([l1, l0]);
    expect([...fs.entries.keys()].sort()).toEqual(['/etc', '/etc/keep.conf', '/opt/app/new']);
    expect(fs.files.get('/etc/keep.conf')?.toString()).toBe('keep');
    expect(fs.files.has('/etc/a.conf')).toBe(false);
  });

  it('checks the blob digest and refuses a mismatch, naming both digests', async () => {
    const tar = makeTar([{ name: 'etc/x', body: 'x' }]);
    const gz = zlib.gzipSync(tar);
    const ok = await walkLayer(chunks(gz), opts(0, { expectedDigest: sha(gz) }));
    expect(ok.digest).toBe(sha(gz));
    const wrong = `sha256:${'0'.repeat(64)}`;
    await expect(walkLayer(chunks(gz), opts(0, { expectedDigest: wrong }))).rejects.toThrow(`digest mismatch: expected ${wrong}, the content hashes to ${sha(gz)}`);
  });

  it('refuses truncated and corrupt layers with a clear message', async () => {
    const gz = zlib.gzipSync(makeTar([{ name: 'etc/x', body: 'x'.repeat(5000) }]));
    await expect(walkLayer(chunks(gz.subarray(0, gz.length - 30)), opts(0))).rejects.toThrow(/gzip data is truncated|truncated/);
    const bad = Buffer.from(gz);
    bad[20] ^= 0xff;
    bad[21] ^= 0xff;
    await expect(walkLayer(chunks(bad), opts(0))).rejects.toThrow(ImageError);
    const tar = makeTar([{ name: 'etc/x', body: 'x'.repeat(5000) }]);
    await expect(walkLayer(chunks(tar.subarray(0, 2000)), opts(0))).rejects.toThrow(/truncated/);
    const garbage = Buffer.alloc(1024, 7);
    await expect(walkLayer(chunks(garbage), opts(0))).rejects.toThrow(/corrupt tar header/);
  });

  it('stops decompression bombs and entry floods at the limits', async () => {
    const big = zlib.gzipSync(makeTar([{ name: 'zero', body: Buffer.alloc(4 * 1024 * 1024) }]));
    expect(big.length).toBeLessThan(64 * 1024);
    await expect(walkLayer(chunks(big, 8192), opts(0, { limits: { maxLayerBytes: 1024 * 1024 } }))).rejects.toThrow(/decompresses to more than 1048576 bytes/);
    const many = makeTar(Array.from({ length: 50 }, (_, i) => ({ name: `f${i}`, body: '' })));
    await expect(walkLayer(chunks(many), opts(0, { limits: { maxEntries: 10 } }))).rejects.toThrow(/more than 10 entries/);
  });

  it('refuses paths that climb out of the root and normalises the rest', async () => {
    const tar = makeTar([{ name: '../../etc/evil', body: 'x' }, { name: './etc/./ok/../fine', body: 'y' }]);
    const l = await walkLayer(chunks(tar), opts(0));
    expect(l.refused).toEqual(['../../etc/evil']);
    expect([...l.entries.keys()]).toEqual(['/etc/fine']);
    expect(normalizeImagePath('a/../../b')).toBeUndefined();
    expect(normalizeImagePath('/a//b/')).toBe('/a/b');
  });

  it('reads pax long names and follows relative symlinks inside the image', async () => {
    const long = `opt/${'d'.repeat(120)}/file`;
    const tar = makeTar([
      { name: long, body: 'long' },
      { name: 'usr/lib/os-release', body: 'ID=test' },
      { name: 'etc/os-release', type: 'symlink', linkname: '../usr/lib/os-release' },
    ]);
    const fs = mergeLayers([await walkLayer(chunks(tar), opts(0, { select: () => true }))]);
    expect(fs.files.get(`/${long}`)?.toString()).toBe('long');
    expect(resolveInImage(fs, '/etc/os-release')).toBe('/usr/lib/os-release');
  });

  it.skipIf(!existsSync('/usr/bin/zstd'))('reads zstd-compressed layers (skipped without the zstd tool to make one)', async () => {
    const tar = makeTar([{ name: 'etc/z.conf', body: 'zstd!' }]);
    const zst = execFileSync('/usr/bin/zstd', ['-c', '-q'], { input: tar });
    const fs = mergeLayers([await walkLayer(chunks(zst, 100), opts(0, { expectedDigest: sha(zst) }))]);
    expect(fs.files.get('/etc/z.conf')?.toString()).toBe('zstd!');
    await expect(walkLayer(chunks(zst.subarray(0, zst.length - 8)), opts(0))).rejects.toThrow(ImageError);
  });
});
