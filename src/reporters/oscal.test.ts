import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import AjvModule from 'ajv';
import addFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { makeReport, sharedDir, testFramework } from '../../test/compliance-fixture.js';
import { applyCompliance } from '../frameworks/index.js';
import { parseExceptionsFile } from '../frameworks/exceptions.js';
import { oscalControlId, renderOscal, stableUuid } from './oscal.js';

const shared = sharedDir();
const schemaFile = shared && path.join(shared, 'schemas/oscal-1.0.6-assessment-results.schema.json');
const haveSchema = Boolean(schemaFile && existsSync(schemaFile));
if (!haveSchema) console.log('OSCAL schema validation skipped: ../shared/schemas/oscal-1.0.6-assessment-results.schema.json not found');

// Both are CommonJS with a default export; under NodeNext the class is on `.default`.
const Ajv = AjvModule.default;
const addFormats = addFormatsModule.default;

function validator() {
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  return ajv.compile(JSON.parse(readFileSync(schemaFile!, 'utf8')));
}

function report() {
  const r = makeReport();
  const { exceptions } = parseExceptionsFile('- rule: image-tag-mutable\n  justification: demo image\n  acceptedBy: jane\n  expires: 2026-12-31\n', 'w.yaml', { ruleIds: new Set(['image-tag-mutable']), frameworks: [] });
  applyCompliance(r, { available: [testFramework()], exceptions });
  return r;
}

describe('OSCAL assessment-results', () => {
  it.skipIf(!haveSchema)("is valid against NIST's OSCAL 1.0.6 schema, with and without frameworks", () => {
    const validate = validator();
    const doc = JSON.parse(renderOscal(report()));
    expect(validate(doc), JSON.stringify(validate.errors?.slice(0, 5), null, 2)).toBe(true);
    const bare = JSON.parse(renderOscal(makeReport()));
    expect(validate(bare), JSON.stringify(validate.errors?.slice(0, 5), null, 2)).toBe(true);
    // The schema does bite: a control id that is not an NCName is rejected.
    doc['assessment-results'].results[0]['reviewed-controls']['control-selections'][0]['include-controls'][0]['control-id'] = '1.2.1';
    expect(validate(doc)).toBe(false);
  });

  it('has one finding per decided control, linked to observations of the failing resources', () => {
    const doc = JSON.parse(renderOscal(report()))['assessment-results'];
    const result = doc.results[0];
    const targets = Object.fromEntries(result.findings.map((f: any) => [f.target['target-id'], f.target.status.state]));
    expect(targets).toEqual({
      'test-fw_W-1': 'not-satisfied',
      'test-fw_W-2': 'satisfied', // waived: satisfied with reason "other"
      'test-fw_N-1': 'satisfied',
      'test-fw_N-2': 'not-satisfied',
      'test-fw_S-1': 'satisfied',
    });
    const w1 = result.findings.find((f: any) => f.target['target-id'] === 'test-fw_W-1');
    const obs = result.observations.find((o: any) => o.uuid === w1['related-observations'][0]['observation-uuid']);
    expect(obs.subjects[0].title).toBe('Deployment shop/web');
    expect(obs['relevant-evidence'][0].description).toMatch(/^app\.yaml:\d+ at spec\.template\.spec\.containers\[0\]\.securityContext\.privileged/);
    const waived = result.observations.find((o: any) => o.props.some((p: any) => p.name === 'waived'));
    expect(waived.remarks).toContain('Waived: demo image (accepted by jane, until 2026-12-31)');
    expect(result['reviewed-controls']['control-selections'][0]['include-controls']).toHaveLength(testFramework().controls.length);
  });

  it('is deterministic and uses ids OSCAL accepts', () => {
    expect(renderOscal(report())).toBe(renderOscal(report()));
    expect(stableUuid('a')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(oscalControlId('cis-k8s', '1.2.1')).toBe('cis-k8s_1.2.1');
    expect(oscalControlId('9x', 'a b')).toBe('_x_a_b');
  });
});
