import type { Compare } from './versions/index.js';

/** The parts of an OSV record (ossf.github.io/osv-schema) that Rampart reads. */
export interface OsvEvent {
  introduced?: string;
  fixed?: string;
  last_affected?: string;
  limit?: string;
}

export interface OsvRange {
  type: 'ECOSYSTEM' | 'SEMVER' | 'GIT' | string;
  events: OsvEvent[];
}

export interface OsvAffected {
  package?: { ecosystem?: string; name?: string; purl?: string };
  ranges?: OsvRange[];
  versions?: string[];
  ecosystem_specific?: Record<string, any>;
  database_specific?: Record<string, any>;
}

export interface OsvRecord {
  id: string;
  summary?: string;
  details?: string;
  aliases?: string[];
  modified?: string;
  published?: string;
  withdrawn?: string;
  severity?: { type: string; score: string }[];
  affected?: OsvAffected[];
  database_specific?: Record<string, any>;
  references?: { type?: string; url?: string }[];
}

export function isOsvRecord(x: unknown): x is OsvRecord {
  if (!x || typeof x !== 'object' || Array.isArray(x)) return false;
  const r = x as Record<string, unknown>;
  return typeof r.id === 'string' && r.id !== '' && (r.affected === undefined || Array.isArray(r.affected)) && (typeof r.modified === 'string' || Array.isArray(r.affected));
}

/**
 * Whether `version` is affected by one OSV `affected` entry: listed in `versions`, or inside an
 * ECOSYSTEM/SEMVER range, evaluated as the OSV schema describes (events sorted by version,
 * `introduced: "0"` lowest; `fixed` excluded, `last_affected` included, `limit` caps the range).
 * GIT ranges are skipped: images carry versions, not commits.
 */
export function isAffected(affected: Pick<OsvAffected, 'ranges' | 'versions'>, version: string, compare: Compare | undefined): boolean {
  if (affected.versions?.includes(version)) return true;
  if (!compare) return false;
  for (const range of affected.ranges ?? []) {
    if (range.type !== 'ECOSYSTEM' && range.type !== 'SEMVER') continue;
    if (inRange(range.events ?? [], version, compare)) return true;
  }
  return false;
}

function eventVersion(e: OsvEvent): string {
  return (e.introduced ?? e.fixed ?? e.last_affected ?? e.limit)!;
}

export function inRange(events: readonly OsvEvent[], version: string, compare: Compare): boolean {
  const limits = events.filter((e) => e.limit !== undefined && e.limit !== '*');
  if (limits.length && limits.every((e) => compare(version, e.limit!) >= 0)) return false;
  const sorted = events
    .filter((e) => e.introduced !== undefined || e.fixed !== undefined || e.last_affected !== undefined)
    .slice()
    .sort((a, b) => {
      const va = eventVersion(a);
      const vb = eventVersion(b);
      if (a.introduced === '0' && b.introduced !== '0') return -1;
      if (b.introduced === '0' && a.introduced !== '0') return 1;
      return compare(va, vb);
    });
  let affected = false;
  for (const e of sorted) {
    if (e.introduced !== undefined) {
      if (e.introduced === '0' || compare(version, e.introduced) >= 0) affected = true;
    } else if (e.fixed !== undefined) {
      if (compare(version, e.fixed) >= 0) affected = false;
    } else if (e.last_affected !== undefined) {
      if (compare(version, e.last_affected) > 0) affected = false;
    }
  }
  return affected;
}

/** Every `fixed` version of the entry's ranges, in order; the first above `version` is the one to upgrade to. */
export function fixedVersions(affected: Pick<OsvAffected, 'ranges'>, compare: Compare | undefined): string[] {
  const out = new Set<string>();
  for (const r of affected.ranges ?? []) for (const e of r.events ?? []) if (e.fixed !== undefined) out.add(e.fixed);
  const list = [...out];
  return compare ? list.sort(compare) : list;
}
