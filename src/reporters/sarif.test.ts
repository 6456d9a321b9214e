import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { addFormats, AjvDraft04 } from '../../test/helpers/ajv.js';
import { sharedDir } from '../../test/helpers/shared-dir.js';
import { scanManifests } from '../scan.js';
import { buildFixtureReport } from './fixtures/report-fixture.js';
import { artifactLocation, renderSarif, SECURITY_SEVERITY } from './sarif.js';

const shared = sharedDir();
const schemaFile = shared && path.join(shared, 'schemas/sarif-2.1.0.json');

// The official SARIF schema declares draft-04, which Ajv 8 reads only through ajv-draft-04.
function sarifValidator() {
  const schema = JSON.parse(readFileSync(schemaFile!, 'utf8'));
  expect(schema.$schema).toBe('http://json-schema.org/draft-04/schema#');
  const ajv = new AjvDraft04({ allErrors: true, strict: false });
  addFormats(ajv);
  return ajv.compile(schema);
}

const root = '/work/project';
let sarif: any;
let run: any;

beforeAll(() => {
  sarif = JSON.parse(renderSarif(buildFixtureReport(), { root }));
  run = sarif.runs[0];
});

describe('SARIF reporter', () => {
  it.skipIf(!schemaFile)('validates against the official SARIF 2.1.0 schema (../shared/schemas)', () => {
    const validate = sarifValidator();
    const ok = validate(sarif);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it.skipIf(!shared)('validates for a scan of the examples and of the whole manifest corpus', async () => {
    const validate = sarifValidator();
    for (const input of [path.resolve('examples'), path.join(shared!, 'corpus/manifests')]) {
      const report = await scanManifests([input], { version: '0.1.0' });
      const out = JSON.parse(renderSarif(report, { root: path.dirname(input) }));
      expect(validate(out) ? [] : validate.errors).toEqual([]);
      expect(out.runs[0].results.length).toBe(report.findings.filter((f) => f.status === 'fail' || f.status === 'warn' || f.status === 'manual').length);
    }
  });

  it('describes every rule that ran, with GitHub security-severity, help and Pod Security properties', () => {
    const rules = run.tool.driver.rules;
    expect(rules.map((r: any) => r.id)).toEqual(['image-tag-mutable', 'fixture-privileged', 'fixture-statuses']);
    const pss = rules[1];
    expect(pss).toMatchObject({
      name: 'FixturePrivileged',
      shortDescription: { text: 'Privileged container' },
      fullDescription: { text: 'A privileged container has every capability of the host.' },
      helpUri: 'https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline',
      defaultConfiguration: { level: 'error' },
      properties: { 'security-severity': '8.0', severity: 'high', tags: ['security', 'pss', 'pod-security', 'pss-baseline'], pss: { level: 'baseline', check: 'privileged' } },
    });
    expect(pss.help.markdown).toContain('**How to fix:** Remove `securityContext.privileged`');
    expect(pss.help.markdown).toContain('```yaml\nsecurityContext:\n  privileged: false\n```');
    expect(pss.help.text).toContain('rampart.dev/exempt.fixture-privileged');
    // GitHub's bands: >= 9.0 critical, 7.0-8.9 high, 4.0-6.9 medium, below 4.0 low.
    const band = (s: string) => (Number(s) >= 9 ? 'critical' : Number(s) >= 7 ? 'high' : Number(s) >= 4 ? 'medium' : 'low');
    expect(Object.entries(SECURITY_SEVERITY).map(([k, v]) => [k, band(v)])).toEqual([
      ['critical', 'critical'],
      ['high', 'high'],
      ['medium', 'medium'],
      ['low', 'low'],
      ['info', 'low'],
    ]);
  });

  it('maps findings to results with level, locations relative to the root, logical locations and fingerprints', () => {
    const web = run.results.find((r: any) => r.ruleId === 'image-tag-mutable' && r.message.text.includes('nginx'));
    expect(web).toMatchObject({
      ruleIndex: 0,
      kind: 'fail',
      level: 'warning',
      message: { text: 'Container "web" uses image "nginx:latest" with the mutable tag "latest"' },
      partialFingerprints: { 'rampartFingerprint/v1': expect.stringMatching(/^[0-9a-f]{24}$/) },
    });
    expect(web.locations[0]).toEqual({
      physicalLocation: { artifactLocation: { uri: 'apps/web.yaml', uriBaseId: 'SRCROOT' }, region: { startLine: 14, startColumn: 11 } },
      logicalLocations: [
        { kind: 'resource', name: 'web', fullyQualifiedName: 'Deployment/shop/web', decoratedName: 'apps/v1' },
        { kind: 'property', name: 'spec.template.spec.containers[0].image', fullyQualifiedName: 'Deployment/shop/web/spec.template.spec.containers[0].image' },
      ],
    });
    expect(run.originalUriBaseIds).toEqual({ SRCROOT: { uri: 'file:///work/project/' } });
    // A file name with a space is percent-encoded; a cluster-scoped or namespace-less resource has no namespace segment.
    const warned = run.results.find((r: any) => r.ruleId === 'fixture-statuses' && r.kind === 'fail');
    expect(warned.level).toBe('warning'); // critical, but only a warn: never more than a warning
    expect(warned.locations[0].physicalLocation.artifactLocation.uri).toBe('apps/config%20maps.yaml');
    const manual = run.results.find((r: any) => r.kind === 'review');
    expect(manual).toMatchObject({ level: 'none', locations: [{ logicalLocations: [{ fullyQualifiedName: 'ConfigMap/manual' }] }] });
  });

  it('marks waived findings with suppressions: inSource for annotations, external for configuration', () => {
    const suppressed = run.results.filter((r: any) => r.suppressions);
    expect(suppressed.map((r: any) => [r.ruleId, r.suppressions[0].kind, r.suppressions[0].justification])).toEqual([
      ['image-tag-mutable', 'external', 'database image is pinned by the operator'],
      ['fixture-privileged', 'inSource', 'needs /dev/fuse <until> the CSI driver & co land'],
    ]);
    expect(suppressed[0].suppressions[0]).toMatchObject({ status: 'accepted', properties: { acceptedBy: 'dba@example.com', expires: '2999-01-01', origin: '.rampart.yaml:2' } });
    // The finding whose exception expired is open again, without a suppression.
    const db = run.results.find((r: any) => r.ruleId === 'fixture-privileged' && r.locations[0].logicalLocations[0].name === 'db');
    expect(db.suppressions).toBeUndefined();
    expect(db.properties.expiredException).toBe('.rampart.yaml:7');
  });

  it('turns diagnostics, rule errors and expired exceptions into notifications', () => {
    const inv = run.invocations[0];
    expect(inv.executionSuccessful).toBe(false);
    expect(inv.toolExecutionNotifications).toEqual([
      {
        level: 'error',
        message: { text: 'unexpected end of the stream within a flow collection (document 1)' },
        descriptor: { id: 'yaml-syntax' },
        locations: [{ physicalLocation: { artifactLocation: { uri: 'apps/broken.yaml', uriBaseId: 'SRCROOT' }, region: { startLine: 4, startColumn: 1 } } }],
      },
      expect.objectContaining({ level: 'error', descriptor: { id: 'rule-error' }, associatedRule: { id: 'fixture-statuses', index: 2 } }),
    ]);
    expect(inv.toolConfigurationNotifications).toEqual([expect.objectContaining({ level: 'warning', descriptor: { id: 'exception-expired' } })]);
    expect(run.results.some((r: any) => r.properties.status === 'error')).toBe(false);
  });

  it('names files outside the root by absolute file URI and gives stdin no physical location', () => {
    expect(artifactLocation('/elsewhere/a b.yaml', '/work/project')).toEqual({ uri: 'file:///elsewhere/a%20b.yaml' });
    expect(artifactLocation('/work/project/k8s/x.yaml', '/work/project')).toEqual({ uri: 'k8s/x.yaml', uriBaseId: 'SRCROOT' });
    expect(artifactLocation('../up.yaml', '/work/project')).toEqual({ uri: 'file:///work/up.yaml' });
    expect(artifactLocation('-', '/work/project')).toBeUndefined();
  });
});
