import { createHash } from 'node:crypto';
import { ImageError } from './walker.js';

/** OCI and Docker media types for manifests, indexes and configs. */
export const MEDIA = {
  ociIndex: 'application/vnd.oci.image.index.v1+json',
  ociManifest: 'application/vnd.oci.image.manifest.v1+json',
  ociConfig: 'application/vnd.oci.image.config.v1+json',
  dockerList: 'application/vnd.docker.distribution.manifest.list.v2+json',
  dockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
  dockerConfig: 'application/vnd.docker.container.image.v1+json',
} as const;

export const INDEX_TYPES = new Set<string>([MEDIA.ociIndex, MEDIA.dockerList]);
export const MANIFEST_TYPES = new Set<string>([MEDIA.ociManifest, MEDIA.dockerManifest]);

export interface Descriptor {
  mediaType: string;
  digest: string;
  size: number;
  platform?: { os?: string; architecture?: string; variant?: string };
  annotations?: Record<string, string>;
}

export interface ImageManifest {
  schemaVersion?: number;
  mediaType?: string;
  config: Descriptor;
  layers: Descriptor[];
}

export interface ImageIndex {
  schemaVersion?: number;
  mediaType?: string;
  manifests: Descriptor[];
}

/** The image config fields Rampart reads (OCI image-spec config.md). */
export interface ImageConfig {
  created?: string;
  architecture?: string;
  os?: string;
  config?: { User?: string; Env?: string[]; Entrypoint?: string[]; Cmd?: string[]; WorkingDir?: string; Labels?: Record<string, string>; ExposedPorts?: Record<string, unknown> };
  rootfs?: { type?: string; diff_ids?: string[] };
  history?: { created?: string; created_by?: string; empty_layer?: boolean }[];
}

export interface Platform {
  os: string;
  architecture: string;
  variant?: string;
}

export function parsePlatform(text: string): Platform {
  const [os, architecture, variant] = text.split('/');
  if (!os || !architecture) throw new ImageError(`--platform must be os/arch[/variant], e.g. linux/amd64 (got "${text}")`);
  return variant ? { os, architecture, variant } : { os, architecture };
}

export function formatPlatform(p: Descriptor['platform']): string {
  return p ? [p.os, p.architecture, p.variant].filter(Boolean).join('/') : '(no platform)';
}

const DIGEST = /^(sha256|sha512):([a-f0-9]+)$/;

export function checkDigestFormat(digest: string): { algorithm: string; hex: string } {
  const m = DIGEST.exec(digest);
  if (!m || (m[1] === 'sha256' && m[2]!.length !== 64) || (m[1] === 'sha512' && m[2]!.length !== 128)) throw new ImageError(`invalid digest "${digest}"`);
  return { algorithm: m[1]!, hex: m[2]! };
}

/** Refuses content whose digest is not the one asked for, naming both. */
export function verifyDigest(bytes: Buffer, digest: string, what: string): void {
  const { algorithm } = checkDigestFormat(digest);
  const actual = `${algorithm}:${createHash(algorithm).update(bytes).digest('hex')}`;
  if (actual !== digest) throw new ImageError(`${what}: digest mismatch: expected ${digest}, the content hashes to ${actual}; refusing it`);
}

export function parseJsonBlob<T>(bytes: Buffer, what: string): T {
  try {
    return JSON.parse(bytes.toString('utf8')) as T;
  } catch {
    throw new ImageError(`${what} is not valid JSON`);
  }
}

/**
 * Picks the manifest for the platform from an index. A single manifest without platform
 * information is taken as is; otherwise the platform must match (variant only when asked).
 */
export function selectFromIndex(index: ImageIndex, platform: Platform | undefined, tag: string | undefined, where: string): Descriptor {
  let candidates = (index.manifests ?? []).filter((d) => MANIFEST_TYPES.has(d.mediaType) || INDEX_TYPES.has(d.mediaType));
  const unknown = (index.manifests ?? []).filter((d) => !MANIFEST_TYPES.has(d.mediaType) && !INDEX_TYPES.has(d.mediaType));
  if (candidates.length === 0) {
    if (unknown.length) throw new ImageError(`${where}: unknown media type ${unknown[0]!.mediaType} (expected an OCI or Docker image manifest)`);
    throw new ImageError(`${where}: the index lists no manifests`);
  }
  if (tag !== undefined) {
    const tagged = candidates.filter((d) => d.annotations?.['org.opencontainers.image.ref.name'] === tag);
    if (tagged.length === 0) {
      const tags = candidates.map((d) => d.annotations?.['org.opencontainers.image.ref.name']).filter(Boolean);
      throw new ImageError(`${where}: no image tagged "${tag}"${tags.length ? ` (tags: ${tags.join(', ')})` : ''}`);
    }
    candidates = tagged;
  }
  const wanted = platform ?? { os: 'linux', architecture: 'amd64' };
  const withPlatform = candidates.filter((d) => d.platform?.os && d.platform.architecture);
  if (withPlatform.length === 0 && candidates.length === 1) return candidates[0]!;
  const match = candidates.filter(
    (d) => d.platform?.os === wanted.os && d.platform.architecture === wanted.architecture && (!wanted.variant || d.platform.variant === wanted.variant),
  );
  if (match.length === 0) {
    throw new ImageError(
      `${where}: no manifest for platform ${formatPlatform(wanted)}; the index has ${candidates.map((d) => formatPlatform(d.platform)).join(', ')} (choose one with --platform)`,
    );
  }
  return match[0]!;
}
