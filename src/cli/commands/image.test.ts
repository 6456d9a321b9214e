import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Ajv } from 'ajv';
import formatsPlugin from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sharedDir } from '../../testing/shared.js';
import { main } from '../main.js';

const shared = sharedDir();

/** Runs the CLI in-process; output goes to files, stderr is captured. */
async function run(args: string[]): Promise<{ code: number; stderr: string; stdout: string }> {
  const err: string[] = [];
  const out: string[] = [];
  const writeErr = process.stderr.write.bind(process.stderr);
  const writeOut = process.stdout.write.bind(process.stdout);
  const capture = (into: string[]) => (s: string | Uint8Array, cb?: unknown) => {
    into.push(String(s));
    if (typeof cb === 'function') cb();
    return true;
  };
  (process.stderr as any).write = capture(err);
  (process.stdout as any).write = capture(out);
  process.exitCode = undefined;
  try {
    const code = await main(['node', 'rampart', ...args]);
    return { code, stderr: err.join(''), stdout: out.join('') };
  } finally {
    (process.stderr as any).write = writeErr;
    (process.stdout as any).write = writeOut;
    process.exitCode = undefined;
  }
}

describe.skipIf(!shared)('rampart image, sbom and db on ../shared (needs ../shared)', () => {
  let tmp: string;
  let db: string;
  const images = () => path.join(shared!, 'images');
  beforeAll(async () => {
    tmp = mkdtempSync(path.join(os.tmpdir(), 'rampart-cli-'));
    db = path.join(tmp, 'vuln.db');
    process.env.XDG_CACHE_HOME = path.join(tmp, 'cache');
    const r = await run(['db', 'import', path.join(shared!, 'vulndata'), '--db', db]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/records from \d+ files/);
  });
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('db status describes the database', async () => {
    const r = await run(['db', 'status', '--db', db, '-f', 'json']);
    expect(r.code).toBe(0);
    const status = JSON.parse(r.stdout);
    expect(status.path).toBe(db);
    expect(status.byEcosystem).toMatchObject({ npm: 2, PyPI: 2, 'Ubuntu:24.04:LTS': 3 });
    expect(status.byEcosystem.Go).toBeGreaterThan(4000);
    const missing = await run(['db', 'status', '--db', path.join(tmp, 'nope.db')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/no vulnerability database at .*run `rampart db update`/);
  });

  it('image: JSON report with findings per vulnerability and the inventory in extensions.images', async () => {
    const out = path.join(tmp, 'lang.json');
    const r = await run(['image', path.join(images(), 'lang-packages'), '--db', db, '-o', out, '--no-config']);
    expect(r.code).toBe(1);
    const report = JSON.parse(readFileSync(out, 'utf8'));
    const ids = report.findings.filter((f: any) => f.ruleId === 'image-vulnerable-package').map((f: any) => f.evidence.id).sort();
    expect(ids).toEqual(['GHSA-35jh-r3h4-6jhm', 'GHSA-mq26-g339-26xf', 'GHSA-r9hx-vwmv-q579', 'GHSA-xvch-5gv4-984h']);
    const lodash = report.findings.find((f: any) => f.evidence?.id === 'GHSA-35jh-r3h4-6jhm');
    expect(lodash).toMatchObject({ severity: 'high', location: { path: 'vulnerabilities[0]' }, evidence: { installedVersion: '4.17.20', fixedVersion: '4.17.21', location: '/app/node_modules/lodash/package.json' } });
    expect(report.extensions.images[0].packages.length).toBe(4);
    expect(report.findings.some((f: any) => f.ruleId === 'image-runs-as-root')).toBe(true);
  });

  it('image: a corrupt database is an input error that says to run db update; a missing one only a warning', async () => {
    const bad = path.join(tmp, 'bad.db');
    writeFileSync(bad, 'not a database'.repeat(200));
    const out = path.join(tmp, 'bad.json');
    const r = await run(['image', path.join(images(), 'lang-packages'), '--db', bad, '-o', out, '--no-config']);
    expect(r.code).toBe(2);
    const report = JSON.parse(readFileSync(out, 'utf8'));
    expect(report.diagnostics[0].message).toMatch(/corrupt.*rampart db update/);
    const r2 = await run(['image', path.join(images(), 'lang-packages'), '--db', path.join(tmp, 'none.db'), '-o', out, '--no-config', '--fail-on', 'critical']);
    expect(r2.code).toBe(0);
    expect(JSON.parse(readFileSync(out, 'utf8')).diagnostics[0]).toMatchObject({ level: 'warning', code: 'vuln-db-unavailable' });
  });

  it('image: a layout with a tampered blob is refused with the digest named, and other images are still scanned', async () => {
    const copy = path.join(tmp, 'tampered');
    cpSync(path.join(images(), 'chisel-manifest-only'), copy, { recursive: true });
    const layer = '623f180057b8c431d18398f90ee08d59e2465109c53ad70caeb11f2a5b278933';
    const file = path.join(copy, 'blobs', 'sha256', layer);
    const bytes = readFileSync(file);
    bytes[bytes.length - 12] ^= 0x55;
    rmSync(file);
    writeFileSync(file, bytes);
    const out = path.join(tmp, 'tampered.json');
    const r = await run(['image', copy, path.join(images(), 'go-binaries'), '--db', db, '-o', out, '--no-config', '--no-cache']);
    expect(r.code).toBe(2);
    const report = JSON.parse(readFileSync(out, 'utf8'));
    expect(report.diagnostics.find((d: any) => d.code === 'image-unreadable').message).toContain(`sha256:${layer}`);
    expect(report.extensions.images.length).toBe(1);
  });

  it('image: an unknown layer media type is refused by name', async () => {
    const copy = path.join(tmp, 'mediatype');
    cpSync(path.join(images(), 'chisel-manifest-only'), copy, { recursive: true });
    // Rewrite the manifest with a media type nobody knows, and point the index at it.
    const index = JSON.parse(readFileSync(path.join(copy, 'index.json'), 'utf8'));
    const mdigest = index.manifests[0].digest.slice(7);
    const manifest = JSON.parse(readFileSync(path.join(copy, 'blobs', 'sha256', mdigest), 'utf8'));
    manifest.layers[0].mediaType = 'application/vnd.example.layer.v1.tar+lz4';
    const text = Buffer.from(JSON.stringify(manifest));
    const { createHash } = await import('node:crypto');
    const digest = createHash('sha256').update(text).digest('hex');
    writeFileSync(path.join(copy, 'blobs', 'sha256', digest), text);
    index.manifests[0] = { ...index.manifests[0], digest: `sha256:${digest}`, size: text.length };
    writeFileSync(path.join(copy, 'index.json'), JSON.stringify(index));
    const out = path.join(tmp, 'mt.json');
    const r = await run(['image', copy, '--no-vulns', '-o', out, '--no-config', '--no-cache']);
    expect(r.code).toBe(2);
    expect(JSON.parse(readFileSync(out, 'utf8')).diagnostics[0].message).toMatch(/unknown media type application\/vnd\.example\.layer\.v1\.tar\+lz4/);
  });

  it('image: a truncated archive is refused with a clear message', async () => {
    const cut = path.join(tmp, 'cut.tar');
    const full = readFileSync(path.join(images(), 'go-binaries.docker-archive.tar'));
    writeFileSync(cut, full.subarray(0, 5_000_000));
    const out = path.join(tmp, 'cut.json');
    const r = await run(['image', cut, '--no-vulns', '-o', out, '--no-config']);
    expect(r.code).toBe(2);
    expect(JSON.parse(readFileSync(out, 'utf8')).diagnostics[0].message).toMatch(/truncated/);
  });

  describe('SBOMs validate against the official schemas', () => {
    const schemas = () => path.join(shared!, 'schemas');
    // ajv-formats is CommonJS with a default export; under NodeNext its function sits on .default.
    const addFormats = ((formatsPlugin as any).default ?? formatsPlugin) as (a: Ajv) => void;
    const load = (f: string) => JSON.parse(readFileSync(path.join(schemas(), f), 'utf8'));
    for (const image of ['debian-bookworm-minbase', 'go-binaries', 'chisel-manifest-only', 'lang-packages']) {
      it(`cyclonedx and spdx for ${image}`, async () => {
        const cdx = path.join(tmp, `${image}.cdx.json`);
        const spdx = path.join(tmp, `${image}.spdx.json`);
        expect((await run(['sbom', path.join(images(), image), '--format', 'cyclonedx', '-o', cdx])).code).toBe(0);
        expect((await run(['sbom', path.join(images(), image), '--format', 'spdx', '-o', spdx])).code).toBe(0);
        const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: true });
        addFormats(ajv);
        const spdxLic = load('cyclonedx-spdx.schema.json');
        const jsf = load('cyclonedx-jsf-0.82.schema.json');
        ajv.addSchema(spdxLic, 'spdx.schema.json');
        ajv.addSchema(jsf, 'jsf-0.82.schema.json');
        const validCdx = ajv.compile(load('cyclonedx-bom-1.6.schema.json'));
        const bom = JSON.parse(readFileSync(cdx, 'utf8'));
        expect(validCdx(bom) ? [] : validCdx.errors).toEqual([]);
        const validSpdx = new Ajv({ strict: false, allErrors: true });
        addFormats(validSpdx);
        const check = validSpdx.compile(load('spdx-2.3.schema.json'));
        const doc = JSON.parse(readFileSync(spdx, 'utf8'));
        expect(check(doc) ? [] : check.errors).toEqual([]);
        const expected = JSON.parse(readFileSync(path.join(images(), `${image}.expected-packages.json`), 'utf8'));
        const want = expected.packages.map((p: any) => p.purl.split('?')[0]).sort();
        expect(bom.components.map((c: any) => c.purl.split('?')[0]).sort()).toEqual(want);
        expect(doc.packages.filter((p: any) => p.primaryPackagePurpose !== 'CONTAINER').map((p: any) => p.externalRefs[0].referenceLocator.split('?')[0]).sort()).toEqual(want);
      });
    }
  });
});
