import { createHash } from 'node:crypto';
import type { Finding } from '../core/types.js';
import { frameworksOf } from '../frameworks/assess.js';
import type { Reporter } from './index.js';
import { openFindings, type Report } from './report.js';

/** A name-based (version 5 style) UUID, so the same report always gives the same document. */
export function stableUuid(...parts: string[]): string {
  const h = createHash('sha1').update(parts.join('\0')).digest();
  h[6] = (h[6]! & 0x0f) | 0x50;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20, 32)}`;
}

/** OSCAL control ids are XML NCNames (start with a letter), so `1.2.1` of cis-k8s becomes `cis-k8s_1.2.1`. */
export function oscalControlId(framework: string, control: string): string {
  return `${framework}_${control}`.replace(/[^\p{L}\p{N}._-]/gu, '_').replace(/^[^\p{L}_]/u, '_');
}

/** OSCAL strings may not start or end with whitespace, nor be empty. */
function text(s: string | undefined, fallback = '-'): string {
  const t = (s ?? '').trim();
  return t === '' ? fallback : t;
}

function resourceTitle(f: Finding): string {
  return `${f.resource.kind} ${f.resource.namespace ? `${f.resource.namespace}/` : ''}${f.resource.name}`;
}

/**
 * The report as an OSCAL 1.0.6 assessment-results document: one result per framework, a finding
 * per control (satisfied or not), and an observation per failing or waived Rampart finding, with its
 * resource, location and evidence. Without frameworks, one result covers the rules themselves.
 */
export function renderOscal(report: Report): string {
  const docUuid = stableUuid('rampart-ar', report.generatedAt, report.target.inputs.join(','));
  const toolUuid = stableUuid('rampart-tool', report.tool.version);
  const relevant = report.findings.filter((f) => f.status === 'fail' || f.status === 'warn' || f.status === 'error');
  const observations = relevant.map((f) => {
    const where = f.location.file ? `${f.location.file}${f.location.line ? `:${f.location.line}` : ''}` : (f.source.cluster ?? f.source.nodeRoot ?? f.source.image ?? 'input');
    const props = [
      { name: 'rule-id', ns: 'https://rampart.dev/ns/oscal', value: f.ruleId },
      { name: 'severity', ns: 'https://rampart.dev/ns/oscal', value: f.severity },
      { name: 'status', ns: 'https://rampart.dev/ns/oscal', value: f.status },
      { name: 'fingerprint', ns: 'https://rampart.dev/ns/oscal', value: f.fingerprint },
    ];
    if (f.waiver) props.push({ name: 'waived', ns: 'https://rampart.dev/ns/oscal', value: 'true' });
    const obs: Record<string, unknown> = {
      uuid: stableUuid(docUuid, 'obs', f.fingerprint),
      title: text(f.title),
      description: text(f.message),
      props,
      methods: ['TEST'],
      types: ['finding'],
      origins: [{ actors: [{ type: 'tool', 'actor-uuid': toolUuid }] }],
      subjects: [{ 'subject-uuid': stableUuid(docUuid, 'subject', resourceTitle(f)), type: 'resource', title: text(resourceTitle(f)) }],
      'relevant-evidence': [{ description: text(`${where}${f.location.path ? ` at ${f.location.path}` : ''}${f.evidence ? `: ${JSON.stringify(f.evidence)}` : ''}`) }],
      collected: report.generatedAt,
    };
    const remarks = [f.remediation ? `Remediation: ${f.remediation}` : '', f.waiver ? `Waived: ${f.waiver.justification}${f.waiver.acceptedBy ? ` (accepted by ${f.waiver.acceptedBy}${f.waiver.expires ? `, until ${f.waiver.expires}` : ''})` : ''}` : '']
      .filter(Boolean)
      .join('\n');
    if (remarks) obs.remarks = remarks;
    return obs;
  });
  const obsUuid = new Map(relevant.map((f, i) => [f.fingerprint, observations[i]!.uuid as string]));
  const frameworks = frameworksOf(report);
  const results = frameworks.map((fw) => {
    const findings = fw.controls
      .filter((c) => c.status === 'pass' || c.status === 'fail' || c.status === 'waived')
      .map((c) => {
        const related = [...c.failing, ...c.waived].map((fp) => obsUuid.get(fp)).filter((u): u is string => Boolean(u));
        const out: Record<string, unknown> = {
          uuid: stableUuid(docUuid, 'finding', fw.id, c.id),
          title: text(`${fw.id} ${c.id}: ${c.title}`),
          description: text(
            c.status === 'pass'
              ? `The rules deciding this control found no violation (${c.evidence.rulesRun.join(', ') || 'node checks'}).`
              : c.status === 'waived'
                ? `Every violation is covered by an accepted exception (${c.waived.length}).`
                : `${c.failing.length} open violation(s).`,
          ),
          props: [{ name: 'control-status', ns: 'https://rampart.dev/ns/oscal', value: c.status }],
          target: {
            type: 'objective-id',
            'target-id': oscalControlId(fw.id, c.id),
            status: { state: c.status === 'fail' ? 'not-satisfied' : 'satisfied', ...(c.status === 'waived' ? { reason: 'other' } : {}) },
          },
        };
        if (related.length) out['related-observations'] = related.map((u) => ({ 'observation-uuid': u }));
        return out;
      });
    const ids = new Set(fw.controls.flatMap((c) => [...c.failing, ...c.waived].map((fp) => obsUuid.get(fp)).filter((u): u is string => Boolean(u))));
    const result: Record<string, unknown> = {
      uuid: stableUuid(docUuid, 'result', fw.id),
      title: text(`${fw.name} ${fw.version}`),
      description: text(`Automated assessment by Rampart ${report.tool.version} of ${report.target.kind} ${report.target.inputs.join(' ')}. Score ${fw.score ?? 'n/a'}% (${fw.counts.pass} pass, ${fw.counts.fail} fail, ${fw.counts.waived} waived, ${fw.counts.manual} manual, ${fw.counts['not-assessed']} not assessed).`),
      start: report.generatedAt,
      end: report.generatedAt,
      props: [{ name: 'framework', ns: 'https://rampart.dev/ns/oscal', value: fw.id }, ...(fw.score !== null ? [{ name: 'score', ns: 'https://rampart.dev/ns/oscal', value: String(fw.score) }] : [])],
      'reviewed-controls': { 'control-selections': [{ 'include-controls': fw.controls.map((c) => ({ 'control-id': oscalControlId(fw.id, c.id) })) }] },
    };
    const used = observations.filter((o) => ids.has(o.uuid as string));
    if (used.length) result.observations = used;
    if (findings.length) result.findings = findings;
    return result;
  });
  if (results.length === 0) {
    const open = openFindings(report);
    results.push({
      uuid: stableUuid(docUuid, 'result', 'rules'),
      title: 'Rampart rules',
      description: text(`Automated assessment by Rampart ${report.tool.version}; ${open.length} open finding(s). No framework was assessed.`),
      start: report.generatedAt,
      end: report.generatedAt,
      'reviewed-controls': { 'control-selections': [{ 'include-controls': report.rules.map((r) => ({ 'control-id': oscalControlId('rampart', r.ruleId) })) }] },
      ...(observations.length ? { observations } : {}),
    });
  }
  const doc = {
    'assessment-results': {
      uuid: docUuid,
      metadata: {
        title: text(`Rampart assessment of ${report.target.kind} ${report.target.inputs.join(' ')}`),
        'last-modified': report.generatedAt,
        version: report.tool.version,
        'oscal-version': '1.0.6',
        parties: [{ uuid: toolUuid, type: 'organization', name: `Rampart ${report.tool.version}` }],
      },
      'import-ap': { href: '#rampart-automated-plan', remarks: 'Rampart runs without a separate assessment plan; the plan is its rule set and framework mappings.' },
      results,
    },
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

export const oscalReporter: Reporter = {
  description: 'OSCAL 1.0.6 assessment-results (JSON): one result per framework, for auditors',
  extension: 'json',
  render: renderOscal,
};
