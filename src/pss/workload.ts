import { formatLevelVersion, PSS_MODES, type LevelVersion, type PssMode, type PssPolicy } from './labels.js';
import { evaluatePod, type CheckId, type CheckResult } from './registry.js';
import { obj } from './pod.js';
import { effectiveMinor, formatVersion } from './version.js';

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
 *
 * Under restricted, upstream replaces four baseline checks by stricter ones (hostPathVolumes by
 * restrictedVolumes, capabilities_baseline by capabilities_restricted, ...). The pod is denied
 * either way, but a hostPath or an added SYS_ADMIN is a baseline violation, and is reported as
 * one too (level `baseline`), so that its severity and the level it breaks are not hidden.
 */
export function evaluatePolicy(meta: unknown, spec: unknown, policy: PssPolicy): readonly PolicyViolation[] {
  const specKey = obj(spec) ?? NO_SPEC;
  const metaKey = obj(meta) ?? NO_META;
  const key = PSS_MODES.map((m) => `${policy[m].level}@${effectiveMinor(policy[m].version)}${policy[m].version.latest ? 'L' : ''}`).join('|');
  let bySpec = cache.get(specKey);
  if (!bySpec) cache.set(specKey, (bySpec = new WeakMap()));
  let byMeta = bySpec.get(metaKey);
  if (!byMeta) bySpec.set(metaKey, (byMeta = new Map()));
  let found = byMeta.get(key);
  if (!found) byMeta.set(key, (found = computePolicyViolations(meta, spec, policy)));
  return found;
}

// The rules of one workload ask for the same evaluation: cache it per (spec, metadata, policy).
const cache = new WeakMap<object, WeakMap<object, Map<string, PolicyViolation[]>>>();
const NO_SPEC = {};
const NO_META = {};

function computePolicyViolations(meta: unknown, spec: unknown, policy: PssPolicy): PolicyViolation[] {
  const byCheck = new Map<CheckId, PolicyViolation>();
  for (const mode of ['enforce', 'warn', 'audit'] as const satisfies readonly PssMode[]) {
    const lv: LevelVersion = policy[mode];
    if (lv.level === 'privileged') continue;
    const results = evaluatePod(meta, spec, lv.level, lv.version);
    const extra = lv.level === 'restricted' ? overriddenBaselineFailures(meta, spec, lv, results) : [];
    for (const result of [...results, ...extra]) {
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

/** Baseline failures that a restricted evaluation did not run because a restricted check overrides them. */
function overriddenBaselineFailures(meta: unknown, spec: unknown, lv: LevelVersion, restricted: readonly CheckResult[]): CheckResult[] {
  const ran = new Set(restricted.map((r) => r.check));
  return evaluatePod(meta, spec, 'baseline', lv.version).filter((r) => !r.allowed && !ran.has(r.check));
}
