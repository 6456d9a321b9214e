/** Writes ustar archives in memory for tests (names up to 100 bytes; longer ones through a pax header). */
export interface TarInput {
  name: string;
  type?: 'file' | 'dir' | 'symlink' | 'link';
  body?: string | Buffer;
  mode?: number;
  linkname?: string;
}

function header(name: string, size: number, typeflag: string, mode: number, linkname = ''): Buffer {
  const h = Buffer.alloc(512);
  h.write(name, 0, 100, 'utf8');
  h.write(mode.toString(8).padStart(7, '0') + '\0', 100);
  h.write('0000000\0', 108);
  h.write('0000000\0', 116);
  h.write(size.toString(8).padStart(11, '0') + '\0', 124);
  h.write('00000000000\0', 136);
  h.write('        ', 148);
  h.write(typeflag, 156);
  h.write(linkname, 157, 100, 'utf8');
  h.write('ustar\0', 257, 'latin1');
  h.write('00', 263, 'latin1');
  let sum = 0;
  for (let i = 0; i < 512; i++) sum += h[i]!;
  h.write(sum.toString(8).padStart(6, '0') + '\0 ', 148, 'latin1');
  return h;
}

function pad(b: Buffer): Buffer {
  const rest = (512 - (b.length % 512)) % 512;
  return rest ? Buffer.concat([b, Buffer.alloc(rest)]) : b;
}

export function makeTar(entries: readonly TarInput[]): Buffer {
  const parts: Buffer[] = [];
  for (const e of entries) {
    const body = e.body === undefined ? Buffer.alloc(0) : Buffer.isBuffer(e.body) ? e.body : Buffer.from(e.body);
    const type = e.type ?? 'file';
    const flag = type === 'file' ? '0' : type === 'dir' ? '5' : type === 'symlink' ? '2' : '1';
    let name = e.name;
    if (Buffer.byteLength(name) > 100) {
      const record = ` path=${name}\n`;
      // The length prefix counts itself.
      let len = record.length + 1;
      while (String(len).length + record.length !== len) len = String(len).length + record.length;
      const pax = Buffer.from(`${len}${record}`);
      parts.push(header('PaxHeader', pax.length, 'x', 0o644), pad(pax));
      name = name.slice(0, 99);
    }
    parts.push(header(name, type === 'file' ? body.length : 0, flag, e.mode ?? (type === 'dir' ? 0o755 : 0o644), e.linkname));
    if (type === 'file') parts.push(pad(body));
  }
  parts.push(Buffer.alloc(1024));
  return Buffer.concat(parts);
}
