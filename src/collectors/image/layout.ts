import { createReadStream, promises as fsp } from 'node:fs';
import path from 'node:path';
import { checkDigestFormat, INDEX_TYPES, MANIFEST_TYPES, parseJsonBlob, selectFromIndex, verifyDigest, type Descriptor, type ImageIndex, type ImageManifest, type Platform } from './manifest.js';
import { ImageError } from './walker.js';
import type { ResolvedImage } from './source.js';

/** An OCI image layout directory (image-spec image-layout.md): `oci-layout`, `index.json`, `blobs/<alg>/<hex>`. */
export async function resolveOciLayout(dir: string, options: { platform?: Platform; tag?: string }): Promise<ResolvedImage> {
  let layoutText: string;
  try {
    layoutText = await fsp.readFile(path.join(dir, 'oci-layout'), 'utf8');
  } catch {
    throw new ImageError(`${dir} is not an OCI image layout (no oci-layout file)`);
  }
  const layout = parseJsonBlob<{ imageLayoutVersion?: string }>(Buffer.from(layoutText), `${dir}/oci-layout`);
  if (typeof layout.imageLayoutVersion !== 'string') throw new ImageError(`${dir}/oci-layout has no imageLayoutVersion`);
  const blobPath = (digest: string) => {
    const { algorithm, hex } = checkDigestFormat(digest);
    return path.join(dir, 'blobs', algorithm, hex);
  };
  const readBlob = async (d: Descriptor, what: string) => {
    let bytes: Buffer;
    try {
      bytes = await fsp.readFile(blobPath(d.digest));
    } catch {
      throw new ImageError(`${what} ${d.digest} is missing from ${dir}/blobs`);
    }
    verifyDigest(bytes, d.digest, `${what} ${d.digest}`);
    return bytes;
  };
  const index = parseJsonBlob<ImageIndex>(await fsp.readFile(path.join(dir, 'index.json')).catch(() => {
    throw new ImageError(`${dir} has no index.json`);
  }), `${dir}/index.json`);
  let desc = selectFromIndex(index, options.platform, options.tag, `${dir}/index.json`);
  let refName = desc.annotations?.['org.opencontainers.image.ref.name'];
  // Nested indexes (an index pointing at a multi-platform index) are followed.
  for (let depth = 0; INDEX_TYPES.has(desc.mediaType); depth++) {
    if (depth > 4) throw new ImageError(`${dir}: indexes nested too deeply`);
    const nested = parseJsonBlob<ImageIndex>(await readBlob(desc, 'index'), `index ${desc.digest}`);
    desc = selectFromIndex(nested, options.platform, undefined, `index ${desc.digest}`);
  }
  if (!MANIFEST_TYPES.has(desc.mediaType)) throw new ImageError(`${dir}: unknown media type ${desc.mediaType}`);
  const manifestBytes = await readBlob(desc, 'manifest');
  const manifest = parseJsonBlob<ImageManifest>(manifestBytes, `manifest ${desc.digest}`);
  const configBytes = await readBlob(manifest.config, 'config');
  refName ??= undefined;
  return {
    kind: 'oci-layout',
    input: dir,
    tag: options.tag ?? refName,
    manifestDigest: desc.digest,
    manifest,
    configBytes,
    openLayer: (d) => createReadStream(blobPath(d.digest), { highWaterMark: 1024 * 1024 }),
  };
}
