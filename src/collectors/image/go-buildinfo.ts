/**
 * Reads the build information every Go binary since Go 1.13 embeds (what `go version -m` prints):
 * the Go version, the main package path, the main module and the dependencies. Found by the
 * `\xff Go buildinf:` magic; Go 1.18+ stores the strings inline, older binaries store pointers
 * that are resolved through the ELF program headers. Nothing from the binary is executed.
 */
export interface GoModule {
  path: string;
  version: string;
  sum?: string;
  replace?: GoModule;
}

export interface GoBuildInfo {
  goVersion: string;
  path?: string;
  main?: GoModule;
  deps: GoModule[];
  settings: Record<string, string>;
}

const MAGIC = Buffer.from('\xff Go buildinf:', 'latin1');

function readUvarint(buf: Buffer, off: number): [number, number] | undefined {
  let x = 0;
  let s = 1;
  for (let i = 0; i < 10 && off + i < buf.length; i++) {
    const b = buf[off + i]!;
    x += (b & 0x7f) * s;
    if (b < 0x80) return [x, off + i + 1];
    s *= 128;
  }
  return undefined;
}

interface Segment {
  vaddr: number;
  offset: number;
  filesz: number;
}

function elfSegments(buf: Buffer): { segments: Segment[]; bigEndian: boolean; is64: boolean } | undefined {
  if (buf.length < 64 || buf.readUInt32BE(0) !== 0x7f454c46) return undefined;
  const is64 = buf[4] === 2;
  const bigEndian = buf[5] === 2;
  const u16 = (o: number) => (bigEndian ? buf.readUInt16BE(o) : buf.readUInt16LE(o));
  const u32 = (o: number) => (bigEndian ? buf.readUInt32BE(o) : buf.readUInt32LE(o));
  const u64 = (o: number) => Number(bigEndian ? buf.readBigUInt64BE(o) : buf.readBigUInt64LE(o));
  const phoff = is64 ? u64(32) : u32(28);
  const phentsize = u16(is64 ? 54 : 42);
  const phnum = u16(is64 ? 56 : 44);
  const segments: Segment[] = [];
  for (let i = 0; i < phnum; i++) {
    const o = phoff + i * phentsize;
    if (o + phentsize > buf.length) break;
    if (u32(o) !== 1) continue; // PT_LOAD
    segments.push(
      is64 ? { offset: u64(o + 8), vaddr: u64(o + 16), filesz: u64(o + 32) } : { offset: u32(o + 4), vaddr: u32(o + 8), filesz: u32(o + 16) },
    );
  }
  return { segments, bigEndian, is64 };
}

function sliceAt(buf: Buffer, segments: Segment[], vaddr: number, len: number): Buffer | undefined {
  for (const s of segments) {
    if (vaddr >= s.vaddr && vaddr + len <= s.vaddr + s.filesz) {
      const o = s.offset + (vaddr - s.vaddr);
      return o + len <= buf.length ? buf.subarray(o, o + len) : undefined;
    }
  }
  return undefined;
}

/** Undefined when the file is not a Go binary (or its build info is unreadable). */
export function readGoBuildInfo(buf: Buffer): GoBuildInfo | undefined {
  let at = buf.indexOf(MAGIC);
  // The header is 16-byte aligned; skip stray copies of the magic in other data.
  while (at !== -1 && at % 16 !== 0) at = buf.indexOf(MAGIC, at + 1);
  if (at === -1 || at + 32 > buf.length) return undefined;
  const ptrSize = buf[at + 14]!;
  const flags = buf[at + 15]!;
  let version: string | undefined;
  let modinfo: string | undefined;
  if (flags & 0x2) {
    const v = readUvarint(buf, at + 32);
    if (!v) return undefined;
    version = buf.toString('utf8', v[1], v[1] + v[0]);
    const m = readUvarint(buf, v[1] + v[0]);
    if (!m) return undefined;
    modinfo = buf.toString('utf8', m[1], m[1] + m[0]);
  } else {
    const elf = elfSegments(buf);
    if (!elf || (ptrSize !== 4 && ptrSize !== 8)) return undefined;
    const big = (flags & 0x1) !== 0;
    const readPtr = (b: Buffer, o: number) =>
      ptrSize === 8 ? Number(big ? b.readBigUInt64BE(o) : b.readBigUInt64LE(o)) : big ? b.readUInt32BE(o) : b.readUInt32LE(o);
    const readGoString = (ptr: number) => {
      const hdr = sliceAt(buf, elf.segments, ptr, ptrSize * 2);
      if (!hdr) return undefined;
      const data = readPtr(hdr, 0);
      const len = readPtr(hdr, ptrSize);
      const bytes = sliceAt(buf, elf.segments, data, len);
      return bytes?.toString('utf8');
    };
    version = readGoString(readPtr(buf, at + 16));
    modinfo = readGoString(readPtr(buf, at + 16 + ptrSize));
  }
  if (!version || !version.startsWith('go') && !version.startsWith('devel')) return undefined;
  return parseModinfo(version, modinfo ?? '');
}

/** Parses the module information block (`path`, `mod`, `dep`, `=>`, `build` lines). */
export function parseModinfo(goVersion: string, raw: string): GoBuildInfo {
  // The block is wrapped in 16-byte sentinels.
  let text = raw;
  if (text.length >= 33 && text[text.length - 17] === '\n') text = text.slice(16, text.length - 16);
  const info: GoBuildInfo = { goVersion, deps: [], settings: {} };
  let last: GoModule | undefined;
  for (const line of text.split('\n')) {
    const f = line.split('\t');
    switch (f[0]) {
      case 'path':
        info.path = f[1];
        break;
      case 'mod':
        info.main = { path: f[1] ?? '', version: f[2] ?? '', ...(f[3] ? { sum: f[3] } : {}) };
        last = info.main;
        break;
      case 'dep':
        last = { path: f[1] ?? '', version: f[2] ?? '', ...(f[3] ? { sum: f[3] } : {}) };
        info.deps.push(last);
        break;
      case '=>':
        if (last) last.replace = { path: f[1] ?? '', version: f[2] ?? '', ...(f[3] ? { sum: f[3] } : {}) };
        break;
      case 'build': {
        const kv = f.slice(1).join('\t');
        const eq = kv.indexOf('=');
        if (eq > 0) info.settings[kv.slice(0, eq)] = kv.slice(eq + 1);
        break;
      }
    }
  }
  return info;
}
