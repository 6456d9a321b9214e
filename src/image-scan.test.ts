import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emptyConfig } from './config/config.js';
import { scanManifestsAndImages, withImageOptions } from './image-scan.js';
import { startTestRegistry, type TestRegistry } from './testing/registry-server.js';
import { sharedDir } from './testing/shared.js';

const shared = sharedDir();

describe.skipIf(!shared)('scan --images (needs ../shared/images)', () => {
  let tmp: string;
  let reg: TestRegistry;
  beforeAll(async () => {
    tmp = mkdtempSync(path.join(os.tmpdir(), 'rampart-scanimg-'));
    const go = path.join(shared!, 'images', 'go-binaries');
    reg = await startTestRegistry({ repos: { 'team/go': go, 'mirror/go': go } });
  });
  afterAll(async () => {
    await reg.close();
    rmSync(tmp, { recursive: true, force: true });
  });

  it('scans each referenced image once per digest, lists who uses it, and runs manifest and image rules together', async () => {
    const manifests = path.join(tmp, 'k8s.yaml');
    const deploy = (name: string, image: string) => `apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}, namespace: app}
spec:
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata: {labels: {app: ${name}}}
    spec:
      containers:
      - name: main
        image: ${image}
`;
    writeFileSync(manifests, [deploy('a', `${reg.host}/team/go:latest`), deploy('b', `${reg.host}/mirror/go:latest`), deploy('c', `${reg.host}/team/missing:1`)].join('---\n'));
    const config = emptyConfig();
    config.extra.images = { allowedRegistries: ['registry.example.com'] };
    const report = await scanManifestsAndImages([manifests], { registry: { insecure: true, timeoutMs: 2000, attempts: 1 }, cacheDir: false, db: false, config });
    const images = report.extensions!.images as any[];
    expect(images.length).toBe(1);
    expect(images[0].usedBy.map((u: any) => u.name)).toEqual(['a', 'b']);
    expect(report.diagnostics.some((d) => d.code === 'image-unreadable' && /team\/missing/.test(d.message))).toBe(true);
    const rules = new Set(report.findings.map((f) => f.ruleId));
    expect(rules.has('image-registry-not-allowed')).toBe(true);
    expect(rules.has('image-not-pinned')).toBe(true);
    // Manifest rules ran on the same inventory.
    expect(report.findings.some((f) => f.resource.kind === 'Deployment')).toBe(true);
  });

  it('takes the allow-list from images.allowedRegistries unless the rule sets its own', () => {
    const config = emptyConfig();
    config.extra.images = { allowedRegistries: ['a.example'] };
    expect(withImageOptions(config)!.rules['image-registry-not-allowed']!.options).toEqual({ allowedRegistries: ['a.example'] });
    config.rules['image-registry-not-allowed'] = { options: { allowedRegistries: ['b.example'] } };
    expect(withImageOptions(config)!.rules['image-registry-not-allowed']!.options).toEqual({ allowedRegistries: ['b.example'] });
  });
});
