import { promises as fsp } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { catalogImage, wantsContent, type ImagePackage, type OsInfo } from './catalogers/index.js';
import { classifyEnv, type EnvEntry } from './env.js';
import { readImageArchive } from './archive.js';
import { resolveOciLayout } from './layout.js';
import { parseJsonBlob, parsePlatform, verifyDigest, type ImageConfig, type Platform } from './manifest.js';
import { parseReference, resolveRegistryImage, type RegistryOptions } from './registry.js';
import type { ResolvedImage } from './source.js';
import { ImageError, mergeLayers, walkLayer, type LayerResult, type WalkLimits } from './walker.js';

/** Bump when catalogers change what they find, so that cached inventories are not reused. */
export const INVENTORY_VERSION = 1;

/**
 * Everything Rampart learned about one image: where it came from, its config facts, its OS and
 * packages. This is what `report.extensions.images` holds (see docs/images.md); vulnerabilities
 * are added by the matcher.
 */
export interface ImageInventory {
  /** The image as the user named it. */
  ref: string;
  source: ResolvedImage['kind'];
  registry?: string;
  repository?: string;
  tag?: string;
  /** Manifest digest (the registry digest); absent for docker-archives, whose manifest is not stored. */
  digest?: string;
  /** Config digest (the image ID). */
  configDigest: string;
  repoTags?: string[];
  platform: { os?: string; architecture?: string; variant?: string };
  created?: string;
  user?: string;
  entrypoint?: string[];
  cmd?: string[];
  /** Environment variable names, with those that look like credentials flagged (values are never kept). */
  env: EnvEntry[];
  labels?: Record<string, string>;
  layers: { digest: string; size: number; mediaType: string }[];
  os?: OsInfo;
  packages: ImagePackage[];
  stats: { files: number; uncompressedBytes: number; compressedBytes: number; durationMs: number; fromCache: boolean };
  diagnostics: { level: 'error' | 'warning' | 'info'; code: string; message: string; file?: string }[];
  inventoryVersion: number;
}

export interface ReadImageOptions {
  platform?: string;
  limits?: Partial<WalkLimits>;
  registry?: RegistryOptions;
  /** Directory of the inventory cache; false disables it. */
  cacheDir?: string | false;
}

export function defaultCacheRoot(): string {
  return process.env.XDG_CACHE_HOME ? path.join(process.env.XDG_CACHE_HOME, 'rampart') : path.join(os.homedir(), '.cache', 'rampart');
}

async function statKind(p: string): Promise<'dir' | 'file' | undefined> {
  try {
    const st = await fsp.stat(p);
    return st.isDirectory() ? 'dir' : st.isFile() ? 'file' : undefined;
  } catch {
    return undefined;
  }
}

/** `dir:tag` names a tag inside an OCI layout, as skopeo's `oci:` transport does. */
async function localTarget(input: string): Promise<{ kind: 'dir' | 'file'; path: string; tag?: string } | undefined> {
  const kind = await statKind(input);
  if (kind) return { kind, path: input };
  const colon = input.lastIndexOf(':');
  if (colon > 0) {
    const base = input.slice(0, colon);
    const k = await statKind(base);
    if (k) return { kind: k, path: base, tag: input.slice(colon + 1) };
  }
  return undefined;
}

function looksLocal(input: string): boolean {
  return input.startsWith('.') || input.startsWith('/') || /\.(tar|tar\.gz|tgz)$/.test(input);
}

/** Reads an image (OCI layout, docker/OCI archive, or registry reference) and catalogues its contents. */
export async function readImage(input: string, options: ReadImageOptions = {}): Promise<ImageInventory> {
  const started = performance.now();
  const platform: Platform | undefined = options.platform ? parsePlatform(options.platform) : undefined;
  const layerOptions = { select: wantsContent, limits: options.limits };
  const local = await localTarget(input);
  let resolved: ResolvedImage | undefined;
  let layers: LayerResult[] | undefined;
  let notes: string[] = [];
  let repoTags: string[] | undefined;
  if (local?.kind === 'dir') {
    resolved = await resolveOciLayout(local.path, { platform, tag: local.tag });
  } else if (local?.kind === 'file') {
    const archive = await readImageArchive(local.path, { platform, tag: local.tag, layerOptions });
    layers = archive.layers;
    notes = archive.notes;
    repoTags = archive.repoTags;
    resolved = {
      kind: archive.kind,
      input,
      tag: archive.tag,
      manifestDigest: archive.manifestDigest,
      manifest: archive.manifest,
      configBytes: archive.configBytes,
      openLayer: () => {
        throw new ImageError('archive layers are read in one pass');
      },
    };
  } else if (looksLocal(input)) {
    throw new ImageError(`${input}: no such file or directory`);
  } else {
    resolved = await resolveRegistryImage(parseReference(input), { ...options.registry, platform });
  }

  const config = parseJsonBlob<ImageConfig>(resolved.configBytes, 'image config');
  const configDigest = resolved.manifest.config.digest;
  const cacheFile =
    options.cacheDir !== false && resolved.manifestDigest && !layers
      ? path.join(options.cacheDir ?? path.join(defaultCacheRoot(), 'images'), `${resolved.manifestDigest.replace(':', '-')}.json`)
      : undefined;
  if (cacheFile) {
    const cached = await readCache(cacheFile);
    if (cached) {
      cached.ref = input;
      cached.stats.fromCache = true;
      cached.stats.durationMs = Math.round(performance.now() - started);
      return cached;
    }
  }

  if (!layers) {
    layers = [];
    for (const [i, d] of resolved.manifest.layers.entries()) {
      if (!LAYER_TYPES_OK(d.mediaType)) throw new ImageError(`layer ${d.digest}: unknown media type ${d.mediaType}`);
      layers.push(await walkLayer(resolved.openLayer(d, i), { ...layerOptions, index: i, expectedDigest: d.digest, label: `layer ${d.digest}` }));
    }
  }
  const diffIds = config.rootfs?.diff_ids;
  if (Array.isArray(diffIds) && diffIds.length !== layers.length) {
    throw new ImageError(`the config lists ${diffIds.length} layers (rootfs.diff_ids) but the manifest has ${layers.length}`);
  }
  const fs = mergeLayers(layers);
  const catalog = catalogImage(fs);
  const diagnostics = [...catalog.diagnostics];
  for (const l of layers) for (const r of l.refused) diagnostics.push({ level: 'warning', code: 'image-path-escapes', message: `layer ${l.index}: entry "${r}" climbs out of the root; ignored` });
  for (const n of notes) diagnostics.push({ level: 'info', code: 'image-note', message: n });
  const c = config.config ?? {};
  const inv: ImageInventory = {
    ref: input,
    source: resolved.kind,
    configDigest,
    platform: { os: config.os, architecture: config.architecture },
    env: classifyEnv(c.Env),
    layers: resolved.manifest.layers.map((d, i) => ({ digest: d.digest, size: d.size ?? layers![i]?.compressedBytes ?? 0, mediaType: d.mediaType })),
    packages: catalog.packages,
    stats: {
      files: fs.entries.size,
      uncompressedBytes: layers.reduce((n, l) => n + l.uncompressedBytes, 0),
      compressedBytes: layers.reduce((n, l) => n + l.compressedBytes, 0),
      durationMs: 0,
      fromCache: false,
    },
    diagnostics,
    inventoryVersion: INVENTORY_VERSION,
  };
  if (resolved.registry) inv.registry = resolved.registry;
  if (resolved.repository) inv.repository = resolved.repository;
  if (resolved.tag) inv.tag = resolved.tag;
  if (resolved.manifestDigest) inv.digest = resolved.manifestDigest;
  if (repoTags?.length) inv.repoTags = repoTags;
  if (typeof config.created === 'string') inv.created = config.created;
  if (typeof c.User === 'string') inv.user = c.User;
  if (Array.isArray(c.Entrypoint)) inv.entrypoint = c.Entrypoint;
  if (Array.isArray(c.Cmd)) inv.cmd = c.Cmd;
  if (c.Labels && typeof c.Labels === 'object') inv.labels = c.Labels;
  if (catalog.os) inv.os = catalog.os;
  inv.stats.durationMs = Math.round(performance.now() - started);
  if (cacheFile) await writeCache(cacheFile, inv);
  return inv;
}

const LAYER_TYPES_OK = (t: string) => /^application\/vnd\.(oci\.image\.layer(\.nondistributable)?\.v1\.tar(\+gzip|\+zstd)?|docker\.image\.rootfs\.(foreign\.)?diff\.tar(\.gzip)?)$/.test(t);

async function readCache(file: string): Promise<ImageInventory | undefined> {
  try {
    const inv = JSON.parse(await fsp.readFile(file, 'utf8')) as ImageInventory;
    return inv.inventoryVersion === INVENTORY_VERSION ? inv : undefined;
  } catch {
    return undefined;
  }
}

async function writeCache(file: string, inv: ImageInventory): Promise<void> {
  try {
    await fsp.mkdir(path.dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    await fsp.writeFile(tmp, JSON.stringify(inv));
    await fsp.rename(tmp, file);
  } catch {
    // A cache that cannot be written only costs time.
  }
}

export { verifyDigest };
