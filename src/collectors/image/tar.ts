/**
 * A streaming tar reader: bytes in, entry headers and body chunks out, with nothing written to
 * disk and nothing buffered beyond one header. Reads ustar, GNU (`L`/`K` long names, base-256
 * sizes) and pax (`x`/`g`) headers, which is what docker, buildkit, umoci and skopeo write.
 */
export type TarEntryType = 'file' | 'link' | 'symlink' | 'dir' | 'other';

export interface TarHeader {
  /** The name as written in the archive (not normalised). */
  name: string;
  type: TarEntryType;
  size: number;
  mode: number;
  uid: number;
  gid: number;
  linkname: string;
}

/** Receives an entry's body. Returning undefined from onEntry skips the body. */
export interface EntrySink {
  data(chunk: Buffer): void;
  end(): void;
}

export class TarFormatError extends Error {}

const BLOCK = 512;

function readString(buf: Buffer, off: number, len: number): string {
  let end = off;
  const max = off + len;
  while (end < max && buf[end] !== 0) end++;
  return buf.toString('utf8', off, end);
}

function readNumber(buf: Buffer, off: number, len: number): number {
  // GNU base-256: high bit of the first byte set.
  if (buf[off]! & 0x80) {
    let n = 0;
    for (let i = off + 1; i < off + len; i++) n = n * 256 + buf[i]!;
    return n + (buf[off]! & 0x7f) * 256 ** (len - 1);
  }
  const s = readString(buf, off, len).trim();
  if (s === '') return 0;
  if (!/^[0-7]+$/.test(s)) throw new TarFormatError(`invalid octal number "${s}" in a tar header`);
  return parseInt(s, 8);
}

function checksumOk(block: Buffer): boolean {
  let stored: number;
  try {
    stored = readNumber(block, 148, 8);
  } catch {
    return false;
  }
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : block[i]!;
  return sum === stored;
}

function parsePax(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  let i = 0;
  const buf = Buffer.from(text, 'utf8');
  while (i < buf.length) {
    const space = buf.indexOf(0x20, i);
    if (space === -1) break;
    const len = Number(buf.toString('utf8', i, space));
    if (!Number.isFinite(len) || len <= 0) break;
    const record = buf.toString('utf8', space + 1, i + len - 1);
    const eq = record.indexOf('=');
    if (eq !== -1) out[record.slice(0, eq)] = record.slice(eq + 1);
    i += len;
  }
  return out;
}

export interface TarParserOptions {
  onEntry(header: TarHeader): EntrySink | undefined;
  /** Stops with an error past this many entries (archive bombs of millions of empty files). */
  maxEntries?: number;
}

/**
 * Feed it chunks with {@link push}, then call {@link end}. Throws {@link TarFormatError} on a
 * corrupt header or an archive that ends in the middle of an entry.
 */
export class TarParser {
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private state: 'header' | 'body' | 'meta' | 'done' = 'header';
  private remaining = 0;
  private padding = 0;
  private sink: EntrySink | undefined;
  private metaKind = '';
  private metaChunks: Buffer[] = [];
  private longName: string | undefined;
  private longLink: string | undefined;
  private pax: Record<string, string> = {};
  private globalPax: Record<string, string> = {};
  entries = 0;

  constructor(private readonly options: TarParserOptions) {}

  push(chunk: Buffer): void {
    let off = 0;
    while (off < chunk.length && this.state !== 'done') {
      if (this.state === 'body' || this.state === 'meta') {
        if (this.remaining > 0) {
          const n = Math.min(this.remaining, chunk.length - off);
          const part = chunk.subarray(off, off + n);
          if (this.state === 'body') this.sink?.data(part);
          else this.metaChunks.push(Buffer.from(part));
          this.remaining -= n;
          off += n;
          if (this.remaining > 0) continue;
          this.finishEntry();
        }
        if (this.padding > 0) {
          const n = Math.min(this.padding, chunk.length - off);
          this.padding -= n;
          off += n;
          if (this.padding > 0) continue;
        }
        this.state = 'header';
        continue;
      }
      // Collect one 512-byte header block.
      const need = BLOCK - this.pendingBytes;
      const n = Math.min(need, chunk.length - off);
      this.pending.push(chunk.subarray(off, off + n));
      this.pendingBytes += n;
      off += n;
      if (this.pendingBytes < BLOCK) continue;
      const block = this.pending.length === 1 ? this.pending[0]! : Buffer.concat(this.pending);
      this.pending = [];
      this.pendingBytes = 0;
      this.readHeader(block);
    }
  }

  end(): void {
    if (this.state === 'done') return;
    const between = this.state === 'header' ? this.pendingBytes === 0 : this.remaining === 0 && this.padding === 0;
    if (!between) throw new TarFormatError('the tar archive is truncated (it ends in the middle of an entry)');
  }

  private readHeader(block: Buffer): void {
    if (block.every((b) => b === 0)) {
      // End-of-archive marker (two zero blocks; one is enough to stop).
      this.state = 'done';
      return;
    }
    if (!checksumOk(block)) throw new TarFormatError('corrupt tar header (checksum mismatch); the archive is damaged or not a tar');
    const typeflag = String.fromCharCode(block[156]!);
    const size = readNumber(block, 124, 12);
    const padding = (BLOCK - (size % BLOCK)) % BLOCK;
    if (typeflag === 'x' || typeflag === 'g' || typeflag === 'L' || typeflag === 'K') {
      if (size > 1 << 20) throw new TarFormatError(`tar metadata entry of ${size} bytes is too large`);
      this.metaKind = typeflag;
      this.metaChunks = [];
      this.remaining = size;
      this.padding = padding;
      this.state = 'meta';
      if (size === 0) this.finishEntry();
      return;
    }
    this.entries++;
    if (this.options.maxEntries !== undefined && this.entries > this.options.maxEntries) {
      throw new TarFormatError(`more than ${this.options.maxEntries} entries in one layer; refusing (possible archive bomb)`);
    }
    const magic = block.toString('latin1', 257, 263);
    let name = readString(block, 0, 100);
    if (magic.startsWith('ustar')) {
      const prefix = readString(block, 345, 155);
      if (prefix) name = `${prefix}/${name}`;
    }
    let linkname = readString(block, 157, 100);
    if (this.longName !== undefined) name = this.longName;
    if (this.longLink !== undefined) linkname = this.longLink;
    const pax = { ...this.globalPax, ...this.pax };
    if (pax.path !== undefined) name = pax.path;
    if (pax.linkpath !== undefined) linkname = pax.linkpath;
    const realSize = pax.size !== undefined ? Number(pax.size) : size;
    this.longName = undefined;
    this.longLink = undefined;
    this.pax = {};
    const type: TarEntryType =
      typeflag === '0' || typeflag === '\0' || typeflag === '7' ? 'file' : typeflag === '1' ? 'link' : typeflag === '2' ? 'symlink' : typeflag === '5' ? 'dir' : 'other';
    const header: TarHeader = {
      name,
      type,
      size: realSize,
      mode: readNumber(block, 100, 8),
      uid: pax.uid !== undefined ? Number(pax.uid) : readNumber(block, 108, 8),
      gid: pax.gid !== undefined ? Number(pax.gid) : readNumber(block, 116, 8),
      linkname,
    };
    this.sink = this.options.onEntry(header);
    this.remaining = type === 'file' || type === 'other' ? realSize : 0;
    this.padding = this.remaining ? (BLOCK - (realSize % BLOCK)) % BLOCK : 0;
    this.state = 'body';
    if (this.remaining === 0) this.finishEntry();
  }

  private finishEntry(): void {
    if (this.state === 'meta') {
      const text = Buffer.concat(this.metaChunks).toString('utf8');
      this.metaChunks = [];
      if (this.metaKind === 'L') this.longName = text.replace(/\0+$/, '');
      else if (this.metaKind === 'K') this.longLink = text.replace(/\0+$/, '');
      else if (this.metaKind === 'x') this.pax = parsePax(text);
      else if (this.metaKind === 'g') this.globalPax = { ...this.globalPax, ...parsePax(text) };
      return;
    }
    const sink = this.sink;
    this.sink = undefined;
    sink?.end();
  }
}

/**
 * Normalises a path inside an image to `/a/b`: leading `./` and `/` dropped, `.` and `..`
 * resolved. Returns undefined for a path that would climb out of the root, which is refused.
 */
export function normalizeImagePath(name: string): string | undefined {
  const out: string[] = [];
  for (const seg of name.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (out.length === 0) return undefined;
      out.pop();
      continue;
    }
    out.push(seg);
  }
  return `/${out.join('/')}`;
}
