import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readImage } from '../collectors/image/collect.js';
import { sharedDir } from '../testing/shared.js';
import { buildDatabase } from './import.js';
import { Matcher } from './match.js';
import { VulnDb } from './store.js';

const shared = sharedDir();

/**
 * ../shared/vulndata has no Debian OSV records for bookworm, so the Debian image's ground truth
 * (fixes taken from Debian's own bookworm-security changelogs) cannot be checked against it. Here
 * the records are written in OSV form from that ground truth — source package, fixed version, ids —
 * as Debian's OSV export states them, and the image must match exactly its listed binary packages
 * through their source packages.
 */
describe.skipIf(!shared)('Debian matching by source package (needs ../shared/images)', () => {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'rampart-deb-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('matches each binary package through its source package and version', async () => {
    const truth = JSON.parse(readFileSync(path.join(shared!, 'images', 'debian-bookworm-minbase.expected-vulns.json'), 'utf8'));
    const bySource = new Map<string, { fixed: string; ids: string[] }>();
    for (const m of truth.matches) bySource.set(m.sourcePackage, { fixed: m.fixedVersion, ids: m.ids });
    const dir = path.join(tmp, 'osv');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(dir);
    for (const [src, { fixed, ids }] of bySource) {
      const record = {
        id: `DEBIAN-TEST-${src}`,
        modified: '2026-11-27T00:00:00Z',
        aliases: ids,
        affected: [{ package: { ecosystem: 'Debian:12', name: src }, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed }] }] }],
      };
      writeFileSync(path.join(dir, `${src}.json`), JSON.stringify(record));
    }
    // A record for another release and one fixed at exactly the installed version: neither matches.
    writeFileSync(path.join(dir, 'other.json'), JSON.stringify({ id: 'DEBIAN-TEST-11', modified: 'x', affected: [{ package: { ecosystem: 'Debian:11', name: 'apt' }, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '9' }] }] }] }));
    writeFileSync(path.join(dir, 'bash.json'), JSON.stringify({ id: 'DEBIAN-TEST-bash', modified: 'x', affected: [{ package: { ecosystem: 'Debian:12', name: 'bash' }, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '5.2.15-2' }] }] }] }));
    const file = path.join(tmp, 'vuln.db');
    await buildDatabase([{ path: dir }], file);
    const db = VulnDb.open(file);
    try {
      const inv = await readImage(path.join(shared!, 'images', 'debian-bookworm-minbase'), { cacheDir: false });
      const matches = new Matcher(db).matchAll(inv.packages);
      expect(matches.map((m) => `${m.package.name} ${m.package.version} ${m.matchedOn.name} ${m.fixedVersion} ${m.aliases.join(',')}`).sort()).toEqual(
        truth.matches.map((m: any) => `${m.package} ${m.installedVersion} ${m.sourcePackage} ${m.fixedVersion} ${m.ids.join(',')}`).sort(),
      );
      // bash 5.2.15-2+b13 is a binNMU of source 5.2.15-2: a fix at 5.2.15-2 covers it.
      expect(matches.some((m) => m.package.name === 'bash')).toBe(false);
      expect(matches.find((m) => m.package.name === 'libapt-pkg6.0')!.matchedOn.via).toBe('source');
    } finally {
      db.close();
    }
  });
});
