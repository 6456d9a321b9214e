import { formatLevelVersion, PSS_MODES, type LevelVersion, type PssMode, type PssPolicy } from './labels.js';
import { evaluatePod, type CheckId, type CheckResult } from './registry.js';
import { formatVersion } from './version.js';

export interface PolicyViolation {
  result: CheckResult;
  /** `enforce` violations deny the pod; `warn`/`audit` ones are only reported. */
  mode: PssMode;
  /** Every mode under which this check fails (enforce first). */
  modes: PssMode[];
  /** The level and version that found it, e.g. `restricted:latest`. */
  policy: string;
  version: string;
}

/**
 * Evaluates a pod under each mode of a namespace policy. A check that fails under `enforce` is
 * reported once, as enforce; checks that fail only under `warn` or `audit` (a stricter level or
 * another version) are reported once, under the first of those modes.
 */
export function evaluatePolicy(meta: unknown, spec: unknown, policy: PssPolicy): PolicyViolation[] {
  const byCheck = new Map<CheckId, PolicyViolation>();
  for (const mode of ['enforce', 'warn', 'audit'] as const satisfies readonly PssMode[]) {
    const lv: LevelVersion = policy[mode];
    if (lv.level === 'privileged') continue;
    for (const result of evaluatePod(meta, spec, lv.level, lv.version)) {
      if (result.allowed) continue;
      const seen = byCheck.get(result.check);
      if (seen) {
        if (!seen.modes.includes(mode)) seen.modes.push(mode);
        continue;
      }
      byCheck.set(result.check, { result, mode, modes: [mode], policy: formatLevelVersion(lv), version: formatVersion(lv.version) });
    }
  }
  return [...byCheck.values()];
}

export { PSS_MODES };
