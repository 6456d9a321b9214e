import zlib from 'node:zlib';
import { unzipSync } from 'fflate';

/**
 * Reads a zip (OSV's per-ecosystem `all.zip`) with fflate and checks every member against the
 * CRC-32 the central directory records, so a damaged download is refused rather than half-read.
 */
export class ZipError extends Error {}

function centralDirectory(buf: Uint8Array): Map<string, number> {
  const view = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  let eocd = -1;
  for (let i = view.length - 22; i >= Math.max(0, view.length - 22 - 65535); i--) {
    if (view.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd === -1) throw new ZipError('not a zip file (no end-of-central-directory record); the download may be truncated');
  const count = view.readUInt16LE(eocd + 10);
  let off = view.readUInt32LE(eocd + 16);
  const crcs = new Map<string, number>();
  for (let i = 0; i < count; i++) {
    if (off + 46 > view.length || view.readUInt32LE(off) !== 0x02014b50) throw new ZipError('the zip central directory is corrupt');
    const crc = view.readUInt32LE(off + 16);
    const nameLen = view.readUInt16LE(off + 28);
    const extraLen = view.readUInt16LE(off + 30);
    const commentLen = view.readUInt16LE(off + 32);
    crcs.set(view.toString('utf8', off + 46, off + 46 + nameLen), crc);
    off += 46 + nameLen + extraLen + commentLen;
  }
  return crcs;
}

export function readZip(buf: Uint8Array, filter: (name: string) => boolean = () => true): Map<string, Uint8Array> {
  const crcs = centralDirectory(buf);
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(buf, { filter: (f) => filter(f.name) });
  } catch (err) {
    throw new ZipError(`the zip is corrupt (${(err as Error).message})`);
  }
  const out = new Map<string, Uint8Array>();
  for (const [name, data] of Object.entries(files)) {
    const expected = crcs.get(name);
    if (expected !== undefined && zlib.crc32(data) !== expected) throw new ZipError(`zip member ${name} fails its CRC-32 check; the file is corrupt`);
    out.set(name, data);
  }
  return out;
}
