import type { ImagePackage } from '../collectors/image/catalogers/types.js';
import type { Severity } from '../core/types.js';
import { cvss3BaseScore, severityOfScore, severityOfWord } from './cvss.js';
import { fixedVersions, isAffected, type OsvRange } from './osv.js';
import type { AffectedRow, VulnDb } from './store.js';
import { comparatorFor } from './versions/index.js';

/** One package found vulnerable to one advisory. */
export interface VulnMatch {
  id: string;
  aliases: string[];
  summary?: string;
  severity: Severity;
  /** CVSS v3 base score computed from the record's vector, when it has one. */
  score?: number;
  vector?: string;
  /** Where the severity came from. */
  severitySource: 'cvss-v3' | 'advisory' | 'unknown';
  /** Index of the package in the image inventory's `packages`. */
  packageIndex: number;
  package: { name: string; version: string; type: string; purl: string; ecosystem: string; location: string };
  /** The name and version the advisory was matched on (the source package for Debian). */
  matchedOn: { name: string; version: string; via: 'package' | 'source' | 'binary' };
  /** The lowest fixed version above the installed one, when a fix exists. */
  fixedVersion?: string;
  fixed: string[];
  url?: string;
  /**
   * For packages only partly present (chisel slices): why the hit may not apply. Absent when the
   * package is fully there.
   */
  partial?: string;
}

interface ParsedRow {
  row: AffectedRow;
  ranges: OsvRange[];
  versions: string[];
}

/** Matches inventories against the database; reuse one matcher for many packages (it caches lookups). */
export class Matcher {
  private readonly cache = new Map<string, ParsedRow[]>();

  constructor(readonly db: VulnDb) {}

  private rows(ecosystem: string, name: string): ParsedRow[] {
    const key = `${ecosystem}\0${name}`;
    let rows = this.cache.get(key);
    if (!rows) {
      rows = this.db.affected(ecosystem, name).map((row) => ({ row, ranges: JSON.parse(row.ranges), versions: JSON.parse(row.versions) }));
      this.cache.set(key, rows);
    }
    return rows;
  }

  matchPackage(p: ImagePackage, index: number): VulnMatch[] {
    if (!p.ecosystem || !p.version || p.version === '(devel)' || p.isMainModule) return [];
    const compare = comparatorFor(p.ecosystem);
    const candidates = [...this.rows(p.ecosystem, p.name)];
    if (p.sourceName && p.sourceName !== p.name) candidates.push(...this.rows(p.ecosystem, p.sourceName).filter((r) => r.row.via === 'package'));
    const out: VulnMatch[] = [];
    const seen = new Set<string>();
    for (const c of candidates) {
      if (seen.has(c.row.vuln_id)) continue;
      const bySource = c.row.via === 'package' && p.sourceName !== undefined && c.row.name === p.sourceName;
      const version = bySource && p.sourceVersion ? p.sourceVersion : p.version;
      if (!isAffected({ ranges: c.ranges, versions: c.versions }, version, compare)) continue;
      seen.add(c.row.vuln_id);
      out.push(this.describe(p, index, c, version, bySource && c.row.name !== p.name ? 'source' : c.row.via));
    }
    return out;
  }

  private describe(p: ImagePackage, index: number, c: ParsedRow, version: string, via: VulnMatch['matchedOn']['via']): VulnMatch {
    const v = this.db.vuln(c.row.vuln_id);
    const compare = comparatorFor(p.ecosystem!);
    const fixed = fixedVersions({ ranges: c.ranges }, compare);
    const next = compare ? fixed.find((f) => compare(f, version) > 0) : undefined;
    const m: VulnMatch = {
      id: c.row.vuln_id,
      aliases: v ? JSON.parse(v.aliases) : [],
      severity: 'medium',
      severitySource: 'unknown',
      packageIndex: index,
      package: { name: p.name, version: p.version, type: p.type, purl: p.purl, ecosystem: p.ecosystem!, location: p.location },
      matchedOn: { name: c.row.name, version, via },
      fixed,
    };
    if (next) m.fixedVersion = next;
    if (v?.summary) m.summary = v.summary;
    if (v?.url) m.url = v.url;
    const severities = v ? (JSON.parse(v.severity) as { type: string; score: string }[]) : [];
    let best: number | undefined;
    for (const s of severities) {
      if (s.type !== 'CVSS_V3') continue;
      const score = cvss3BaseScore(s.score);
      if (score !== undefined && (best === undefined || score > best)) {
        best = score;
        m.vector = s.score;
      }
    }
    if (best !== undefined) {
      m.score = best;
      m.severity = severityOfScore(best);
      m.severitySource = 'cvss-v3';
    } else {
      const word = severityOfWord(v?.db_severity ?? undefined) ?? severityOfWord(severities.find((s) => s.type === 'Ubuntu')?.score);
      if (word) {
        m.severity = word;
        m.severitySource = 'advisory';
      }
    }
    const ch = p.chisel;
    if (ch) {
      if (ch.copyrightOnly) m.partial = `only the copyright slice of ${p.name} is installed (${ch.slices.join(', ')}); none of its code is in the image`;
      else if (ch.paths > 0 && ch.missingPaths === ch.paths) m.partial = `none of the ${ch.paths} files its chisel slices (${ch.slices.join(', ')}) installed is in the image`;
      else if (ch.missingPaths > 0) m.partial = `${p.name} is only partly installed (slices ${ch.slices.join(', ')}; ${ch.missingPaths} of ${ch.paths} files absent); the vulnerable file may not be present`;
    }
    return m;
  }

  matchAll(packages: readonly ImagePackage[]): VulnMatch[] {
    return packages.flatMap((p, i) => this.matchPackage(p, i));
  }
}
