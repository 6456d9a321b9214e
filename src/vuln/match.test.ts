import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readImage } from '../collectors/image/collect.js';
import { sharedDir } from '../testing/shared.js';
import { buildDatabase } from './import.js';
import { Matcher } from './match.js';
import { VulnDb, VulnDbError } from './store.js';

const shared = sharedDir();
const why = 'needs ../shared (images and vulndata; set RAMPART_SHARED)';

describe.skipIf(!shared)(`vulnerability matching against ground truth (${why})`, () => {
  let dir: string;
  let db: VulnDb;
  let matcher: Matcher;
  const images = () => path.join(shared!, 'images');
  const expected = (name: string) => JSON.parse(readFileSync(path.join(images(), `${name}.expected-vulns.json`), 'utf8'));

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'rampart-vuln-'));
    const stats = await buildDatabase([{ path: path.join(shared!, 'vulndata') }], path.join(dir, 'vuln.db'));
    // SOURCE.md: 17 of the Go records are withdrawn (and skipped); other folders hold a few more.
    expect(stats.withdrawn).toBeGreaterThanOrEqual(17);
    expect(stats.skipped.length).toBeGreaterThan(0);
    db = VulnDb.open(path.join(dir, 'vuln.db'));
    matcher = new Matcher(db);
  });
  afterAll(() => {
    db?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('go-binaries: exactly the 357 module-level matches, with their fixed versions', async () => {
    const inv = await readImage(path.join(images(), 'go-binaries'), { cacheDir: false });
    const matches = matcher.matchAll(inv.packages);
    const exp = expected('go-binaries');
    const got = matches.map((m) => `${m.package.location} ${m.package.name}@${m.package.version} ${m.id} [${m.fixed.join(',')}]`).sort();
    const want = exp.matches.map((m: any) => `${m.binary} ${m.package}@${m.installedVersion.replace(/^go/, '')} ${m.osvId} [${[...m.fixedVersions].join(',')}]`).sort();
    expect(got.length).toBe(357);
    expect(got).toEqual(want);
    // The main module (devel) and toolchain records are never matched.
    expect(matches.some((m) => m.package.name === 'example.com/fixtures/vulnapp')).toBe(false);
  });

  it('lang-packages: the 4 GHSA matches (npm semver, PEP 440) with aliases, CVSS severity and fixes', async () => {
    const inv = await readImage(path.join(images(), 'lang-packages'), { cacheDir: false });
    const matches = matcher.matchAll(inv.packages);
    const exp = expected('lang-packages');
    expect(matches.map((m) => `${m.package.name} ${m.id} ${m.aliases.join(',')} ${m.fixedVersion}`).sort()).toEqual(
      exp.matches.map((m: any) => `${m.package} ${m.id} ${m.aliases.join(',')} ${m.fixed[0]}`).sort(),
    );
    const lodash = matches.find((m) => m.package.name === 'lodash')!;
    // GHSA-35jh-r3h4-6jhm carries CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:U/C:H/I:H/A:H.
    expect(lodash).toMatchObject({ score: 7.2, severity: 'high', severitySource: 'cvss-v3', package: { location: '/app/node_modules/lodash/package.json' } });
  });

  it('chisel-manifest-only: libc6 and libssl3t64/openssl found through Ubuntu binary names; the boundary and other-release records not', async () => {
    const inv = await readImage(path.join(images(), 'chisel-manifest-only'), { cacheDir: false });
    const matches = matcher.matchAll(inv.packages);
    const exp = expected('chisel-manifest-only');
    expect(matches.map((m) => `${m.package.name} ${m.id} [${m.fixed.includes(exp.matches.find((e: any) => e.package === m.package.name && e.id === m.id)?.fixed[0]) || m.fixed.length === 0 ? 'ok' : m.fixed}]`).sort()).toEqual(
      exp.matches.map((m: any) => `${m.package} ${m.id} [ok]`).sort(),
    );
    const ssl = matches.find((m) => m.package.name === 'libssl3t64')!;
    expect(ssl.fixedVersion).toBe('3.0.13-0ubuntu3.6');
    expect(ssl.matchedOn.via).toBe('binary');
    // The files of the slices are not in this image, and the match says so.
    expect(ssl.partial).toMatch(/none of the \d+ files/);
  });

  it('refuses an empty or corrupt database with a message that says to run db update', () => {
    const empty = path.join(dir, 'empty.db');
    writeFileSync(empty, '');
    expect(() => VulnDb.open(empty)).toThrow(/empty; run `rampart db update`/);
    const junk = path.join(dir, 'junk.db');
    writeFileSync(junk, 'this is not sqlite at all, just text padding'.repeat(100));
    expect(() => VulnDb.open(junk)).toThrow(VulnDbError);
    expect(() => VulnDb.open(junk)).toThrow(/corrupt.*db update/);
    expect(() => VulnDb.open(path.join(dir, 'missing.db'))).toThrow(/no vulnerability database/);
  });
});
