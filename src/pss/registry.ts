import type { KubeObject } from '../core/types.js';
import * as b from './checks/baseline.js';
import * as r from './checks/restricted.js';
import { obj, type CheckFn, type Path } from './pod.js';
import { effectiveMinor, formatVersion, parseLevel, parseVersion, type CheckLevel, type PolicyVersion, type PssLevel } from './version.js';

export const CHECK_IDS = [
  'hostNamespaces',
  'privileged',
  'capabilities_baseline',
  'hostPathVolumes',
  'hostPorts',
  'appArmorProfile',
  'seLinuxOptions',
  'procMount',
  'seccompProfile_baseline',
  'sysctls',
  'windowsHostProcess',
  'hostProbesAndHostLifecycle',
  'restrictedVolumes',
  'allowPrivilegeEscalation',
  'runAsNonRoot',
  'runAsUser',
  'seccompProfile_restricted',
  'capabilities_restricted',
  'procMount_restricted',
] as const;
export type CheckId = (typeof CHECK_IDS)[number];

export interface VersionedCheck {
  /** First policy minor version (v1.N) this revision applies to. */
  since: number;
  fn: CheckFn;
  /** Baseline checks this restricted revision replaces when the restricted level is evaluated. */
  overrides?: readonly CheckId[];
}

export interface CheckDefinition {
  id: CheckId;
  level: CheckLevel;
  /** Revisions, oldest first. */
  versions: readonly VersionedCheck[];
}

/** The checks and their revisions as upstream registers them (policy/check_*.go). */
export const CHECKS: readonly CheckDefinition[] = [
  { id: 'hostNamespaces', level: 'baseline', versions: [{ since: 0, fn: b.hostNamespacesV1Dot0 }] },
  { id: 'privileged', level: 'baseline', versions: [{ since: 0, fn: b.privilegedV1Dot0 }] },
  { id: 'capabilities_baseline', level: 'baseline', versions: [{ since: 0, fn: b.capabilitiesBaselineV1Dot0 }] },
  { id: 'hostPathVolumes', level: 'baseline', versions: [{ since: 0, fn: b.hostPathVolumesV1Dot0 }] },
  { id: 'hostPorts', level: 'baseline', versions: [{ since: 0, fn: b.hostPortsV1Dot0 }] },
  { id: 'appArmorProfile', level: 'baseline', versions: [{ since: 0, fn: b.appArmorProfileV1Dot0 }] },
  {
    id: 'seLinuxOptions',
    level: 'baseline',
    versions: [
      { since: 0, fn: b.seLinuxOptionsV1Dot0 },
      { since: 31, fn: b.seLinuxOptionsV1Dot31 },
    ],
  },
  {
    id: 'procMount',
    level: 'baseline',
    versions: [
      { since: 0, fn: b.procMountV1Dot0 },
      { since: 35, fn: b.procMountV1Dot35 },
    ],
  },
  {
    id: 'seccompProfile_baseline',
    level: 'baseline',
    versions: [
      { since: 0, fn: b.seccompProfileBaselineV1Dot0 },
      { since: 19, fn: b.seccompProfileBaselineV1Dot19 },
    ],
  },
  {
    id: 'sysctls',
    level: 'baseline',
    versions: [
      { since: 0, fn: b.sysctlsV1Dot0 },
      { since: 27, fn: b.sysctlsV1Dot27 },
      { since: 29, fn: b.sysctlsV1Dot29 },
      { since: 32, fn: b.sysctlsV1Dot32 },
      { since: 37, fn: b.sysctlsV1Dot37 },
    ],
  },
  { id: 'windowsHostProcess', level: 'baseline', versions: [{ since: 0, fn: b.windowsHostProcessV1Dot0 }] },
  { id: 'hostProbesAndHostLifecycle', level: 'baseline', versions: [{ since: 34, fn: b.hostProbesAndHostLifecycleV1Dot34 }] },
  { id: 'restrictedVolumes', level: 'restricted', versions: [{ since: 0, fn: r.restrictedVolumesV1Dot0, overrides: ['hostPathVolumes'] }] },
  {
    id: 'allowPrivilegeEscalation',
    level: 'restricted',
    versions: [
      { since: 8, fn: r.allowPrivilegeEscalationV1Dot8 },
      { since: 25, fn: r.allowPrivilegeEscalationV1Dot25 },
    ],
  },
  {
    id: 'runAsNonRoot',
    level: 'restricted',
    versions: [
      { since: 0, fn: r.runAsNonRootV1Dot0 },
      { since: 35, fn: r.runAsNonRootV1Dot35 },
    ],
  },
  {
    id: 'runAsUser',
    level: 'restricted',
    versions: [
      { since: 23, fn: r.runAsUserV1Dot23 },
      { since: 35, fn: r.runAsUserV1Dot35 },
    ],
  },
  {
    id: 'seccompProfile_restricted',
    level: 'restricted',
    versions: [
      { since: 19, fn: r.seccompProfileRestrictedV1Dot19, overrides: ['seccompProfile_baseline'] },
      { since: 25, fn: r.seccompProfileRestrictedV1Dot25, overrides: ['seccompProfile_baseline'] },
    ],
  },
  {
    id: 'capabilities_restricted',
    level: 'restricted',
    versions: [
      { since: 22, fn: r.capabilitiesRestrictedV1Dot22, overrides: ['capabilities_baseline'] },
      { since: 25, fn: r.capabilitiesRestrictedV1Dot25, overrides: ['capabilities_baseline'] },
    ],
  },
  // Restricted keeps the unrelaxed procMount rule when baseline relaxes it for user namespaces.
  { id: 'procMount_restricted', level: 'restricted', versions: [{ since: 35, fn: b.procMountV1Dot0, overrides: ['procMount'] }] },
];

export const CHECKS_BY_ID: ReadonlyMap<CheckId, CheckDefinition> = new Map(CHECKS.map((c) => [c.id, c]));

export interface CheckResult {
  /** Upstream check id, e.g. `hostNamespaces`. */
  check: CheckId;
  /** The level the check belongs to. */
  level: CheckLevel;
  allowed: boolean;
  forbiddenReason?: string;
  forbiddenDetail?: string;
  /** Offending fields relative to the pod template (`['spec','hostNetwork']`); empty when allowed. */
  paths: Path[];
}

/** The revision of a check in force at a minor version, or undefined before its first one. */
function revisionAt(check: CheckDefinition, minor: number): VersionedCheck | undefined {
  let found: VersionedCheck | undefined;
  for (const v of check.versions) if (v.since <= minor) found = v;
  return found;
}

/** The checks a level and version evaluate, in registry order, with the revision of each. */
export function checksFor(level: PssLevel, version: PolicyVersion | string): readonly ActiveCheck[] {
  if (level === 'privileged') return [];
  const minor = effectiveMinor(parseVersion(version));
  const key = `${level}@${minor}`;
  let found = activeChecks.get(key);
  if (!found) activeChecks.set(key, (found = computeChecksFor(level, minor)));
  return found;
}

export interface ActiveCheck {
  check: CheckDefinition;
  revision: VersionedCheck;
}

// At most 2 levels x 38 versions: the table of checks in force is built once per pair.
const activeChecks = new Map<string, ActiveCheck[]>();

function computeChecksFor(level: CheckLevel, minor: number): ActiveCheck[] {
  const active = CHECKS.flatMap((check) => {
    if (check.level === 'restricted' && level !== 'restricted') return [];
    const revision = revisionAt(check, minor);
    return revision ? [{ check, revision }] : [];
  });
  const overridden = new Set(active.flatMap((a) => a.revision.overrides ?? []));
  return active.filter((a) => !overridden.has(a.check.id));
}

/** The check that judges `id` at a level and version: itself, or the restricted check that overrides it. */
export function checkInForce(id: CheckId, level: PssLevel, version: PolicyVersion | string): CheckId | undefined {
  const active = checksFor(level, version);
  if (active.some((a) => a.check.id === id)) return id;
  return active.find((a) => a.revision.overrides?.includes(id))?.check.id;
}

// Results per pod spec, then per metadata object, then per "level@minor": rules of one workload share them.
const cache = new WeakMap<object, WeakMap<object, Map<string, CheckResult[]>>>();
const EMPTY_META: KubeObject = Object.freeze({}) as KubeObject;

/**
 * Evaluates a pod (its metadata and spec) against a Pod Security level and policy version, as
 * upstream's `Evaluator.EvaluatePod` does: one result per check in force, allowed or not. A
 * privileged level returns no results. Throws on an unreadable level or version.
 * Results are cached per (spec, metadata, level, version) and must not be mutated.
 */
export function evaluatePod(meta: unknown, spec: unknown, level: PssLevel | string, version: PolicyVersion | string): readonly CheckResult[] {
  const lvl = parseLevel(level);
  const v = parseVersion(version);
  const podSpec = obj(spec) ?? {};
  const podMeta = obj(meta) ?? EMPTY_META;
  const key = `${lvl}@${effectiveMinor(v)}`;
  let bySpec = cache.get(podSpec);
  if (!bySpec) cache.set(podSpec, (bySpec = new WeakMap()));
  let byMeta = bySpec.get(podMeta);
  if (!byMeta) bySpec.set(podMeta, (byMeta = new Map()));
  const hit = byMeta.get(key);
  if (hit) return hit;
  const results = checksFor(lvl, v).map(({ check, revision }): CheckResult => {
    const violation = revision.fn(podMeta, podSpec);
    if (!violation) return { check: check.id, level: check.level, allowed: true, paths: [] };
    return {
      check: check.id,
      level: check.level,
      allowed: false,
      forbiddenReason: violation.reason,
      forbiddenDetail: violation.detail,
      paths: dedupePaths(violation.paths),
    };
  });
  byMeta.set(key, results);
  return results;
}

function dedupePaths(paths: Path[]): Path[] {
  const seen = new Set<string>();
  return paths.filter((p) => {
    const k = JSON.stringify(p);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** `host namespaces (hostNetwork=true), privileged (...)`, the plugin's aggregate message. */
export function formatViolations(results: readonly CheckResult[]): string {
  return results
    .filter((r) => !r.allowed)
    .map((r) => (r.forbiddenDetail ? `${r.forbiddenReason} (${r.forbiddenDetail})` : r.forbiddenReason))
    .join(', ');
}

export { formatVersion };
