import { createReadStream, promises as fsp } from 'node:fs';
import zlib from 'node:zlib';
import { INDEX_TYPES, MANIFEST_TYPES, parseJsonBlob, selectFromIndex, verifyDigest, type Descriptor, type ImageIndex, type ImageManifest, type Platform } from './manifest.js';
import { normalizeImagePath, TarFormatError, TarParser, type EntrySink } from './tar.js';
import { ImageError, LayerWalker, type LayerResult, type WalkLayerOptions } from './walker.js';

/** Small files of the archive kept in memory (manifests, configs, small blobs). */
const SMALL = 16 * 1024 * 1024;

export interface ArchiveImage {
  kind: 'docker-archive' | 'oci-archive';
  input: string;
  tag?: string;
  repoTags?: string[];
  manifestDigest?: string;
  manifest: ImageManifest;
  configBytes: Buffer;
  layers: LayerResult[];
  layerDescriptors: Descriptor[];
  notes: string[];
}

type Op = { walker: LayerWalker; chunk?: Buffer; end?: true; name: string };

/**
 * Reads a `docker save` tarball or an OCI archive (plain or gzipped) in a single pass: layers
 * are walked as they stream past (the order inside the archive does not matter, they are put in
 * order afterwards), small JSON files are kept, and the manifest is read at the end.
 */
export async function readImageArchive(
  file: string,
  options: { platform?: Platform; tag?: string; layerOptions: Omit<WalkLayerOptions, 'index' | 'label' | 'expectedDigest'> },
): Promise<ArchiveImage> {
  const small = new Map<string, Buffer>();
  const symlinks = new Map<string, string>();
  const walked = new Map<string, Promise<LayerResult>>();
  const ops: Op[] = [];
  const isLayerName = (p: string) => /\.(tar|tar\.gz|tgz|tar\.zst)$/.test(p);
  const outer = new TarParser({
    maxEntries: 1_000_000,
    onEntry(h) {
      const name = normalizeImagePath(h.name);
      if (!name) return undefined;
      if (h.type === 'symlink' || h.type === 'link') {
        const target = h.type === 'link' ? normalizeImagePath(h.linkname) : normalizeImagePath(`${name.slice(0, name.lastIndexOf('/'))}/${h.linkname}`);
        if (target) symlinks.set(name, target);
        return undefined;
      }
      if (h.type !== 'file') return undefined;
      if (isLayerName(name) || (name.startsWith('/blobs/') && h.size > SMALL)) {
        const walker = new LayerWalker({ ...options.layerOptions, index: -1, label: `layer ${name.slice(1)} of ${file}` });
        let resolveDone!: (r: LayerResult) => void;
        let rejectDone!: (e: unknown) => void;
        walked.set(name, new Promise<LayerResult>((res, rej) => ((resolveDone = res), (rejectDone = rej))));
        walked.get(name)!.catch(() => undefined);
        (walker as any).__done = [resolveDone, rejectDone];
        return {
          data: (c) => ops.push({ walker, chunk: Buffer.from(c), name }),
          end: () => ops.push({ walker, end: true, name }),
        } satisfies EntrySink;
      }
      if (h.size > SMALL) return undefined;
      const chunks: Buffer[] = [];
      return { data: (c) => chunks.push(Buffer.from(c)), end: () => small.set(name, Buffer.concat(chunks)) };
    },
  });

  const runOps = async () => {
    while (ops.length) {
      const op = ops.shift()!;
      const [resolveDone, rejectDone] = (op.walker as any).__done as [(r: LayerResult) => void, (e: unknown) => void];
      if (op.chunk) await op.walker.write(op.chunk);
      else op.walker.finish().then(resolveDone, rejectDone);
    }
  };

  const head = Buffer.alloc(2);
  try {
    const fh = await fsp.open(file);
    await fh.read(head, 0, 2, 0);
    await fh.close();
  } catch (err) {
    throw new ImageError(`${file}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}`);
  }
  const stream = createReadStream(file, { highWaterMark: 1024 * 1024 });
  const source: AsyncIterable<Buffer> = head[0] === 0x1f && head[1] === 0x8b ? stream.pipe(zlib.createGunzip({ chunkSize: 1024 * 1024 })) : stream;
  try {
    for await (const chunk of source) {
      outer.push(chunk);
      await runOps();
    }
    outer.end();
  } catch (err) {
    stream.destroy();
    if (err instanceof TarFormatError) throw new ImageError(`${file}: ${err.message}`);
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new ImageError(`${file}: no such file`);
    if (code === 'Z_BUF_ERROR' || code === 'Z_DATA_ERROR') throw new ImageError(`${file}: the gzip data is truncated or corrupt`);
    throw err;
  }

  const notes: string[] = [];
  const resolve = (p: string) => symlinks.get(p) ?? p;
  const walkedResult = async (name: string): Promise<LayerResult | undefined> => walked.get(resolve(name)) && (await walked.get(resolve(name)));
  // A small layer was kept in memory; walk it now.
  const walkSmall = async (name: string, expected: string | undefined, index: number): Promise<LayerResult> => {
    const bytes = small.get(resolve(name));
    if (!bytes) throw new ImageError(`${file}: layer ${name.slice(1)} is missing from the archive`);
    const w = new LayerWalker({ ...options.layerOptions, index, label: `layer ${name.slice(1)} of ${file}`, expectedDigest: expected });
    await w.write(bytes);
    return w.finish();
  };

  const dockerManifest = small.get('/manifest.json');
  if (dockerManifest) {
    const list = parseJsonBlob<{ Config: string; RepoTags?: string[]; Layers: string[] }[]>(dockerManifest, `${file}: manifest.json`);
    if (!Array.isArray(list) || list.length === 0) throw new ImageError(`${file}: manifest.json lists no image`);
    let entry = list[0]!;
    if (options.tag !== undefined) {
      const found = list.find((e) => (e.RepoTags ?? []).some((t) => t === options.tag || t.endsWith(`:${options.tag}`)));
      if (!found) throw new ImageError(`${file}: no image tagged "${options.tag}"`);
      entry = found;
    }
    const configName = normalizeImagePath(entry.Config)!;
    const configBytes = small.get(resolve(configName));
    if (!configBytes) throw new ImageError(`${file}: config ${entry.Config} is missing`);
    const hex = /([a-f0-9]{64})(?:\.json)?$/.exec(configName)?.[1];
    if (hex) verifyDigest(configBytes, `sha256:${hex}`, `config ${entry.Config}`);
    const config = parseJsonBlob<{ rootfs?: { diff_ids?: string[] } }>(configBytes, `config ${entry.Config}`);
    const diffIds = config.rootfs?.diff_ids ?? [];
    const layers: LayerResult[] = [];
    const descriptors: Descriptor[] = [];
    for (const [i, l] of entry.Layers.entries()) {
      const name = normalizeImagePath(l)!;
      const real = resolve(name);
      const blobHex = /\/blobs\/sha256\/([a-f0-9]{64})$/.exec(real)?.[1];
      let result = await walkedResult(name);
      if (!result) result = await walkSmall(name, undefined, i);
      result.index = i;
      // Uncompressed layers are named by, and hash to, their diff id; blobs by their digest.
      const expected = blobHex ? `sha256:${blobHex}` : diffIds[i];
      if (expected && result.uncompressedBytes === result.compressedBytes && result.digest !== expected) {
        throw new ImageError(`layer ${l} of ${file}: digest mismatch: expected ${expected}, the content hashes to ${result.digest}; refusing it`);
      }
      if (expected && result.uncompressedBytes !== result.compressedBytes && blobHex && result.digest !== expected) {
        throw new ImageError(`layer ${l} of ${file}: digest mismatch: expected ${expected}, the content hashes to ${result.digest}; refusing it`);
      }
      if (!blobHex && result.uncompressedBytes !== result.compressedBytes) notes.push(`layer ${l} is compressed inside the archive; its diff id was not checked`);
      layers.push(result);
      descriptors.push({ mediaType: 'application/vnd.docker.image.rootfs.diff.tar', digest: result.digest, size: result.compressedBytes });
    }
    const manifest: ImageManifest = {
      schemaVersion: 2,
      config: { mediaType: 'application/vnd.docker.container.image.v1+json', digest: hex ? `sha256:${hex}` : '', size: configBytes.length },
      layers: descriptors,
    };
    const repoTags = entry.RepoTags ?? [];
    return { kind: 'docker-archive', input: file, repoTags, tag: repoTags[0], manifest, configBytes, layers, layerDescriptors: descriptors, notes };
  }

  const indexBytes = small.get('/index.json');
  if (!indexBytes || !small.has('/oci-layout')) throw new ImageError(`${file} is neither a docker-archive (no manifest.json) nor an OCI archive (no index.json and oci-layout)`);
  const blob = (d: Descriptor, what: string) => {
    const hex = /^sha256:([a-f0-9]{64})$/.exec(d.digest)?.[1];
    const bytes = hex ? small.get(`/blobs/sha256/${hex}`) : undefined;
    if (!bytes) throw new ImageError(`${file}: ${what} ${d.digest} is missing`);
    verifyDigest(bytes, d.digest, `${what} ${d.digest}`);
    return bytes;
  };
  let desc = selectFromIndex(parseJsonBlob<ImageIndex>(indexBytes, `${file}: index.json`), options.platform, options.tag, `${file}: index.json`);
  const tag = desc.annotations?.['org.opencontainers.image.ref.name'];
  for (let depth = 0; INDEX_TYPES.has(desc.mediaType); depth++) {
    if (depth > 4) throw new ImageError(`${file}: indexes nested too deeply`);
    desc = selectFromIndex(parseJsonBlob<ImageIndex>(blob(desc, 'index'), `index ${desc.digest}`), options.platform, undefined, `index ${desc.digest}`);
  }
  if (!MANIFEST_TYPES.has(desc.mediaType)) throw new ImageError(`${file}: unknown media type ${desc.mediaType}`);
  const manifest = parseJsonBlob<ImageManifest>(blob(desc, 'manifest'), `manifest ${desc.digest}`);
  const configBytes = blob(manifest.config, 'config');
  const layers: LayerResult[] = [];
  for (const [i, l] of manifest.layers.entries()) {
    const name = `/blobs/sha256/${l.digest.replace(/^sha256:/, '')}`;
    let result = await walkedResult(name);
    if (!result) result = await walkSmall(name, l.digest, i);
    result.index = i;
    if (result.digest !== l.digest) throw new ImageError(`layer ${l.digest} of ${file}: digest mismatch: the content hashes to ${result.digest}; refusing it`);
    layers.push(result);
  }
  return { kind: 'oci-archive', input: file, tag: options.tag ?? tag, manifestDigest: desc.digest, manifest, configBytes, layers, layerDescriptors: manifest.layers, notes };
}
