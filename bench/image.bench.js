// Image scanning, vulnerability matching and database import, with the physical floor measured
// in the same run: `tar -xzf` of the Debian image's layer (decompress + unpack, what any scanner
// must at least read), against which Rampart's full read + catalogue is compared.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readImage } from '../dist/collectors/image/collect.js';
import { buildDatabase } from '../dist/vuln/import.js';
import { Matcher } from '../dist/vuln/match.js';
import { VulnDb } from '../dist/vuln/store.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const shared = [process.env.RAMPART_SHARED, path.resolve(root, '../shared'), '/work/shared'].find((p) => p && existsSync(p));
if (!shared) {
  console.log('skipped: ../shared not found (set RAMPART_SHARED)');
  process.exit(0);
}
const images = path.join(shared, 'images');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'rampart-bench-'));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (x) => `${x.toFixed(1)} ms`;

async function time(fn, runs) {
  const out = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    out.push(performance.now() - t);
  }
  return median(out);
}

// 1. Debian image: floor and Rampart.
const debian = path.join(images, 'debian-bookworm-minbase');
const index = JSON.parse(readFileSync(path.join(debian, 'index.json'), 'utf8'));
const manifest = JSON.parse(readFileSync(path.join(debian, 'blobs/sha256', index.manifests[0].digest.slice(7)), 'utf8'));
const layer = path.join(debian, 'blobs/sha256', manifest.layers[0].digest.slice(7));
const runs = 5;
// Unpacking into memory (tmpfs) where there is one, so that the floor is the CPU work of tar
// rather than this machine's disk; the disk figure is printed too.
const shm = existsSync('/dev/shm') ? mkdtempSync('/dev/shm/rampart-bench-') : tmp;
const floor = await time(() => {
  const dir = mkdtempSync(path.join(shm, 'x-'));
  execFileSync('tar', ['-xzf', layer, '-C', dir, '--no-same-owner', '--delay-directory-restore']);
  rmSync(dir, { recursive: true, force: true });
}, runs);
const floorDisk = await time(() => {
  const dir = mkdtempSync(path.join(tmp, 'x-'));
  execFileSync('tar', ['-xzf', layer, '-C', dir, '--no-same-owner', '--delay-directory-restore']);
  rmSync(dir, { recursive: true, force: true });
}, 1);
const gunzipFloor = await time(() => execFileSync('sh', ['-c', `gzip -dc '${layer}' > /dev/null`]), runs);
let inv;
const scan = await time(async () => {
  inv = await readImage(debian, { cacheDir: false });
}, runs);
console.log(`debian-bookworm-minbase (${(manifest.layers[0].size / 1e6).toFixed(1)} MB gz, ${(inv.stats.uncompressedBytes / 1e6).toFixed(1)} MB, ${inv.stats.files} entries, ${inv.packages.length} packages)`);
console.log(`  floor  tar -xzf of the layer${shm === tmp ? '' : ' into tmpfs'}: ${ms(floor)}`);
console.log(`         tar -xzf of the layer to disk:     ${ms(floorDisk)}`);
console.log(`  floor  gzip -dc of the layer (no disk):  ${ms(gunzipFloor)}`);
console.log(`  rampart read + verify + catalogue:      ${ms(scan)}   ratio ${(scan / floor).toFixed(2)}x the floor (target <= 2x); ${(scan / gunzipFloor).toFixed(2)}x plain decompression`);
const archive = await time(() => readImage(path.join(images, 'debian-bookworm-minbase.docker-archive.tar.gz'), { cacheDir: false }), 3);
console.log(`  same image as docker-archive .tar.gz:   ${ms(archive)}   ratio ${(archive / floor).toFixed(2)}x`);
const cacheDir = path.join(tmp, 'cache');
await readImage(debian, { cacheDir });
const cached = await time(() => readImage(debian, { cacheDir }), runs);
console.log(`  again, from the digest-keyed cache:     ${ms(cached)}`);

// 2. db import of all of ../shared/vulndata.
const dbFile = path.join(tmp, 'vuln.db');
let stats;
const importMs = await time(async () => {
  stats = await buildDatabase([{ path: path.join(shared, 'vulndata') }], dbFile);
}, 3);
console.log(`db import of ../shared/vulndata (${stats.files} files, ${stats.records} records): ${(importMs / 1000).toFixed(2)} s`);

// 3. Matching 1,000 packages: every package of the five images, then real Go module names from
//    the database at an old version, so that most lookups find candidate records to evaluate.
const all = [];
for (const name of ['debian-bookworm-minbase', 'go-binaries', 'distroless-style-debian12', 'chisel-manifest-only', 'lang-packages']) {
  all.push(...(await readImage(path.join(images, name), { cacheDir: false })).packages);
}
const modules = new Set();
for (const f of readdirSync(path.join(shared, 'vulndata', 'go')).sort()) {
  const rec = JSON.parse(readFileSync(path.join(shared, 'vulndata', 'go', f), 'utf8'));
  for (const a of rec.affected ?? []) if (a.package?.name && a.package.name !== 'stdlib' && a.package.name !== 'toolchain') modules.add(a.package.name);
  if (all.length + modules.size >= 1000) break;
}
for (const m of modules) {
  if (all.length >= 1000) break;
  all.push({ type: 'golang', name: m, version: 'v0.0.1', purl: `pkg:golang/${m}@v0.0.1`, ecosystem: 'Go', location: '/bench', cataloger: 'bench' });
}
const db = VulnDb.open(dbFile);
let found = 0;
const matchMs = await time(() => {
  const matcher = new Matcher(db); // fresh: no lookup cache carried between runs
  found = matcher.matchAll(all).length;
}, 5);
const lookups = 20000;
const t0 = performance.now();
for (let i = 0; i < lookups; i++) db.affected('Go', all[100 + (i % 800)].name);
const lookupUs = ((performance.now() - t0) * 1000) / lookups;
db.close();
console.log(`match ${all.length} packages against the full database: ${ms(matchMs)} (${found} matches; target < 100 ms)`);
console.log(`  one indexed package lookup: ${lookupUs.toFixed(1)} µs`);
console.log(`machine load average (1 min) during the run: ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores`);
console.log(`peak RSS: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);
rmSync(tmp, { recursive: true, force: true });
if (shm !== tmp) rmSync(shm, { recursive: true, force: true });
