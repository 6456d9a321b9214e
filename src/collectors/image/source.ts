import type { Descriptor, ImageManifest } from './manifest.js';

/** An image whose manifest and config are read and checked; its layers are opened one at a time. */
export interface ResolvedImage {
  kind: 'oci-layout' | 'docker-archive' | 'oci-archive' | 'registry';
  /** What the user named. */
  input: string;
  /** Registry, repository, tag and digest when the image came from (or names) a registry. */
  registry?: string;
  repository?: string;
  tag?: string;
  manifestDigest?: string;
  manifest: ImageManifest;
  configBytes: Buffer;
  /** Streams a layer blob; the caller checks its digest. */
  openLayer(layer: Descriptor, index: number): AsyncIterable<Buffer>;
  /** Repo tags a docker-archive records. */
  repoTags?: string[];
}
