import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic, Finding, Severity } from '../core/types.js';
import type { Reporter, ReporterOptions } from './index.js';
import type { Report, ReportRule } from './report.js';

/**
 * SARIF 2.1.0, as GitHub code scanning and other SARIF viewers read it.
 * Mapping decisions (see docs/report-format.md):
 * - one run; `tool.driver.rules` lists every rule that ran, in report order (`ruleIndex` points into it);
 * - results are the findings a person may act on: fail, warn, manual; waived ones carry `suppressions`;
 *   passes, not-applicable and skipped are left out (they are in the JSON report);
 * - a rule that crashed (`error` status) is a tool execution notification, not a result about the code;
 * - diagnostics are tool execution notifications, configuration problems and expired exceptions are
 *   tool configuration notifications.
 */

/** GitHub reads `security-severity` as a score: >= 9.0 critical, 7.0-8.9 high, 4.0-6.9 medium, < 4.0 low. */
export const SECURITY_SEVERITY: Record<Severity, string> = {
  critical: '9.5',
  high: '8.0',
  medium: '5.5',
  low: '3.0',
  info: '1.0',
};

type SarifLevel = 'error' | 'warning' | 'note' | 'none';

const LEVEL: Record<Severity, SarifLevel> = { critical: 'error', high: 'error', medium: 'warning', low: 'note', info: 'note' };

/** SARIF wants URIs; the base id names the folder relative paths start from. */
export const SRCROOT = 'SRCROOT';

function pascalCase(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join('');
}

function encodePath(p: string): string {
  return p.split('/').map(encodeURIComponent).join('/');
}

/** The artifact location of a file as the report names it: relative to the root when inside it. */
export function artifactLocation(file: string, root: string): { uri: string; uriBaseId?: string } | undefined {
  if (file === '-' || file === '') return undefined;
  const abs = path.resolve(root, file);
  const rel = path.relative(root, abs);
  if (rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel)) return { uri: encodePath(rel.split(path.sep).join('/')), uriBaseId: SRCROOT };
  return { uri: pathToFileURL(abs).href };
}

function ruleHelp(r: ReportRule): { text: string; markdown: string } {
  const text = [r.description, '', `How to fix: ${r.remediation}`];
  const md = [r.description, '', '**How to fix:** ' + r.remediation];
  if (r.example) {
    text.push('', 'Example:', r.example);
    md.push('', '```yaml', r.example, '```');
  }
  if (r.references?.length) {
    text.push('', 'References:', ...r.references.map((u) => `  ${u}`));
    md.push('', '**References:**', ...r.references.map((u) => `- <${u}>`));
  }
  const exempt = `Exempt one resource with the annotation \`rampart.dev/exempt.${r.ruleId}: "<reason>"\`.`;
  text.push('', exempt.replace(/`/g, ''));
  md.push('', exempt);
  return { text: text.join('\n'), markdown: md.join('\n') };
}

function sarifRule(r: ReportRule) {
  const tags = ['security', r.area];
  if (r.pss) tags.push('pod-security', `pss-${r.pss.level}`);
  const properties: Record<string, unknown> = {
    'security-severity': SECURITY_SEVERITY[r.severity],
    severity: r.severity,
    precision: 'very-high',
    tags,
  };
  if (r.pss) properties.pss = { level: r.pss.level, check: r.pss.check };
  return {
    id: r.ruleId,
    name: pascalCase(r.ruleId),
    shortDescription: { text: r.title },
    fullDescription: { text: r.description || r.title },
    help: ruleHelp(r),
    ...(r.references?.[0] ? { helpUri: r.references[0] } : {}),
    defaultConfiguration: { level: LEVEL[r.severity], enabled: true },
    properties,
  };
}

function resultLevel(f: Finding): { kind: 'fail' | 'review'; level: SarifLevel } {
  if (f.status === 'manual') return { kind: 'review', level: 'none' };
  const level = LEVEL[f.severity];
  // A Pod Security `warn` violation is reported, not enforced: never more than a warning.
  if (f.status === 'warn') return { kind: 'fail', level: level === 'error' ? 'warning' : level };
  return { kind: 'fail', level };
}

function fullName(f: Finding): string {
  const r = f.resource;
  return r.namespace ? `${r.kind}/${r.namespace}/${r.name}` : `${r.kind}/${r.name}`;
}

function locationOf(f: Finding, root: string) {
  const artifact = f.location.file ? artifactLocation(f.location.file, root) : undefined;
  const fqn = fullName(f);
  const logical: Record<string, unknown>[] = [{ kind: 'resource', name: f.resource.name, fullyQualifiedName: fqn, decoratedName: f.resource.apiVersion }];
  if (f.location.path) logical.push({ kind: 'property', name: f.location.path, fullyQualifiedName: `${fqn}/${f.location.path}` });
  const location: Record<string, unknown> = { logicalLocations: logical };
  if (artifact) {
    const region: Record<string, number> = {};
    if (f.location.line) region.startLine = f.location.line;
    if (f.location.line && f.location.column) region.startColumn = f.location.column;
    location.physicalLocation = { artifactLocation: artifact, ...(region.startLine ? { region } : {}) };
  }
  return location;
}

function sarifResult(f: Finding, ruleIndex: number, root: string) {
  const { kind, level } = resultLevel(f);
  const result: Record<string, unknown> = {
    ruleId: f.ruleId,
    ...(ruleIndex >= 0 ? { ruleIndex } : {}),
    kind,
    level,
    message: { text: f.message },
    locations: [locationOf(f, root)],
    partialFingerprints: { 'rampartFingerprint/v1': f.fingerprint },
  };
  const properties: Record<string, unknown> = { severity: f.severity, status: f.status, messageId: f.messageId };
  if (f.remediation) properties.remediation = f.remediation;
  if (f.evidence) properties.evidence = f.evidence;
  if (f.properties) Object.assign(properties, f.properties);
  result.properties = properties;
  if (f.waiver) {
    result.suppressions = [
      {
        kind: f.waiver.source === 'annotation' ? 'inSource' : 'external',
        status: 'accepted',
        justification: f.waiver.justification,
        properties: {
          source: f.waiver.source,
          ...(f.waiver.acceptedBy ? { acceptedBy: f.waiver.acceptedBy } : {}),
          ...(f.waiver.expires ? { expires: f.waiver.expires } : {}),
          ...(f.waiver.origin ? { origin: f.waiver.origin } : {}),
        },
      },
    ];
  }
  return result;
}

function notification(d: Diagnostic, root: string) {
  const n: Record<string, unknown> = {
    level: d.level === 'info' ? 'note' : d.level,
    message: { text: d.message },
    descriptor: { id: d.code },
  };
  const artifact = d.file ? artifactLocation(d.file, root) : undefined;
  if (artifact) {
    const region = d.line ? { startLine: d.line, ...(d.column ? { startColumn: d.column } : {}) } : undefined;
    n.locations = [{ physicalLocation: { artifactLocation: artifact, ...(region ? { region } : {}) } }];
  }
  return n;
}

export function renderSarif(report: Report, options: Pick<ReporterOptions, 'root'> = {}): string {
  const root = path.resolve(options.root ?? process.cwd());
  const rules = report.rules.map(sarifRule);
  const index = new Map(report.rules.map((r, i) => [r.ruleId, i]));
  const results = [];
  const execution = report.diagnostics.filter((d) => !d.code.startsWith('config-')).map((d) => notification(d, root));
  const configuration = report.diagnostics.filter((d) => d.code.startsWith('config-')).map((d) => notification(d, root));
  for (const f of report.findings) {
    if (f.status === 'error') {
      execution.push({
        level: 'error',
        message: { text: f.message },
        descriptor: { id: 'rule-error' },
        associatedRule: { id: f.ruleId, ...(index.has(f.ruleId) ? { index: index.get(f.ruleId) } : {}) },
        locations: [locationOf(f, root)],
      } as any);
      continue;
    }
    if (f.status !== 'fail' && f.status !== 'warn' && f.status !== 'manual') continue;
    results.push(sarifResult(f, index.get(f.ruleId) ?? -1, root));
  }
  for (const e of report.exceptions) {
    if (!e.expired) continue;
    configuration.push({
      level: 'warning',
      message: { text: `The exception for ${e.ruleId} at ${e.origin} expired on ${e.expires}; it no longer waives anything (it matched ${e.matched} finding(s)).` },
      descriptor: { id: 'exception-expired' },
    });
  }
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'rampart',
            semanticVersion: report.tool.version,
            version: report.tool.version,
            rules,
          },
        },
        invocations: [
          {
            executionSuccessful: !report.diagnostics.some((d) => d.level === 'error') && !report.findings.some((f) => f.status === 'error'),
            endTimeUtc: report.generatedAt,
            toolExecutionNotifications: execution,
            toolConfigurationNotifications: configuration,
          },
        ],
        originalUriBaseIds: { [SRCROOT]: { uri: pathToFileURL(root.endsWith(path.sep) ? root : root + path.sep).href } },
        columnKind: 'utf16CodeUnits',
        results,
        properties: { reportSchemaVersion: report.schemaVersion, target: report.target, summary: report.summary },
      },
    ],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}

export const sarifReporter: Reporter = {
  description: 'SARIF 2.1.0, for GitHub code scanning and SARIF viewers',
  extension: 'sarif',
  render: (report, options) => renderSarif(report, options),
};
