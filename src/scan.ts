import { collectManifests, type CollectOptions } from './collectors/manifests/collect.js';
import { emptyConfig, type RampartConfig } from './config/config.js';
import { evaluate } from './core/engine.js';
import type { Rule, RuleSettings } from './core/rule.js';
import type { Inventory, ScanResult, Severity } from './core/types.js';
import { rbacReportExtension } from './rbac/extension.js';
import { buildReport, type Report, type ScanTarget } from './reporters/report.js';
import { builtinRules } from './rules/index.js';

export interface RuleSelection {
  /** Areas (`pss`, `workload`, ...) or rule ids; only these run. */
  only?: readonly string[];
  /** Areas or rule ids that do not run. */
  skip?: readonly string[];
  /** Runs rules that are off by default as well. */
  all?: boolean;
}

/** The rules a scan runs: the configuration's choices, then `--only`/`--skip` on top. */
export function selectRules(rules: readonly Rule[], config: RampartConfig, selection: RuleSelection = {}): Rule[] {
  const matches = (r: Rule, names: readonly string[]) => names.some((n) => n === r.area || n === r.id || r.aliases?.includes(n));
  return rules.filter((r) => {
    if (selection.only?.length && !matches(r, selection.only)) return false;
    if (selection.skip?.length && matches(r, selection.skip)) return false;
    const rc = config.rules[r.id];
    if (rc?.enabled !== undefined) return rc.enabled;
    // Naming a rule in --only turns it on even when it is off by default.
    if (selection.only?.includes(r.id)) return true;
    return selection.all || r.defaultEnabled !== false;
  });
}

export interface EvaluateInventoryOptions {
  config?: RampartConfig;
  selection?: RuleSelection;
  settings?: Partial<RuleSettings>;
  rules?: readonly Rule[];
}

/** Evaluates an inventory with the configuration's rules, severities, options and exceptions. */
export function evaluateInventory(inventory: Inventory, options: EvaluateInventoryOptions = {}): { result: ScanResult; rules: Rule[] } {
  const config = options.config ?? emptyConfig();
  const rules = selectRules(options.rules ?? builtinRules, config, options.selection);
  const severityOverrides: Record<string, Severity> = {};
  const ruleOptions: Record<string, Record<string, unknown>> = {};
  for (const [id, rc] of Object.entries(config.rules)) {
    if (rc.severity) severityOverrides[id] = rc.severity;
    if (rc.options) ruleOptions[id] = rc.options;
  }
  const settings: Partial<RuleSettings> = {
    ...(config.pss?.level ? { pssLevel: config.pss.level } : {}),
    ...(config.pss?.version ? { pssVersion: config.pss.version } : {}),
    options: ruleOptions,
    ...options.settings,
  };
  const result = evaluate(inventory, rules, { settings, severityOverrides, exceptions: config.exceptions });
  return { result, rules };
}

export interface ScanManifestsOptions extends EvaluateInventoryOptions, CollectOptions {
  version?: string;
}

/**
 * Scans manifest files, folders or `-` (stdin) and returns the JSON report.
 * The library entry point behind `rampart scan`.
 */
export async function scanManifests(paths: readonly string[], options: ScanManifestsOptions = {}): Promise<Report> {
  const inventory = await collectManifests(paths, options);
  const { result, rules } = evaluateInventory(inventory, options);
  // A scan of cluster snapshots only is reported as such (rampart snapshot, then rampart scan FILE.json.gz).
  const snapshots = paths.length > 0 && paths.every((p) => p.toLowerCase().endsWith('.json.gz'));
  const target: ScanTarget = { kind: snapshots ? 'snapshot' : 'manifests', inputs: [...paths] };
  const report = buildReport(result, rules, {
    version: options.version ?? '0.0.0',
    target,
    settings: {
      pssLevel: options.settings?.pssLevel ?? options.config?.pss?.level ?? 'restricted',
      pssVersion: options.settings?.pssVersion ?? options.config?.pss?.version ?? 'latest',
      config: options.config?.file,
    },
    now: options.settings?.now,
  });
  const reported = new Set(result.findings.filter((f) => f.ruleId === 'rbac-escalation-path').map((f) => (f.properties?.rbacPath as { from?: string } | undefined)?.from ?? ''));
  const rbac = rbacReportExtension(inventory, rules, Object.fromEntries(Object.entries(options.config?.rules ?? {}).map(([id, rc]) => [id, rc.options ?? {}])), reported);
  if (rbac) (report.extensions ??= {}).rbac = rbac;
  return report;
}
