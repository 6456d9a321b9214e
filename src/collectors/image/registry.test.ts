import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestRegistry } from '../../testing/registry-server.js';
import { sharedDir } from '../../testing/shared.js';
import { readImage } from './collect.js';
import { parseReference } from './registry.js';

const shared = sharedDir();
const images = shared && path.join(shared, 'images');

describe('parseReference', () => {
  it('reads registry, repository, tag and digest as docker does', () => {
    expect(parseReference('nginx')).toMatchObject({ registry: 'docker.io', repository: 'library/nginx', tag: 'latest' });
    expect(parseReference('registry.example.com/team/app:1.4')).toMatchObject({ registry: 'registry.example.com', repository: 'team/app', tag: '1.4' });
    expect(parseReference('localhost:5000/app')).toMatchObject({ registry: 'localhost:5000', repository: 'app', tag: 'latest' });
    const d = `sha256:${'a'.repeat(64)}`;
    expect(parseReference(`ghcr.io/o/r@${d}`)).toMatchObject({ registry: 'ghcr.io', repository: 'o/r', digest: d, tag: undefined });
    expect(() => parseReference('Registry/UPPER')).toThrow(/not a valid image reference/);
  });
});

describe.skipIf(!images)('registry client against a local registry on 127.0.0.1 (needs ../shared/images)', () => {
  let tmp: string;
  const fast = { timeoutMs: 1500, attempts: 3, backoffMs: 20, insecure: true };
  beforeAll(() => {
    tmp = mkdtempSync(path.join(os.tmpdir(), 'rampart-reg-'));
  });
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('pulls anonymously, checks every digest, and finds the same packages as from the layout', async () => {
    const reg = await startTestRegistry({ repos: { 'fixtures/go-binaries': path.join(images!, 'go-binaries') } });
    try {
      const inv = await readImage(`${reg.host}/fixtures/go-binaries:latest`, { registry: fast, cacheDir: false });
      expect(inv.source).toBe('registry');
      expect(inv.digest).toBe('sha256:61d0feb13c3d738932be34e94818e018042028b331bbe143d40384e835a89ad2');
      expect(inv.packages.length).toBe(8);
      expect(inv.registry).toBe(reg.host);
    } finally {
      await reg.close();
    }
  });

  it('follows a bearer-token challenge with docker config.json credentials, and says so when they are missing', async () => {
    const reg = await startTestRegistry({ repos: { 'team/app': path.join(images!, 'lang-packages') }, auth: { user: 'ci', password: 's3cret-pw' } });
    const cfg = path.join(tmp, 'config.json');
    writeFileSync(cfg, JSON.stringify({ auths: { [reg.host]: { auth: Buffer.from('ci:s3cret-pw').toString('base64') } } }));
    const noCfg = path.join(tmp, 'none.json');
    try {
      const inv = await readImage(`${reg.host}/team/app:latest`, { registry: { ...fast, dockerConfig: cfg }, cacheDir: false });
      expect(inv.packages.map((p) => p.name).sort()).toEqual(['lodash', 'minimist', 'pip', 'setuptools']);
      await expect(readImage(`${reg.host}/team/app:latest`, { registry: { ...fast, dockerConfig: noCfg }, cacheDir: false })).rejects.toThrow(/token service refused anonymous access \(HTTP 401\)/);
    } finally {
      await reg.close();
    }
  });

  it('reports 404, retries 500 with backoff then gives up, and times out a hanging registry', async () => {
    const reg = await startTestRegistry({
      repos: { 'a/b': path.join(images!, 'chisel-manifest-only') },
      fail: [{ match: /\/v2\/a\/flaky\/manifests/, status: 500 }],
      hang: /\/v2\/a\/hang\//,
    });
    try {
      await expect(readImage(`${reg.host}/a/b:nope`, { registry: fast, cacheDir: false })).rejects.toThrow(/not found \(HTTP 404\)/);
      await expect(readImage(`${reg.host}/a/flaky:1`, { registry: fast, cacheDir: false })).rejects.toThrow(/failed after 3 attempts \(HTTP 500\)/);
      expect(reg.requests.filter((r) => r.includes('/a/flaky/')).length).toBe(3);
      const t = performance.now();
      await expect(readImage(`${reg.host}/a/hang:1`, { registry: { ...fast, timeoutMs: 300, attempts: 2 }, cacheDir: false })).rejects.toThrow(/no answer within 300 ms/);
      expect(performance.now() - t).toBeLessThan(5000);
    } finally {
      await reg.close();
    }
  });

  it('recovers when a 500 is transient', async () => {
    const reg = await startTestRegistry({ repos: { 'a/b': path.join(images!, 'chisel-manifest-only') }, fail: [{ match: /manifests/, status: 503, times: 1 }] });
    try {
      const inv = await readImage(`${reg.host}/a/b:latest`, { registry: fast, cacheDir: false });
      expect(inv.packages.length).toBe(4);
    } finally {
      await reg.close();
    }
  });

  it('refuses a layer whose content does not match its digest, naming the digest', async () => {
    const layer = 'sha256:5f631145f63b5b86f250ebafa7f980c9b725a445438d7c77dcecd9f09c937e8e';
    const reg = await startTestRegistry({ repos: { 'a/b': path.join(images!, 'lang-packages') }, corrupt: layer });
    try {
      await expect(readImage(`${reg.host}/a/b:latest`, { registry: fast, cacheDir: false })).rejects.toThrow(new RegExp(`${layer}.*(digest mismatch|corrupt)`));
    } finally {
      await reg.close();
    }
  });

  it('picks the platform from a manifest list and explains when the platform is missing', async () => {
    const dir = path.join(images!, 'chisel-manifest-only');
    const index = JSON.parse(readFileSync(path.join(dir, 'index.json'), 'utf8'));
    const amd64 = { ...index.manifests[0], annotations: undefined, platform: { os: 'linux', architecture: 'amd64' } };
    const list = JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.index.v1+json', manifests: [amd64] });
    const reg = await startTestRegistry({ repos: { 'a/multi': dir }, extraManifests: { 'a/multi': { v1: { mediaType: 'application/vnd.oci.image.index.v1+json', body: list } } } });
    try {
      const inv = await readImage(`${reg.host}/a/multi:v1`, { registry: fast, cacheDir: false });
      expect(inv.digest).toBe(amd64.digest);
      await expect(readImage(`${reg.host}/a/multi:v1`, { registry: fast, platform: 'linux/arm64', cacheDir: false })).rejects.toThrow(/no manifest for platform linux\/arm64; the index has linux\/amd64/);
    } finally {
      await reg.close();
    }
  });

  it('allows plain HTTP only for localhost', async () => {
    await expect(readImage('registry.example.com/a/b:1', { registry: { insecure: true }, cacheDir: false })).rejects.toThrow(/only allowed for registries on localhost/);
  });

  it('reuses the inventory cached by manifest digest without fetching layers again', async () => {
    const reg = await startTestRegistry({ repos: { 'a/b': path.join(images!, 'lang-packages') } });
    try {
      const cacheDir = path.join(tmp, 'cache');
      const first = await readImage(`${reg.host}/a/b:latest`, { registry: fast, cacheDir });
      const blobsBefore = reg.requests.filter((r) => r.includes('/blobs/')).length;
      const second = await readImage(`${reg.host}/a/b:latest`, { registry: fast, cacheDir });
      expect(second.stats.fromCache).toBe(true);
      expect(second.packages).toEqual(first.packages);
      // Only the config blob is fetched again (to read the manifest's config); no layer.
      expect(reg.requests.filter((r) => r.includes('/blobs/')).length - blobsBefore).toBe(1);
    } finally {
      await reg.close();
    }
  });
});
