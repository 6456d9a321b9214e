import type { Resource } from '../../core/types.js';
import type { VulnMatch } from '../../vuln/match.js';
import type { ImageInventory } from './collect.js';

export const IMAGE_API_VERSION = 'rampart.dev/v1';
export const IMAGE_KIND = 'ImageContents';

/** An image inventory with what the matcher found, as `report.extensions.images` lists it. */
export interface ImageReportEntry extends ImageInventory {
  vulnerabilities: VulnMatch[];
  /** Whether vulnerabilities were matched, and against which database. */
  vulnerabilityDb: { matched: boolean; path?: string; builtAt?: string; records?: number; reason?: string };
  /** Workloads that reference the image (scan --images). */
  usedBy?: { kind: string; namespace?: string; name: string; file?: string; container: string }[];
}

/** The resource image rules evaluate: the inventory under the fields the rules read. */
export function imageResource(entry: ImageReportEntry): Resource {
  const object = {
    apiVersion: IMAGE_API_VERSION,
    kind: IMAGE_KIND,
    metadata: { name: entry.ref },
    image: {
      ref: entry.ref,
      source: entry.source,
      registry: entry.registry,
      repository: entry.repository,
      tag: entry.tag,
      digest: entry.digest,
      configDigest: entry.configDigest,
      platform: entry.platform,
      usedBy: entry.usedBy ?? [],
    },
    config: { created: entry.created, user: entry.user, env: entry.env, entrypoint: entry.entrypoint, cmd: entry.cmd },
    os: entry.os,
    packages: entry.packages,
    vulnerabilities: entry.vulnerabilities,
    vulnerabilityDb: entry.vulnerabilityDb,
  };
  return { apiVersion: IMAGE_API_VERSION, kind: IMAGE_KIND, name: entry.ref, object, source: { origin: 'image', image: entry.ref } };
}
