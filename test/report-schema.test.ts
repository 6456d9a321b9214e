import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPORT_SCHEMA_VERSION, type Report } from '../src/reporters/report.js';
import { buildFixtureReport } from '../src/reporters/fixtures/report-fixture.js';
import { scanManifests } from '../src/scan.js';
import { addFormats, Ajv2020 } from './helpers/ajv.js';
import { repoRoot, sharedDir } from './helpers/shared-dir.js';

/** The JSON report is a contract: every report the scan writes must validate against schemas/report.schema.json. */

const schema = JSON.parse(readFileSync(path.join(repoRoot, 'schemas/report.schema.json'), 'utf8'));
const ajv = new Ajv2020({ allErrors: true, strict: true });
addFormats(ajv);
const validate = ajv.compile(schema);

/** The report exactly as `--format json` writes it (JSON drops undefined fields). */
const asJson = (r: Report) => JSON.parse(JSON.stringify(r));

function errorsOf(value: unknown): string[] {
  return validate(value) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`);
}

describe('schemas/report.schema.json', () => {
  it('is a JSON Schema 2020-12 document whose version pattern accepts the current schemaVersion', () => {
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(REPORT_SCHEMA_VERSION).toMatch(new RegExp(schema.properties.schemaVersion.pattern));
  });

  it('validates the report of the bundled examples', async () => {
    const report = await scanManifests([path.join(repoRoot, 'examples')], { version: '0.1.0' });
    expect(report.findings.length).toBeGreaterThan(0);
    expect(errorsOf(asJson(report))).toEqual([]);
  });

  it('validates a report with every status, waivers, exceptions, diagnostics and ignored kinds', () => {
    const report = buildFixtureReport();
    expect(new Set(report.findings.map((f) => f.status))).toEqual(new Set(['fail', 'warn', 'manual', 'error']));
    expect(report.stats.ignoredKinds).toEqual({ Widget: 1 });
    expect(errorsOf(asJson(report))).toEqual([]);
  });

  it.skipIf(!sharedDir())('validates the report of the whole ../shared/corpus/manifests', async () => {
    const report = await scanManifests([path.join(sharedDir()!, 'corpus/manifests')], { version: '0.1.0' });
    expect(report.stats.files).toBeGreaterThan(300);
    expect(report.diagnostics.length).toBeGreaterThan(0); // the corpus holds broken YAML on purpose
    expect(errorsOf(asJson(report))).toEqual([]);
  });

  it('rejects what would break a reader: unknown fields, wrong enums, missing parts', () => {
    const good = asJson(buildFixtureReport());
    const broken = (edit: (r: any) => void) => {
      const r = structuredClone(good);
      edit(r);
      return errorsOf(r);
    };
    expect(broken((r) => (r.findings[0].severity = 'severe'))).not.toEqual([]);
    expect(broken((r) => (r.findings[0].status = 'failed'))).not.toEqual([]);
    expect(broken((r) => (r.findings[0].surprise = 1))).not.toEqual([]);
    expect(broken((r) => delete r.findings[0].fingerprint)).not.toEqual([]);
    expect(broken((r) => delete r.stats.ignoredKinds)).not.toEqual([]);
    expect(broken((r) => (r.summary.bySeverity.high = -1))).not.toEqual([]);
    expect(broken((r) => (r.diagnostics[0].line = 0))).not.toEqual([]);
    expect(broken((r) => (r.schemaVersion = '2.0.0'))).not.toEqual([]);
    expect(broken((r) => (r.tool.name = 'other'))).not.toEqual([]);
    // Open by design: extensions, context, settings, evidence and properties.
    expect(broken((r) => (r.extensions = { frameworks: { cis: [1, 2] } }))).toEqual([]);
    expect(broken((r) => (r.findings[0].evidence = { anything: { goes: true } }))).toEqual([]);
  });
});
