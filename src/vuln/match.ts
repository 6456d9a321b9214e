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
interface VulnInfo {
  aliases: string[];
  summary?: string;
  url?: string;
  severity: Severity;
  severitySource: VulnMatch['severitySource'];
  score?: number;
  vector?: string;
}

export class Matcher {
  private readonly cache = new Map<string, ParsedRow[]>();
  private readonly info = new Map<string, VulnInfo>();

  constructor(readonly db: VulnDb) {}

  /** Loads the rows of many packages in a few queries (one per ecosystem and 500 names). */
  prefetch(packages: readonly ImagePackage[]): void {
    const byEco = new Map<string, Set<string>>();
    for (const p of packages) {
      if (!p.ecosystem) continue;
      let names = byEco.get(p.ecosystem);
      if (!names) byEco.set(p.ecosystem, (names = new Set()));
      for (const n of [p.name, p.sourceName]) if (n && !this.cache.has(`${p.ecosystem}\0${n}`)) names.add(n);
    }
    for (const [eco, names] of byEco) {
      const list = [...names];
      for (const n of list) this.cache.set(`${eco}\0${n}`, []);
      for (let i = 0; i < list.length; i += 500) {
        for (const row of this.db.affectedMany(eco, list.slice(i, i + 500))) {
          this.cache.get(`${eco}\0${row.name}`)!.push({ row, ranges: JSON.parse(row.ranges), versions: row.versions === '[]' ? [] : JSON.parse(row.versions) });
        }
      }
    }
  }

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
    const info = this.vulnInfo(c.row.vuln_id);
    const compare = comparatorFor(p.ecosystem!);
    const fixed = fixedVersions({ ranges: c.ranges }, compare);
    const next = compare ? fixed.find((f) => compare(f, version) > 0) : undefined;
    const m: VulnMatch = {
      id: c.row.vuln_id,
      aliases: info.aliases,
      severity: info.severity,
      severitySource: info.severitySource,
      packageIndex: index,
      package: { name: p.name, version: p.version, type: p.type, purl: p.purl, ecosystem: p.ecosystem!, location: p.location },
      matchedOn: { name: c.row.name, version, via },
      fixed,
    };
    if (next) m.fixedVersion = next;
    if (info.summary) m.summary = info.summary;
    if (info.url) m.url = info.url;
    if (info.score !== undefined) {
      m.score = info.score;
      m.vector = info.vector;
    }
    const ch = p.chisel;
    if (ch) {
      if (ch.copyrightOnly) m.partial = `only the copyright slice of ${p.name} is installed (${ch.slices.join(', ')}); none of its code is in the image`;
      else if (ch.paths > 0 && ch.missingPaths === ch.paths) m.partial = `none of the ${ch.paths} files its chisel slices (${ch.slices.join(', ')}) installed is in the image`;
      else if (ch.missingPaths > 0) m.partial = `${p.name} is only partly installed (slices ${ch.slices.join(', ')}; ${ch.missingPaths} of ${ch.paths} files absent); the vulnerable file may not be present`;
    }
    return m;
  }

  /** Aliases, summary and severity of a record, computed once per record. */
  private vulnInfo(id: string): VulnInfo {
    let info = this.info.get(id);
    if (info) return info;
    const v = this.db.vuln(id);
    info = { aliases: v ? JSON.parse(v.aliases) : [], severity: 'medium', severitySource: 'unknown' };
    if (v?.summary) info.summary = v.summary;
    if (v?.url) info.url = v.url;
    const severities = v ? (JSON.parse(v.severity) as { type: string; score: string }[]) : [];
    for (const s of severities) {
      if (s.type !== 'CVSS_V3') continue;
      const score = cvss3BaseScore(s.score);
      if (score !== undefined && (info.score === undefined || score > info.score)) {
        info.score = score;
        info.vector = s.score;
      }
    }
    if (info.score !== undefined) {
      info.severity = severityOfScore(info.score);
      info.severitySource = 'cvss-v3';
    } else {
      const word = severityOfWord(v?.db_severity ?? undefined) ?? severityOfWord(severities.find((s) => s.type === 'Ubuntu')?.score);
      if (word) {
        info.severity = word;
        info.severitySource = 'advisory';
      }
    }
    this.info.set(id, info);
    return info;
  }

  matchAll(packages: readonly ImagePackage[]): VulnMatch[] {
    this.prefetch(packages);
    return packages.flatMap((p, i) => this.matchPackage(p, i));
  }
}
