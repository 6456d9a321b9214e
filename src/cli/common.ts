import { Option, type Command } from 'commander';
import { emptyConfig, findConfigFile, loadConfigFile, type RampartConfig } from '../config/config.js';
import { SEVERITIES, atLeast, type Diagnostic, type Severity } from '../core/types.js';
import { formatNames, loadReporter } from '../reporters/index.js';
import { openFindings, type Report } from '../reporters/report.js';
import { builtinRules } from '../rules/index.js';
import { EXIT, UserError } from './errors.js';
import { stderr, wantsColor, writeOutput } from './io.js';

export interface OutputFlags {
  format?: string;
  output?: string;
  failOn?: string;
  color?: boolean;
  verbose?: boolean;
}

export interface ConfigFlags {
  config?: string | false;
}

/** `-f/--format`, `-o/--output`, `--fail-on`, `--no-color`, `-v/--verbose`: the same on every command that reports. */
export function addOutputOptions(cmd: Command): Command {
  return cmd
    .addOption(new Option('-f, --format <format>', `output format: ${formatNames().join(', ')} (default: table on a terminal, json otherwise when -o is a .json file)`))
    .option('-o, --output <file>', 'write the report to a file instead of standard output')
    .addOption(
      new Option('--fail-on <severity>', 'exit 1 when a finding at or above this severity is open').choices([...SEVERITIES, 'none']),
    )
    .option('--no-color', 'plain text even on a terminal (NO_COLOR works too)')
    .option('-v, --verbose', 'also show info findings, passes and waived findings');
}

export function addConfigOption(cmd: Command): Command {
  return cmd.option('-c, --config <file>', 'configuration file (default: .rampart.yaml found upward from the first path)').option('--no-config', 'ignore .rampart.yaml');
}

/** Finds and loads the configuration; its problems come back as diagnostics for the report. */
export async function loadConfigFor(flags: ConfigFlags, start: string): Promise<{ config: RampartConfig; diagnostics: Diagnostic[] }> {
  if (flags.config === false) return { config: emptyConfig(), diagnostics: [] };
  const ids = new Set(builtinRules.flatMap((r) => [r.id, ...(r.aliases ?? [])]));
  if (typeof flags.config === 'string') {
    const loaded = await loadConfigFile(flags.config, ids);
    if (loaded.diagnostics.some((d) => d.code === 'config-unreadable')) throw new UserError(loaded.diagnostics[0]!.message);
    return loaded;
  }
  const found = await findConfigFile(start === '-' ? process.cwd() : start);
  return found ? loadConfigFile(found, ids) : { config: emptyConfig(), diagnostics: [] };
}

function inferFormat(flags: OutputFlags): string {
  if (flags.format) return flags.format;
  const out = flags.output ?? '';
  if (out.endsWith('.json')) return 'json';
  if (out.endsWith('.sarif')) return 'sarif';
  if (out.endsWith('.xml')) return 'junit';
  if (out.endsWith('.md')) return 'markdown';
  if (out.endsWith('.html')) return 'html';
  return 'table';
}

/** Refuses an unknown format before any work is done (a cluster scan can take a while). */
export function checkFormat(flags: OutputFlags): void {
  const format = inferFormat(flags);
  if (!formatNames().includes(format)) throw new UserError(`unknown format "${format}"; choose one of ${formatNames().join(', ')}`);
}

/** Renders in the chosen format and writes to the file or standard output. */
export async function emitReport(report: Report, flags: OutputFlags): Promise<void> {
  const format = inferFormat(flags);
  const reporter = await loadReporter(format);
  if (!reporter) throw new UserError(`unknown format "${format}"; choose one of ${formatNames().join(', ')}`);
  const toTerminal = !flags.output || flags.output === '-';
  const text = await reporter.render(report, {
    color: wantsColor(toTerminal, flags.color),
    verbose: Boolean(flags.verbose),
    width: process.stdout.columns,
  });
  await writeOutput(flags.output, text);
  // The table shows problems with the input itself; with any other format, or a file, they would
  // be invisible on the terminal, and an exit code of 2 without a word helps nobody.
  if (format !== 'table' || !toTerminal) writeDiagnostics(report);
}

/** Input errors and warnings on standard error, one line each, as `file:line:column: message`. */
export function writeDiagnostics(report: Report): void {
  for (const d of report.diagnostics) {
    if (d.level === 'info') continue;
    const at = d.file ? `${d.file}${d.line ? `:${d.line}` : ''}${d.column ? `:${d.column}` : ''}: ` : '';
    const msg = d.file && d.message.startsWith(`${d.file}: `) ? d.message.slice(d.file.length + 2) : d.message;
    stderr(`rampart: ${d.level}: ${at}${msg}`);
  }
}

/** 2 for input errors, else 1 when an open finding reaches the threshold, else 0. */
export function exitCodeFor(report: Report, failOn: Severity | 'none'): number {
  if (report.diagnostics.some((d) => d.level === 'error')) return EXIT.usage;
  if (failOn === 'none') return EXIT.ok;
  return openFindings(report).some((f) => f.status === 'fail' && atLeast(f.severity, failOn)) ? EXIT.findings : EXIT.ok;
}

export function splitList(values: string[] | undefined): string[] {
  return (values ?? []).flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
}
