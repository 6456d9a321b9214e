import type { KubeObject } from '../../core/types.js';

/** One kind of object Rampart lists from the API server. */
export interface ResourceType {
  /** API group; `''` for the core group. */
  group: string;
  version: string;
  /** Plural resource name as in the URL, e.g. `pods`. */
  resource: string;
  kind: string;
  namespaced: boolean;
  /**
   * `metadata`: listed as PartialObjectMetadataList, so the server never sends the values (Secrets by default).
   * `values`: the full objects are read, scanned for credentials in memory, and redacted before anything keeps them.
   */
  sensitive?: 'metadata' | 'values';
}

/** What could not be read, and why, so that a report can say which checks were skipped. */
export interface ForbiddenEntry {
  /** `pods`, `networkpolicies.networking.k8s.io`, ... */
  resource: string;
  namespace?: string;
  /** HTTP status: 401, 403, 404, 410, 5xx, or 0 for a transport error. */
  code: number;
  /** The Status reason (`Forbidden`, `NotFound`, `Expired`) or the transport error code. */
  reason: string;
  message: string;
}

/** Every item of one resource type, however many pages the server sent them in. */
export interface CollectedList {
  group: string;
  version: string;
  resource: string;
  kind: string;
  namespaced: boolean;
  /** The namespace it was listed in (with `-n`); absent for a cluster-wide list. */
  namespace?: string;
  /** The List's resourceVersion, when the server gave one. */
  resourceVersion?: string;
  /** Values were read (and redacted) rather than metadata only. */
  valuesRead?: boolean;
  pages: number;
  items: KubeObject[];
}

export interface ServerVersion {
  major?: string;
  minor?: string;
  gitVersion: string;
  platform?: string;
  [key: string]: unknown;
}

/**
 * Everything one collection produced: the live scan evaluates it directly and a snapshot stores
 * exactly this, so that a snapshot gives the same findings as the scan it came from.
 */
export interface Collection {
  cluster: { name: string; context?: string; server?: string };
  collectedAt: string;
  serverVersion?: ServerVersion;
  /** `-n` given: namespaced resources come from this namespace only. */
  namespace?: string;
  /** Secret and ConfigMap values were scanned for credentials (`--read-secrets`). */
  readSecrets: boolean;
  lists: CollectedList[];
  forbidden: ForbiddenEntry[];
  /** Resource types the server does not serve (an older or trimmed API server). */
  notServed: string[];
  tool?: { name: string; version: string };
}

/** `pods` for the core group, `networkpolicies.networking.k8s.io` otherwise, as kubectl names them. */
export function resourceName(t: { group: string; resource: string }): string {
  return t.group ? `${t.resource}.${t.group}` : t.resource;
}
