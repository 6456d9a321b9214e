import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { chromiumPath, launchChromium } from '../../test/browser.js';
import { makeReport, MANIFESTS, testFramework, testOutputDir } from '../../test/compliance-fixture.js';
import { applyCompliance } from '../frameworks/index.js';
import { parseExceptionsFile } from '../frameworks/exceptions.js';
import { frameworksOf } from '../frameworks/assess.js';
import { pathsOf, renderHtml } from './html.js';

/** A report with frameworks, a waiver, an RBAC extension and an images extension, as other areas will add. */
function fullReport() {
  const r = makeReport(MANIFESTS.replace('name: web, namespace: shop', 'name: "web<script>alert(1)</script>", namespace: shop'));
  const { exceptions } = parseExceptionsFile('- rule: image-tag-mutable\n  justification: demo image\n  acceptedBy: jane\n  expires: 2026-12-31\n', 'w.yaml', { ruleIds: new Set(['image-tag-mutable']), frameworks: [] });
  applyCompliance(r, { available: [testFramework()], exceptions });
  r.extensions!.rbac = {
    escalationPaths: [
      { title: 'ServiceAccount ci/deployer can become cluster-admin', steps: [{ kind: 'ServiceAccount', namespace: 'ci', name: 'deployer' }, { kind: 'ClusterRole', name: 'pod-creator', via: 'create pods' }, { kind: 'Node', name: 'any', via: 'hostPath mount' }] },
    ],
  };
  r.extensions!.images = { images: [{ image: 'nginx:1.19', vulnerabilities: [{ id: 'CVE-2021-23017', package: 'nginx', version: '1.19.0', fixedVersion: '1.21.0', severity: 'HIGH' }] }] };
  return r;
}

describe('HTML report', () => {
  it('is one self-contained file: nothing loads from elsewhere, data is escaped', () => {
    const html = renderHtml(fullReport());
    expect(html).not.toMatch(/<(script|link|img)[^>]+(src|href)=/i);
    expect(html).toContain('Chart.js v4');
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).toContain('web&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('demo image');
    expect(html).toContain('CVE-2021-23017');
    expect((html.match(/<svg class="path"/g) ?? []).length).toBe(1);
  });

  it('reads RBAC paths given as steps or as edges', () => {
    expect(pathsOf({ paths: [[{ from: 'a', to: 'b', label: 'bind' }, { from: 'b', to: 'c' }]] })).toEqual([{ title: 'path 1', nodes: ['a', 'b', 'c'], labels: ['bind', ''] }]);
    expect(pathsOf([{ steps: ['x', { name: 'y', via: 'escalate' }] }])).toEqual([{ title: 'path 1', nodes: ['x', 'y'], labels: ['escalate'] }]);
    expect(pathsOf({ something: 'else' })).toEqual([]);
  });

  it.skipIf(!chromiumPath)('renders in headless Chromium with the numbers of the JSON report, offline, and prints to PDF', async () => {
    const report = fullReport();
    const out = testOutputDir();
    const file = path.join(out, 'report.html');
    writeFileSync(file, renderHtml(report));
    const browser = await launchChromium();
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 1600 } });
      const requests: string[] = [];
      const errors: string[] = [];
      page.on('request', (r) => requests.push(r.url()));
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(`file://${file}`);
      await page.waitForSelector('body[data-charts="ready"]', { timeout: 15_000 });
      expect(errors).toEqual([]);
      expect(requests).toEqual([`file://${file}`]);
      const count = (k: string) => page.locator(`[data-count="${k}"]`).textContent();
      expect(Number(await count('open'))).toBe(report.summary.findings);
      expect(Number(await count('high'))).toBe(report.summary.bySeverity.high);
      expect(Number(await count('waived'))).toBe(report.summary.waived);
      const fw = frameworksOf(report)[0]!;
      expect(await page.locator(`[data-framework-score="${fw.id}"]`).textContent()).toBe(`${fw.score}%`);
      expect(await page.locator(`#fw-${fw.id} tr[data-status="fail"]`).count()).toBe(fw.counts.fail);
      // Both charts drew something on their canvases.
      const painted = await page.evaluate(() =>
        ['chart-frameworks', 'chart-severity'].map((id) => {
          const c = document.getElementById(id) as HTMLCanvasElement;
          const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
          let n = 0;
          for (let i = 3; i < d.length; i += 4) if (d[i]! > 0) n++;
          return n;
        }),
      );
      expect(painted.every((n) => n > 500)).toBe(true);
      // Drill-down: the top risk links to the finding inside its resource.
      await page.locator('#resources details').first().evaluate((d) => ((d as HTMLDetailsElement).open = true));
      expect(await page.locator('#rbac svg text').first().textContent()).toContain('ServiceAccount ci/deployer');
      await page.screenshot({ path: path.join(out, 'report.png'), fullPage: false });
      const pdf = await page.pdf({ format: 'A4', printBackground: true });
      writeFileSync(path.join(out, 'report.pdf'), pdf);
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      expect(pdf.length).toBeGreaterThan(20_000);
    } finally {
      await browser.close();
    }
  });
});
