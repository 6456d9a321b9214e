import { createHash } from 'node:crypto';
import zlib from 'node:zlib';
import { Decompress as ZstdDecompress } from 'fzstd';
import { readGoBuildInfo, type GoBuildInfo } from './go-buildinfo.js';
import { normalizeImagePath, TarFormatError, TarParser, type EntrySink, type TarEntryType } from './tar.js';

/**
 * Walks one layer as a stream: the blob is hashed (its digest is checked), decompressed (gzip or
 * zstd) and read as tar, in one pass and without touching the disk. Only the files catalogers ask
 * for are kept in memory; Go binaries are reduced to their build info on the fly.
 */
export interface FileEntry {
  path: string;
  type: TarEntryType;
  size: number;
  mode: number;
  uid: number;
  gid: number;
  linkname?: string;
  layer: number;
}

export interface LayerResult {
  index: number;
  entries: Map<string, FileEntry>;
  /** Paths deleted from lower layers (`.wh.<name>`). */
  whiteouts: string[];
  /** Directories whose lower-layer contents are hidden (`.wh..wh..opq`). */
  opaque: string[];
  files: Map<string, Buffer>;
  goBinaries: Map<string, GoBuildInfo>;
  /** Paths refused because they climb out of the root. */
  refused: string[];
  uncompressedBytes: number;
  compressedBytes: number;
  digest: string;
}

export interface WalkLimits {
  /** Uncompressed bytes per layer (decompression bombs). */
  maxLayerBytes: number;
  maxEntries: number;
  /** Largest catalogued text file kept in memory. */
  maxFileBytes: number;
  /** Largest executable read for Go build info. */
  maxBinaryBytes: number;
}

/** Resolves on `event`, or when the stream closes or fails (the error handler records why), removing its listeners. */
function settle(stream: zlib.Gunzip, event: 'drain' | 'end'): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      stream.off(event, done);
      stream.off('close', done);
      stream.off('error', done);
      resolve();
    };
    stream.on(event, done);
    stream.on('close', done);
    stream.on('error', done);
  });
}

export const DEFAULT_LIMITS: WalkLimits = {
  maxLayerBytes: 16 * 1024 ** 3,
  maxEntries: 2_000_000,
  maxFileBytes: 64 * 1024 ** 2,
  maxBinaryBytes: 512 * 1024 ** 2,
};

export class ImageError extends Error {}

export const LAYER_MEDIA_TYPES = new Set([
  'application/vnd.oci.image.layer.v1.tar',
  'application/vnd.oci.image.layer.v1.tar+gzip',
  'application/vnd.oci.image.layer.v1.tar+zstd',
  'application/vnd.oci.image.layer.nondistributable.v1.tar',
  'application/vnd.oci.image.layer.nondistributable.v1.tar+gzip',
  'application/vnd.oci.image.layer.nondistributable.v1.tar+zstd',
  'application/vnd.docker.image.rootfs.diff.tar',
  'application/vnd.docker.image.rootfs.diff.tar.gzip',
  'application/vnd.docker.image.rootfs.foreign.diff.tar.gzip',
]);

/** Which file contents to keep, by normalised path. */
export type ContentSelector = (path: string) => boolean;

const ELF_MAGIC = 0x7f454c46;

export interface WalkLayerOptions {
  index: number;
  /** Expected digest of the blob bytes as given (`sha256:...`); checked at the end. */
  expectedDigest?: string;
  /** What the digest covers, for the error message. */
  label: string;
  select: ContentSelector;
  limits?: Partial<WalkLimits>;
  /** Whether to look for Go binaries among executables. */
  goBinaries?: boolean;
}

type Compression = 'gzip' | 'zstd' | 'none';

function sniff(chunk: Buffer): Compression {
  if (chunk[0] === 0x1f && chunk[1] === 0x8b) return 'gzip';
  if (chunk.length >= 4 && chunk.readUInt32LE(0) === 0xfd2fb528) return 'zstd';
  return 'none';
}

export async function walkLayer(input: AsyncIterable<Buffer>, options: WalkLayerOptions): Promise<LayerResult> {
  const walker = new LayerWalker(options);
  try {
    for await (const chunk of input) {
      if (walker.failed) break;
      await walker.write(chunk as Buffer);
    }
  } catch (err) {
    walker.fail(err);
  }
  return walker.finish();
}

/**
 * The layer walker as a push interface, for callers that receive the blob in pieces from
 * another stream (a layer inside a docker-archive tarball). Await each write: it waits for the
 * decompressor to drain, which keeps memory bounded.
 */
export class LayerWalker {
  private readonly limits: WalkLimits;
  private readonly result: LayerResult;
  private readonly parser: TarParser;
  private readonly hash = createHash('sha256');
  private compression: Compression | undefined;
  private gunzip: zlib.Gunzip | undefined;
  private zstd: ZstdDecompress | undefined;
  private failure: unknown;

  constructor(private readonly options: WalkLayerOptions) {
    this.limits = { ...DEFAULT_LIMITS, ...options.limits };
    const limits = this.limits;
    const result: LayerResult = (this.result = {
      index: options.index,
      entries: new Map(),
      whiteouts: [],
      opaque: [],
      files: new Map(),
      goBinaries: new Map(),
      refused: [],
      uncompressedBytes: 0,
      compressedBytes: 0,
      digest: '',
    });
    this.parser = new TarParser({
      maxEntries: limits.maxEntries,
      onEntry(h) {
        const path = normalizeImagePath(h.name);
        if (path === undefined) {
          result.refused.push(h.name);
          return undefined;
        }
        const slash = path.lastIndexOf('/');
        const base = path.slice(slash + 1);
        if (base.startsWith('.wh.')) {
          const dir = path.slice(0, slash);
          if (base === '.wh..wh..opq') result.opaque.push(dir);
          else if (!base.startsWith('.wh..wh.')) result.whiteouts.push(`${dir}/${base.slice(4)}`);
          return undefined;
        }
        if (path === '/') return undefined;
        const entry: FileEntry = { path, type: h.type, size: h.size, mode: h.mode, uid: h.uid, gid: h.gid, layer: options.index };
        if (h.linkname) entry.linkname = h.type === 'link' ? (normalizeImagePath(h.linkname) ?? h.linkname) : h.linkname;
        result.entries.set(path, entry);
        if (h.type !== 'file' || h.size === 0) return undefined;
        if (options.select(path)) {
          if (h.size > limits.maxFileBytes) return undefined;
          return collect((buf) => result.files.set(path, buf));
        }
        if (options.goBinaries !== false && h.mode & 0o111 && h.size >= 64 && h.size <= limits.maxBinaryBytes) return elfSink(path);
        return undefined;
      },
    });

    // Buffers a binary only once its first bytes say ELF; other executables are skipped.
    function elfSink(path: string): EntrySink {
      let chunks: Buffer[] | undefined = [];
      let seen = 0;
      let decided = false;
      return {
        data(chunk) {
          if (!chunks) return;
          chunks.push(Buffer.from(chunk));
          seen += chunk.length;
          if (!decided && seen >= 4) {
            decided = true;
            const head = Buffer.concat(chunks);
            chunks = head.readUInt32BE(0) === ELF_MAGIC ? [head] : undefined;
          }
        },
        end() {
          if (!chunks) return;
          const info = readGoBuildInfo(Buffer.concat(chunks));
          chunks = undefined;
          if (info) result.goBinaries.set(path, info);
        },
      };
    }

    function collect(done: (b: Buffer) => void): EntrySink {
      const chunks: Buffer[] = [];
      return { data: (c) => chunks.push(Buffer.from(c)), end: () => done(Buffer.concat(chunks)) };
    }
  }

  get failed(): boolean {
    return this.failure !== undefined;
  }

  fail(err: unknown): void {
    this.failure ??= err;
    this.gunzip?.destroy();
  }

  private feed = (chunk: Buffer) => {
    if (this.failure) return;
    try {
      this.result.uncompressedBytes += chunk.length;
      if (this.result.uncompressedBytes > this.limits.maxLayerBytes) {
        throw new ImageError(`${this.options.label} decompresses to more than ${this.limits.maxLayerBytes} bytes; refusing (possible decompression bomb)`);
      }
      this.parser.push(chunk);
    } catch (err) {
      this.fail(err);
    }
  };

  async write(chunk: Buffer): Promise<void> {
    if (this.failure) return;
    this.hash.update(chunk);
    this.result.compressedBytes += chunk.length;
    if (this.compression === undefined) {
      this.compression = sniff(chunk);
      if (this.compression === 'gzip') {
        const gunzip = (this.gunzip = zlib.createGunzip({ chunkSize: 256 * 1024 }));
        gunzip.on('data', this.feed);
        gunzip.on('error', (err: NodeJS.ErrnoException) => {
          this.failure ??= new ImageError(`${this.options.label}: gzip data is ${err.code === 'Z_BUF_ERROR' ? 'truncated' : 'corrupt'} (${err.message})`);
        });
      } else if (this.compression === 'zstd') {
        this.zstd = new ZstdDecompress((data) => this.feed(Buffer.from(data.buffer, data.byteOffset, data.byteLength)));
      }
    }
    if (this.gunzip) {
      if (!this.gunzip.write(chunk)) await settle(this.gunzip, 'drain');
    } else if (this.zstd) {
      try {
        this.zstd.push(chunk);
      } catch (err) {
        this.failure ??= new ImageError(`${this.options.label}: zstd data is corrupt (${(err as Error).message})`);
      }
    } else this.feed(chunk);
  }

  async finish(): Promise<LayerResult> {
    try {
      if (this.gunzip && !this.failure) {
        const gunzip = this.gunzip;
        const done = settle(gunzip, 'end');
        gunzip.end();
        await done;
      } else if (this.zstd && !this.failure) {
        try {
          this.zstd.push(new Uint8Array(0), true);
        } catch (err) {
          this.failure ??= new ImageError(`${this.options.label}: zstd data is corrupt or truncated (${(err as Error).message})`);
        }
      }
      if (!this.failure) this.parser.end();
    } catch (err) {
      this.failure ??= err;
    }
    const failure = this.failure;
    if (failure) {
      if (failure instanceof TarFormatError) throw new ImageError(`${this.options.label}: ${failure.message}`);
      throw failure;
    }
    this.result.digest = `sha256:${this.hash.digest('hex')}`;
    if (this.options.expectedDigest && this.options.expectedDigest !== this.result.digest) {
      throw new ImageError(`${this.options.label}: digest mismatch: expected ${this.options.expectedDigest}, the content hashes to ${this.result.digest}; refusing it`);
    }
    return this.result;
  }
}

/** The image's filesystem after applying every layer in order: whiteouts and opaque directories honoured. */
export interface ImageFs {
  entries: Map<string, FileEntry>;
  files: Map<string, Buffer>;
  goBinaries: Map<string, GoBuildInfo>;
}

function deleteUnder<V>(map: Map<string, V>, path: string, includeSelf: boolean): void {
  if (includeSelf) map.delete(path);
  const prefix = path === '' ? '/' : `${path}/`;
  for (const key of map.keys()) if (key.startsWith(prefix)) map.delete(key);
}

export function mergeLayers(layers: readonly LayerResult[]): ImageFs {
  const fs: ImageFs = { entries: new Map(), files: new Map(), goBinaries: new Map() };
  const maps = [fs.entries, fs.files, fs.goBinaries] as Map<string, unknown>[];
  for (const layer of [...layers].sort((a, b) => a.index - b.index)) {
    for (const dir of layer.opaque) for (const m of maps) deleteUnder(m, dir, false);
    for (const p of layer.whiteouts) for (const m of maps) deleteUnder(m, p, true);
    for (const [path, entry] of layer.entries) {
      const prev = fs.entries.get(path);
      // A directory replaced by a file or link takes its lower contents with it.
      if (prev?.type === 'dir' && entry.type !== 'dir') for (const m of maps) deleteUnder(m, path, false);
      fs.entries.set(path, entry);
      fs.files.delete(path);
      fs.goBinaries.delete(path);
    }
    for (const [p, b] of layer.files) fs.files.set(p, b);
    for (const [p, g] of layer.goBinaries) fs.goBinaries.set(p, g);
  }
  return fs;
}

/** Follows symlinks inside the image (at most 40 hops) to a path that holds content. */
export function resolveInImage(fs: ImageFs, path: string): string | undefined {
  let cur = path;
  for (let i = 0; i < 40; i++) {
    const e = fs.entries.get(cur);
    if (!e) return undefined;
    if (e.type === 'symlink' && e.linkname !== undefined) {
      const target = e.linkname.startsWith('/') ? e.linkname : `${cur.slice(0, cur.lastIndexOf('/'))}/${e.linkname}`;
      const next = normalizeImagePath(target);
      if (!next) return undefined;
      cur = next;
      continue;
    }
    if (e.type === 'link' && e.linkname !== undefined) return e.linkname;
    return cur;
  }
  return undefined;
}
