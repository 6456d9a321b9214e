import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { buildFixtureReport } from './fixtures/report-fixture.js';
import { escapeXml, renderJunit } from './junit.js';

const xml = renderJunit(buildFixtureReport());
const asArray = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', parseAttributeValue: false, trimValues: false }).parse(xml);
const suites: any[] = asArray(parsed.testsuites.testsuite);
const suite = (name: string) => suites.find((s) => s.name === name);

describe('JUnit reporter', () => {
  it('is well-formed XML even with control characters, markup and emoji in the findings', () => {
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites')).toBe(true);
  });

  it('has one suite per rule that ran, plus one for input problems, with consistent counts', () => {
    expect(suites.map((s) => [s.name, s.tests, s.failures, s.errors, s.skipped])).toEqual([
      ['image-tag-mutable', '3', '2', '0', '1'],
      ['fixture-privileged', '2', '1', '0', '1'],
      ['fixture-statuses', '3', '1', '1', '1'],
      ['rampart.input', '1', '0', '1', '0'],
    ]);
    const t = parsed.testsuites;
    expect([t.tests, t.failures, t.errors, t.skipped]).toEqual(['9', '4', '2', '3']);
  });

  it('gives each failure its file:line, message and fix; waived findings are skipped with the reason', () => {
    const cases: any[] = asArray(suite('image-tag-mutable').testcase);
    const web = cases.find((c) => c.name === 'Deployment shop/web spec.template.spec.containers[0].image');
    expect(web).toMatchObject({ classname: 'image-tag-mutable', file: 'apps/web.yaml', line: '14' });
    expect(web.failure.type).toBe('medium');
    expect(web.failure.message).toBe('apps/web.yaml:14:11: Container "web" uses image "nginx:latest" with the mutable tag "latest"');
    expect(web.failure['#text']).toContain('How to fix: Use a specific version tag');
    const sidecar = cases.find((c) => c.name.includes('containers[1]'));
    expect(sidecar.failure.message).toContain('"registry.example.com:5000/side<car>"'); // unescaped back by the parser
    const db = cases.find((c) => c.name.startsWith('StatefulSet'));
    expect(db.skipped.message).toBe('waived: database image is pinned by the operator');
    const annotated = asArray<any>(suite('fixture-privileged').testcase).find((c) => c.skipped);
    expect(annotated.skipped.message).toBe('waived: needs /dev/fuse <until> the CSI driver & co land');
  });

  it('reports rule crashes as errors, warn as failures, manual as skipped, input errors in rampart.input', () => {
    const cases: any[] = asArray(suite('fixture-statuses').testcase);
    expect(cases.map((c) => Object.keys(c).find((k) => ['failure', 'error', 'skipped'].includes(k)))).toEqual(['failure', 'skipped', 'error']);
    expect(cases[0].failure.type).toBe('critical (warn)');
    expect(cases[0].failure.message).toContain('ctl\uFFFDchar and ]]> and 😀');
    expect(cases[2].error.message).toContain('fixture rule failed on purpose');
    const input = suite('rampart.input').testcase;
    expect(input).toMatchObject({ classname: 'rampart.input', name: 'apps/broken.yaml:4:1', error: { type: 'yaml-syntax' } });
  });

  it('a rule with nothing to report is one passing case', () => {
    const report = buildFixtureReport();
    report.findings = report.findings.filter((f) => f.ruleId !== 'image-tag-mutable');
    const out = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(renderJunit(report));
    const s = asArray<any>(out.testsuites.testsuite).find((x) => x.name === 'image-tag-mutable');
    expect(s).toMatchObject({ tests: '1', failures: '0', testcase: { name: expect.stringMatching(/^\d+ checked, none failed$/) } });
  });

  it('escapes the five XML specials and replaces characters XML 1.0 cannot hold', () => {
    expect(escapeXml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;');
    expect(escapeXml('a\u0000b\u001bc\td\ne\uFFFEf')).toBe('a\uFFFDb\uFFFDc\td\ne\uFFFDf');
    expect(escapeXml('lone \uD800 high, pair 😀, lone \uDC00 low')).toBe('lone \uFFFD high, pair 😀, lone \uFFFD low');
  });
});
