import type { Finding } from '../core/types.js';
import type { Reporter } from './index.js';
import type { Report } from './report.js';

/**
 * JUnit XML, as Jenkins, GitLab, Azure DevOps and CircleCI read it.
 *
 * One `<testsuite>` per rule: a rule is the "test", the resources it failed on are its failing cases.
 * Rule ids are stable, so a CI system's history per suite and per case (rule + resource + field)
 * stays meaningful across commits, whereas a suite per file would be renamed by every file move.
 * A rule with no open finding gets one passing case that says how many targets it checked.
 * Waived findings are `<skipped>` with their justification; input errors are `<error>` cases of a
 * `rampart.input` suite so that a pipeline shows them too.
 */

/** Escapes text for XML 1.0 content and attributes; characters XML 1.0 cannot carry become U+FFFD. */
export function escapeXml(s: string): string {
  return s
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

function attrs(a: Record<string, string | number | undefined>): string {
  return Object.entries(a)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${escapeXml(String(v))}"`)
    .join('');
}

function where(f: Finding): string {
  if (f.location.file) return `${f.location.file}${f.location.line ? `:${f.location.line}` : ''}${f.location.column ? `:${f.location.column}` : ''}`;
  return f.source.cluster ? `cluster ${f.source.cluster}` : f.source.nodeRoot ? `node ${f.source.nodeRoot}` : f.source.image ? `image ${f.source.image}` : '';
}

function caseName(f: Finding): string {
  const r = f.resource;
  const ns = r.namespace ? `${r.namespace}/` : '';
  return `${r.kind} ${ns}${r.name}${f.location.path ? ` ${f.location.path}` : ''}`;
}

function failureBody(f: Finding): string {
  const lines = [`${where(f)}`, f.message];
  if (f.remediation) lines.push(`How to fix: ${f.remediation}`);
  if (f.evidence) lines.push(`Evidence: ${JSON.stringify(f.evidence)}`);
  return lines.filter(Boolean).join('\n');
}

export function renderJunit(report: Report): string {
  const byRule = new Map<string, Finding[]>();
  for (const r of report.rules) byRule.set(r.ruleId, []);
  for (const f of report.findings) {
    if (f.status === 'pass' || f.status === 'not-applicable') continue;
    let list = byRule.get(f.ruleId);
    if (!list) byRule.set(f.ruleId, (list = []));
    list.push(f);
  }
  const titles = new Map(report.rules.map((r) => [r.ruleId, r]));
  const suites: string[] = [];
  let total = 0;
  let totalFailures = 0;
  let totalErrors = 0;
  let totalSkipped = 0;
  for (const [ruleId, findings] of byRule) {
    const rule = titles.get(ruleId);
    const cases: string[] = [];
    let failures = 0;
    let errors = 0;
    let skipped = 0;
    for (const f of findings) {
      const head = `    <testcase${attrs({ classname: ruleId, name: caseName(f), file: f.location.file, line: f.location.line })}>`;
      if (f.waiver) {
        skipped++;
        cases.push(`${head}\n      <skipped${attrs({ message: `waived: ${f.waiver.justification}` })}/>\n    </testcase>`);
      } else if (f.status === 'error') {
        errors++;
        cases.push(`${head}\n      <error${attrs({ message: f.message, type: 'rule-error' })}>${escapeXml(failureBody(f))}</error>\n    </testcase>`);
      } else if (f.status === 'fail' || f.status === 'warn') {
        failures++;
        const type = f.status === 'warn' ? `${f.severity} (warn)` : f.severity;
        cases.push(`${head}\n      <failure${attrs({ message: `${where(f)}: ${f.message}`, type })}>${escapeXml(failureBody(f))}</failure>\n    </testcase>`);
      } else {
        // manual or skipped: needs a person or could not be judged; not a failure of the input.
        skipped++;
        cases.push(`${head}\n      <skipped${attrs({ message: `${f.status}: ${f.message}` })}/>\n    </testcase>`);
      }
    }
    if (cases.length === 0) cases.push(`    <testcase${attrs({ classname: ruleId, name: `${rule?.checked ?? 0} checked, none failed` })}/>`);
    total += cases.length;
    totalFailures += failures;
    totalErrors += errors;
    totalSkipped += skipped;
    suites.push(
      `  <testsuite${attrs({ name: ruleId, tests: cases.length, failures, errors, skipped })}>\n` +
        `    <properties>\n` +
        `      <property${attrs({ name: 'title', value: rule?.title ?? ruleId })}/>\n` +
        `      <property${attrs({ name: 'severity', value: rule?.severity })}/>\n` +
        `      <property${attrs({ name: 'area', value: rule?.area })}/>\n` +
        `    </properties>\n${cases.join('\n')}\n  </testsuite>`,
    );
  }
  const inputErrors = report.diagnostics.filter((d) => d.level === 'error');
  const inputWarnings = report.diagnostics.filter((d) => d.level !== 'error');
  if (report.diagnostics.length) {
    const cases = inputErrors.map((d) => {
      const at = d.file ? `${d.file}${d.line ? `:${d.line}` : ''}${d.column ? `:${d.column}` : ''}` : 'input';
      return `    <testcase${attrs({ classname: 'rampart.input', name: at, file: d.file, line: d.line })}>\n      <error${attrs({ message: d.message, type: d.code })}>${escapeXml(`${at}: ${d.message}`)}</error>\n    </testcase>`;
    });
    if (cases.length === 0) cases.push(`    <testcase${attrs({ classname: 'rampart.input', name: 'input read' })}/>`);
    const out = inputWarnings.length
      ? `\n    <system-out>${escapeXml(inputWarnings.map((d) => `${d.level}: ${d.file ? `${d.file}${d.line ? `:${d.line}` : ''}: ` : ''}${d.message}`).join('\n'))}</system-out>`
      : '';
    total += cases.length;
    totalErrors += inputErrors.length;
    suites.push(`  <testsuite${attrs({ name: 'rampart.input', tests: cases.length, failures: 0, errors: inputErrors.length, skipped: 0 })}>\n${cases.join('\n')}${out}\n  </testsuite>`);
  }
  const head = `<testsuites${attrs({ name: 'rampart', tests: total, failures: totalFailures, errors: totalErrors, skipped: totalSkipped, timestamp: report.generatedAt })}>`;
  return `<?xml version="1.0" encoding="UTF-8"?>\n${head}\n${suites.join('\n')}\n</testsuites>\n`;
}

export const junitReporter: Reporter = {
  description: 'JUnit XML, one test suite per rule, for CI test report views',
  extension: 'xml',
  render: (report) => renderJunit(report),
};
