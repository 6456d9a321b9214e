import type { ExceptionRule } from '../core/exceptions.js';
import type { Report } from '../reporters/report.js';
import { assessFrameworks } from './assess.js';
import { applyReportExceptions } from './exceptions.js';
import { loadFrameworks } from './load.js';
import type { Framework, FrameworksExtension } from './types.js';

export * from './types.js';
export { assessFrameworks, frameworksOf, scoreOf } from './assess.js';
export { coverageOf, findFramework, frameworksDir, loadFrameworks, unmappedRules } from './load.js';
export { applyReportExceptions, loadExceptionsFile, parseExceptionsFile, CONTROL_PREFIX } from './exceptions.js';

export interface ComplianceOptions {
  /** Framework ids to assess; all when empty. */
  frameworks?: readonly string[];
  /** Extra exceptions (an exceptions file); control exceptions from `.rampart.yaml` are already in the report. */
  exceptions?: readonly ExceptionRule[];
  now?: Date;
  /** Frameworks to use instead of the shipped ones (tests, custom folders). */
  available?: readonly Framework[];
}

/**
 * Applies exceptions, then decides every control of the chosen frameworks and stores the result
 * in `report.extensions.frameworks`. Unknown framework ids throw (the CLI turns that into a usage error).
 */
export function applyCompliance(report: Report, options: ComplianceOptions = {}): FrameworksExtension {
  const available = options.available ?? loadFrameworks().frameworks;
  const wanted = options.frameworks?.length ? options.frameworks : available.map((f) => f.id);
  const chosen = wanted.map((id) => {
    const fw = available.find((f) => f.id === id);
    if (!fw) throw new RangeError(`unknown framework "${id}"; known: ${available.map((f) => f.id).join(', ')}`);
    return fw;
  });
  applyReportExceptions(report, options.exceptions ?? [], available, options.now ?? new Date(report.generatedAt));
  const ext: FrameworksExtension = { frameworks: assessFrameworks(report, chosen) };
  (report.extensions ??= {}).frameworks = ext;
  return ext;
}
