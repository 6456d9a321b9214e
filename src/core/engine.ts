import crypto from 'node:crypto';
import { applyExceptions, type ExceptionRule } from './exceptions.js';
import { formatPath } from './paths.js';
import {
  formatMessage,
  type InventoryContext,
  type NamespaceInfo,
  type ReportOptions,
  type Rule,
  type RuleSettings,
} from './rule.js';
import {
  SEVERITIES,
  STATUSES,
  type Finding,
  type Inventory,
  type PathSegment,
  type Resource,
  type RuleSummary,
  type ScanResult,
  type Severity,
  type Status,
  type Waiver,
} from './types.js';
import { WORKLOAD_KINDS, containersOf, isObject, podTemplateOf } from './workload.js';

/** Annotation that exempts one resource from one rule: `rampart.dev/exempt.<rule-id>: "<reason>"`. */
export const EXEMPT_ANNOTATION_PREFIX = 'rampart.dev/exempt.';

export interface EvaluateOptions {
  settings?: Partial<RuleSettings>;
  /** Severity per rule id, replacing the rule's own. */
  severityOverrides?: Record<string, Severity>;
  exceptions?: readonly ExceptionRule[];
}

export function defaultSettings(partial: Partial<RuleSettings> = {}): RuleSettings {
  return { pssLevel: 'restricted', pssVersion: 'latest', options: {}, now: new Date(), ...partial };
}

interface Target {
  resource: Resource;
  /** Prefix that turns a path relative to the rule's target into one relative to the resource. */
  prefix: readonly PathSegment[];
}

/**
 * Runs the rules over the inventory. Pure and synchronous: the same inputs give the same result.
 * A rule that throws yields an `error` finding naming the rule and resource; the scan carries on.
 */
export function evaluate(inventory: Inventory, rules: readonly Rule[], options: EvaluateOptions = {}): ScanResult {
  const settings = defaultSettings(options.settings);
  const overrides = options.severityOverrides ?? {};
  const namespaces = indexNamespaces(inventory.resources);
  const findings: Finding[] = [];
  const summaries = new Map<string, RuleSummary>();
  for (const rule of rules) {
    summaries.set(rule.id, {
      ruleId: rule.id,
      severity: overrides[rule.id] ?? rule.severity,
      checked: 0,
      failed: 0,
      warned: 0,
      errors: 0,
      waived: 0,
    });
  }

  const byTarget = {
    resource: rules.filter((r) => r.target === 'resource'),
    workload: rules.filter((r) => r.target === 'workload'),
    container: rules.filter((r) => r.target === 'container'),
    inventory: rules.filter((r) => r.target === 'inventory'),
  };

  // Runs one rule on one target, counting it as checked and turning its reports into findings.
  const run = (rule: Rule, target: Target | undefined, invoke: (report: ReportFn) => void, waiver?: Waiver) => {
    const summary = summaries.get(rule.id)!;
    const severity = overrides[rule.id] ?? rule.severity;
    let failed = false;
    let warned = false;
    const report: ReportFn = (messageId, data, opts = {}) => {
      const resource = opts.resource ?? target?.resource;
      if (!resource) throw new Error(`rule ${rule.id} reported without naming a resource`);
      const template = (rule.messages as Record<string, string>)[messageId];
      if (template === undefined) throw new Error(`rule ${rule.id} has no message "${messageId}"`);
      const path = opts.path ? [...(opts.resource ? [] : (target?.prefix ?? [])), ...opts.path] : undefined;
      const status = opts.status ?? 'fail';
      if (status === 'fail') failed = true;
      if (status === 'warn') warned = true;
      const finding = makeFinding(rule, resource, {
        messageId,
        message: formatMessage(template, data),
        // A severity set in the configuration wins over one a rule chose for this finding.
        severity: overrides[rule.id] ?? opts.severity ?? rule.severity,
        status,
        path,
        opts,
      });
      if (waiver && status !== 'pass') finding.waiver = waiver;
      findings.push(finding);
    };
    summary.checked++;
    try {
      invoke(report);
    } catch (err) {
      summary.errors++;
      const resource = target?.resource;
      findings.push({
        ruleId: rule.id,
        messageId: 'rule-error',
        severity,
        status: 'error',
        title: rule.title,
        message: `Rule ${rule.id} failed on this resource: ${err instanceof Error ? err.message : String(err)}`,
        resource: resource ? refOf(resource) : { apiVersion: '', kind: '', name: '' },
        location: resource ? { file: resource.source.file, line: resource.source.line, documentIndex: resource.source.documentIndex } : {},
        source: resource?.source ?? { origin: 'builtin' },
        fingerprint: fingerprint(rule.id, resource, 'rule-error', undefined),
      });
    }
    if (failed) summary.failed++;
    else if (warned) summary.warned++;
  };

  for (const resource of inventory.resources) {
    for (const rule of byTarget.resource) {
      if (rule.kinds && !rule.kinds.includes(resource.kind)) continue;
      run(
        rule,
        { resource, prefix: [] },
        (report) => rule.check({ settings, resource, object: resource.object, report, options: settings.options[rule.id] ?? {} }),
        annotationWaiver(resource, rule.id, undefined),
      );
    }
    if (byTarget.workload.length === 0 && byTarget.container.length === 0) continue;
    const template = podTemplateOf(resource);
    if (!template) continue;
    const containers = containersOf(template.spec);
    const namespace = namespaceFor(resource, namespaces);
    for (const rule of byTarget.workload) {
      run(
        rule,
        { resource, prefix: template.path },
        (report) =>
          rule.check({
            settings,
            resource,
            object: resource.object,
            template,
            containers,
            namespace,
            report,
            options: settings.options[rule.id] ?? {},
          }),
        annotationWaiver(resource, rule.id, template.metadata),
      );
    }
    for (const rule of byTarget.container) {
      const waiver = annotationWaiver(resource, rule.id, template.metadata);
      for (const ref of containers) {
        run(rule, { resource, prefix: [...template.path, ...ref.path] }, (report) =>
          rule.check({
            settings,
            resource,
            object: resource.object,
            template,
            containers,
            namespace,
            container: ref.container,
            ref,
            report,
            options: settings.options[rule.id] ?? {},
          }),
          waiver,
        );
      }
    }
  }

  for (const rule of byTarget.inventory) {
    const ctx: Omit<InventoryContext<string>, 'report'> = {
      inventory,
      namespaces,
      settings,
      options: settings.options[rule.id] ?? {},
    };
    run(rule, undefined, (report) => rule.check({ ...ctx, report }));
  }

  // Annotation waivers on resources named by inventory rules are applied after the fact.
  for (const f of findings) {
    if (f.waiver || f.status === 'pass') continue;
    const res = resourceOfFinding.get(f);
    const waiver = res && annotationWaiver(res, f.ruleId, undefined);
    if (waiver) f.waiver = waiver;
  }

  const exceptions = applyExceptions(findings, options.exceptions ?? [], settings.now);
  for (const f of findings) {
    const summary = summaries.get(f.ruleId);
    if (summary && f.waiver && f.status !== 'pass') summary.waived++;
  }
  sortFindings(findings);
  return {
    findings,
    rules: [...summaries.values()],
    summary: summarize(findings, inventory.resources.length, rules.length),
    diagnostics: inventory.diagnostics,
    stats: { ...inventory.stats, ignoredKinds: countIgnoredKinds(inventory, rules) },
    context: inventory.context,
    exceptions,
  };
}

/**
 * Resources whose kind no selected rule looks at, counted by kind, added to what the collector
 * counted. Done here rather than in the collector because only the engine knows which rules run
 * (`--only pss` ignores a ClusterRole that the RBAC rules would read). One Set lookup per resource.
 */
export function countIgnoredKinds(inventory: Inventory, rules: readonly Rule[]): Record<string, number> {
  const ignored: Record<string, number> = { ...inventory.stats.ignoredKinds };
  const looked = kindsLookedAt(rules);
  if (!looked) return ignored; // a rule without a kind list reads every kind
  for (const r of inventory.resources) if (!looked.has(r.kind)) ignored[r.kind] = (ignored[r.kind] ?? 0) + 1;
  return ignored;
}

// The webhook evaluates the same rule list for every request: work out its kinds once.
const kindsCache = new WeakMap<readonly Rule[], Set<string> | null>();
function kindsLookedAt(rules: readonly Rule[]): Set<string> | null {
  let looked = kindsCache.get(rules);
  if (looked !== undefined) return looked;
  looked = new Set<string>();
  for (const rule of rules) {
    if (rule.target === 'workload' || rule.target === 'container') {
      for (const k of WORKLOAD_KINDS) looked.add(k);
      looked.add('Namespace'); // read for the Pod Security labels of the workloads' namespaces
    } else if (rule.kinds) for (const k of rule.kinds) looked.add(k);
    else {
      looked = null;
      break;
    }
  }
  kindsCache.set(rules, looked);
  return looked;
}

type ReportFn = (messageId: string, data?: Record<string, unknown>, options?: ReportOptions) => void;

const resourceOfFinding = new WeakMap<Finding, Resource>();

function makeFinding(
  rule: Rule,
  resource: Resource,
  f: {
    messageId: string;
    message: string;
    severity: Severity;
    status: Status;
    path: readonly PathSegment[] | undefined;
    opts: ReportOptions;
  },
): Finding {
  const pos = resource.locate?.(f.path ?? []);
  const dotted = f.path && f.path.length ? formatPath(f.path) : undefined;
  const finding: Finding = {
    ruleId: rule.id,
    messageId: f.messageId,
    severity: f.severity,
    status: f.status,
    title: rule.title,
    message: f.message,
    resource: refOf(resource),
    location: {
      file: resource.source.file,
      line: pos?.line ?? resource.source.line,
      column: pos?.column,
      path: dotted,
      documentIndex: resource.source.documentIndex,
    },
    source: resource.source,
    remediation: f.opts.remediation ?? rule.remediation,
    fingerprint: fingerprint(rule.id, resource, f.messageId, dotted),
  };
  if (f.opts.evidence) finding.evidence = f.opts.evidence;
  const props = { ...(rule.pss ? { pss: rule.pss } : {}), ...f.opts.properties };
  if (Object.keys(props).length) finding.properties = props;
  resourceOfFinding.set(finding, resource);
  return finding;
}

export function refOf(resource: Resource): Finding['resource'] {
  const ref: Finding['resource'] = { apiVersion: resource.apiVersion, kind: resource.kind, name: resource.name };
  if (resource.namespace !== undefined) ref.namespace = resource.namespace;
  return ref;
}

// One-shot hashing (Node >= 20.12) skips the Hash object that createHash builds per finding;
// it was the largest single cost of a finding in the scan profile. Same digest either way.
const sha256Hex: (text: string) => string =
  typeof (crypto as any).hash === 'function'
    ? (text) => (crypto as any).hash('sha256', text, 'hex') as string
    : (text) => crypto.createHash('sha256').update(text).digest('hex');

function fingerprint(ruleId: string, resource: Resource | undefined, messageId: string, dotted: string | undefined): string {
  const id = resource ? `${resource.kind}/${resource.namespace ?? ''}/${resource.name}` : '';
  return sha256Hex(`${ruleId}\0${id}\0${messageId}\0${dotted ?? ''}`).slice(0, 24);
}

function annotationsOf(obj: unknown): Record<string, unknown> | undefined {
  if (!isObject(obj)) return undefined;
  const a = (obj as any).annotations;
  return isObject(a) ? a : undefined;
}

/**
 * A resource exempted by annotation is not skipped: the rule still runs and its findings are kept,
 * marked as waived, so the report shows what the annotation hides.
 */
function annotationWaiver(resource: Resource, ruleId: string, templateMeta: unknown): Waiver | undefined {
  // Asked once per rule and resource: most resources carry no exemption at all, so say so once.
  if (!hasExemptions(resource.object.metadata) && !hasExemptions(templateMeta)) return undefined;
  const key = EXEMPT_ANNOTATION_PREFIX + ruleId;
  for (const meta of [resource.object.metadata, templateMeta]) {
    const reason = annotationsOf(meta)?.[key];
    if (typeof reason === 'string') {
      return {
        source: 'annotation',
        justification: reason.trim() || '(no reason given)',
        origin: `${resource.kind}/${resource.name} annotation ${key}`,
      };
    }
  }
  return undefined;
}

const exemptionsSeen = new WeakMap<object, boolean>();
function hasExemptions(meta: unknown): boolean {
  const annotations = annotationsOf(meta);
  if (!annotations) return false;
  let seen = exemptionsSeen.get(annotations);
  if (seen === undefined) {
    seen = Object.keys(annotations).some((k) => k.startsWith(EXEMPT_ANNOTATION_PREFIX));
    exemptionsSeen.set(annotations, seen);
  }
  return seen;
}

function indexNamespaces(resources: readonly Resource[]): Map<string, NamespaceInfo> {
  const map = new Map<string, NamespaceInfo>();
  for (const r of resources) {
    if (r.kind !== 'Namespace' || r.apiVersion !== 'v1') continue;
    const labels = isObject(r.object.metadata?.labels) ? (r.object.metadata.labels as Record<string, string>) : {};
    map.set(r.name, { name: r.name, labels, resource: r });
  }
  return map;
}

function namespaceFor(resource: Resource, namespaces: Map<string, NamespaceInfo>): NamespaceInfo {
  const name = resource.namespace ?? '';
  return namespaces.get(name) ?? { name, labels: {} };
}

function sortFindings(findings: Finding[]) {
  const rank = (s: Severity) => SEVERITIES.indexOf(s);
  findings.sort(
    (a, b) =>
      (a.source.file ?? '').localeCompare(b.source.file ?? '') ||
      (a.location.documentIndex ?? 0) - (b.location.documentIndex ?? 0) ||
      (a.location.line ?? 0) - (b.location.line ?? 0) ||
      rank(a.severity) - rank(b.severity) ||
      a.ruleId.localeCompare(b.ruleId),
  );
}

export function summarize(findings: readonly Finding[], resources: number, rulesRun: number): ScanResult['summary'] {
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  const byStatus = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<Status, number>;
  let waived = 0;
  let count = 0;
  for (const f of findings) {
    byStatus[f.status]++;
    if (f.waiver) {
      waived++;
      continue;
    }
    if (f.status === 'fail' || f.status === 'warn' || f.status === 'error') {
      bySeverity[f.severity]++;
      count++;
    }
  }
  return { resources, findings: count, bySeverity, byStatus, waived, rulesRun };
}
