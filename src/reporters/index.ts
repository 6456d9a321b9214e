import type { Report } from './report.js';

export interface ReporterOptions {
  /** Colour and terminal layout (tables reporters only). */
  color: boolean;
  /** Also list passes, waived findings and info-level findings in human formats. */
  verbose: boolean;
  /** Terminal width in columns, for wrapping. */
  width?: number;
  /** Folder that relative file paths in the report are relative to (SARIF's SRCROOT); default the working directory. */
  root?: string;
}

export interface Reporter {
  /** Short description for `--help`. */
  description: string;
  /** Usual file extension of the output. */
  extension: string;
  render(report: Report, options: ReporterOptions): string | Promise<string>;
}

/**
 * Reporters by format name. Loaded lazily so that `rampart --version` and a table scan do not pay
 * for schema-heavy formats they do not print.
 */
export const reporters: Record<string, () => Promise<Reporter>> = {
  table: async () => (await import('./table.js')).tableReporter,
  json: async () => (await import('./json.js')).jsonReporter,
  cyclonedx: async () => (await import('./cyclonedx.js')).cyclonedxReporter,
  spdx: async () => (await import('./spdx.js')).spdxReporter,
  sarif: async () => (await import('./sarif.js')).sarifReporter,
  junit: async () => (await import('./junit.js')).junitReporter,
  markdown: async () => (await import('./markdown.js')).markdownReporter,
  html: async () => (await import('./html.js')).htmlReporter,
  oscal: async () => (await import('./oscal.js')).oscalReporter,
};

export function formatNames(): string[] {
  return Object.keys(reporters);
}

export async function loadReporter(name: string): Promise<Reporter | undefined> {
  const load = reporters[name];
  return load ? load() : undefined;
}
