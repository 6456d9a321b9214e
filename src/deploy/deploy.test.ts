import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { openFindings } from '../reporters/report.js';
import { scanManifests } from '../scan.js';

/**
 * Rampart's own deployment must pass Rampart's own scan: every finding on the rendered manifests
 * has to be waived with a reason (a rampart.dev/exempt annotation), so nothing is unexplained.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const rendered = path.join(root, 'deploy/manifests/rampart.yaml');
const templates = path.join(root, 'deploy/helm/rampart/templates');

describe('deploy/manifests/rampart.yaml', () => {
  it('passes rampart scan with every rule, with no unexplained finding', async () => {
    const report = await scanManifests([rendered], { selection: { all: true }, settings: { now: new Date('2026-11-27T00:00:00Z') } });
    expect(report.diagnostics.filter((d) => d.level !== 'info')).toEqual([]);
    expect(report.stats.resources).toBe(11);
    const open = openFindings(report).map((f) => `${f.ruleId} ${f.resource.kind}/${f.resource.name} ${f.location.path ?? ''}: ${f.message}`);
    expect(open).toEqual([]);
    for (const f of report.findings.filter((x) => x.waiver)) expect(f.waiver!.justification.length).toBeGreaterThan(20);
  });

  it('holds the objects the chart templates define, with the same kinds, names and namespaces', () => {
    const ids = (text: string) =>
      text
        .split(/^---$/m)
        .filter((doc) => /^kind:/m.test(doc))
        .map((doc) => `${/^kind: (.+)$/m.exec(doc)?.[1]} ${/^ {2}namespace: (.+)$/m.exec(doc)?.[1] ?? ''}/${/^ {2}name: (.+)$/m.exec(doc)?.[1]}`);
    // Rendered with the chart's default values.
    const defaults = (s: string) => s.replaceAll('{{ .Values.nodeNamespace }}', 'rampart-node').replaceAll('{{ .Values.namespace }}', 'rampart');
    const fromTemplates = readdirSync(templates)
      .filter((f) => f.endsWith('.yaml'))
      .flatMap((f) => ids(readFileSync(path.join(templates, f), 'utf8')))
      .map(defaults)
      .sort();
    expect(ids(readFileSync(rendered, 'utf8')).sort()).toEqual(fromTemplates);
  });

  it('ships a krew manifest and a Dockerfile that name this version', () => {
    const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string };
    const krew = readFileSync(path.join(root, 'deploy/krew/rampart.yaml'), 'utf8');
    expect(krew).toContain(`version: v${pkg.version}`);
    expect(existsSync(path.join(root, 'deploy/Dockerfile'))).toBe(true);
    expect(readFileSync(path.join(root, 'deploy/helm/rampart/Chart.yaml'), 'utf8')).toContain(`appVersion: "${pkg.version}"`);
  });
});
