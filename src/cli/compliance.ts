import { promises as fs } from 'node:fs';
import type { Command } from 'commander';
import type { RampartConfig } from '../config/config.js';
import { atLeast, type Severity } from '../core/types.js';
import { openFindings, type Report } from '../reporters/report.js';
import { builtinRules } from '../rules/index.js';
import { EXIT, UserError } from './errors.js';
import { stderr } from './io.js';

/**
 * The compliance options every scanning command shares: `--framework`, `--exceptions`,
 * `--baseline`, `--store`. A scanning command calls {@link addComplianceOptions} on its command and
 * {@link applyComplianceOptions} on its report before emitting it.
 */
export interface ComplianceFlags {
  framework?: string[];
  exceptions?: string;
  baseline?: string;
  store?: string | boolean;
  cluster?: string;
}

export function addComplianceOptions(cmd: Command): Command {
  return cmd
    .option('--framework <ids...>', 'assess these frameworks (see rampart frameworks list; default: all)')
    .option('--exceptions <file>', 'exceptions (waivers) file: rule or control, resources, justification, acceptedBy, expires')
    .option('--baseline <report.json>', 'a previous JSON report: only findings not in it count for --fail-on')
    .option('--store [url]', 'store the scan: SQLite file (default under the XDG data folder) or postgres://… URL')
    .option('--cluster <name>', 'name to file the stored scan under (default: the cluster context, or the scanned paths)');
}

export async function readJsonReport(file: string): Promise<Report> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (err) {
    throw new UserError(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}`);
  }
  let json: any;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new UserError(`${file} is not JSON: ${(err as Error).message}`);
  }
  if (!json || typeof json !== 'object' || !Array.isArray(json.findings) || typeof json.schemaVersion !== 'string') throw new UserError(`${file} is not a Rampart JSON report (made with --format json)`);
  return json as Report;
}

/** Applies exceptions, frameworks and baseline to the report; returns what the exit code needs. */
export async function applyComplianceOptions(report: Report, flags: ComplianceFlags, _config?: RampartConfig): Promise<{ baseline?: Set<string> }> {
  const { applyCompliance, loadExceptionsFile, loadFrameworks } = await import('../frameworks/index.js');
  // The name the user gives is part of the report, so that diffs of report files agree with the store.
  if (flags.cluster) report.context = { ...report.context, cluster: flags.cluster };
  const loaded = loadFrameworks();
  report.diagnostics.push(...loaded.diagnostics);
  let exceptions: Awaited<ReturnType<typeof loadExceptionsFile>>['exceptions'] = [];
  if (flags.exceptions) {
    const ids = new Set(builtinRules.flatMap((r) => [r.id, ...(r.aliases ?? [])]));
    const res = await loadExceptionsFile(flags.exceptions, { ruleIds: ids, frameworks: loaded.frameworks });
    if (res.diagnostics.some((d) => d.code === 'exceptions-unreadable')) throw new UserError(res.diagnostics[0]!.message);
    report.diagnostics.push(...res.diagnostics);
    exceptions = res.exceptions;
  }
  try {
    applyCompliance(report, { frameworks: (flags.framework ?? []).flatMap((f) => f.split(',')).map((s) => s.trim()).filter(Boolean), exceptions, available: loaded.frameworks });
  } catch (err) {
    if (err instanceof RangeError) throw new UserError(err.message);
    throw err;
  }
  let baseline: Set<string> | undefined;
  if (flags.baseline) {
    const { baselineFingerprints } = await import('../store/diff.js');
    baseline = baselineFingerprints(await readJsonReport(flags.baseline));
    const open = openFindings(report);
    const fresh = open.filter((f) => !baseline!.has(f.fingerprint));
    for (const f of open) (f.properties ??= {}).baseline = baseline.has(f.fingerprint) ? 'existing' : 'new';
    (report.extensions ??= {}).baseline = { file: flags.baseline, new: fresh.length, existing: open.length - fresh.length };
  }
  return { baseline };
}

/** Stores the report when `--store` was given; prints where it went on standard error. */
export async function storeIfAsked(report: Report, flags: ComplianceFlags): Promise<void> {
  if (flags.store === undefined || flags.store === false) return;
  const { openStore, defaultStoreUrl, StoreError } = await import('../store/index.js');
  const url = typeof flags.store === 'string' ? flags.store : defaultStoreUrl();
  let store;
  try {
    store = await openStore(url);
  } catch (err) {
    if (err instanceof StoreError) throw new UserError(err.message);
    throw err;
  }
  try {
    const meta = await store.saveScan(report, { cluster: flags.cluster });
    stderr(`rampart: stored scan ${meta.id} (${meta.cluster}) in ${store.location}`);
  } finally {
    await store.close();
  }
}

/** Like exitCodeFor, but with a baseline only findings absent from it count. */
export function exitCodeWithBaseline(report: Report, failOn: Severity | 'none', baseline: Set<string> | undefined): number {
  if (report.diagnostics.some((d) => d.level === 'error')) return EXIT.usage;
  if (failOn === 'none') return EXIT.ok;
  return openFindings(report).some((f) => f.status === 'fail' && atLeast(f.severity, failOn) && !baseline?.has(f.fingerprint)) ? EXIT.findings : EXIT.ok;
}
