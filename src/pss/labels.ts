import { compareLevels, formatVersion, parseLevel, parseVersion, PssParseError, type PolicyVersion, type PssLevel } from './version.js';

/** Namespace labels read by the Pod Security admission plugin. */
export const PSS_LABELS = {
  enforce: 'pod-security.kubernetes.io/enforce',
  enforceVersion: 'pod-security.kubernetes.io/enforce-version',
  audit: 'pod-security.kubernetes.io/audit',
  auditVersion: 'pod-security.kubernetes.io/audit-version',
  warn: 'pod-security.kubernetes.io/warn',
  warnVersion: 'pod-security.kubernetes.io/warn-version',
} as const;

export type PssMode = 'enforce' | 'audit' | 'warn';
export const PSS_MODES: readonly PssMode[] = ['enforce', 'audit', 'warn'];

export interface LevelVersion {
  level: PssLevel;
  version: PolicyVersion;
}

export type PssPolicy = Record<PssMode, LevelVersion>;

export interface LabelError {
  label: string;
  value: string;
  message: string;
}

export interface ResolvedPolicy {
  policy: PssPolicy;
  /** Labels whose values could not be read; the policy holds the plugin's fallback for each. */
  errors: LabelError[];
}

/**
 * Resolves a namespace's labels to the policy of each mode, as `api.PolicyToEvaluate` does: a
 * missing label keeps the default; an unreadable enforce level becomes `restricted` (fail closed),
 * an unreadable audit or warn level becomes `privileged` (fail open), and an unreadable version
 * becomes `latest`.
 */
export function resolvePolicy(labels: Record<string, unknown> | undefined, defaults: PssPolicy): ResolvedPolicy {
  const policy: PssPolicy = { enforce: { ...defaults.enforce }, audit: { ...defaults.audit }, warn: { ...defaults.warn } };
  const errors: LabelError[] = [];
  if (!labels) return { policy, errors };
  const read = <T>(label: string, parse: (s: string) => T, fallback: T): T | undefined => {
    if (!Object.prototype.hasOwnProperty.call(labels, label)) return undefined;
    const raw = labels[label];
    const value = typeof raw === 'string' ? raw : String(raw);
    try {
      return parse(value);
    } catch (err) {
      if (!(err instanceof PssParseError)) throw err;
      errors.push({ label, value, message: err.message });
      return fallback;
    }
  };
  const latest = parseVersion('latest');
  const modes: [PssMode, string, string, PssLevel][] = [
    ['enforce', PSS_LABELS.enforce, PSS_LABELS.enforceVersion, 'restricted'],
    ['audit', PSS_LABELS.audit, PSS_LABELS.auditVersion, 'privileged'],
    ['warn', PSS_LABELS.warn, PSS_LABELS.warnVersion, 'privileged'],
  ];
  for (const [mode, levelLabel, versionLabel, fallbackLevel] of modes) {
    const level = read(levelLabel, parseLevel, fallbackLevel);
    if (level !== undefined) policy[mode].level = level;
    const version = read(versionLabel, parseVersion, latest);
    if (version !== undefined) policy[mode].version = version;
  }
  return { policy, errors };
}

/** The policy a scan assumes where a namespace has no labels: enforce at the given level, no warn or audit. */
export function defaultPolicy(level: PssLevel, version: string | PolicyVersion): PssPolicy {
  const v = parseVersion(version);
  const privileged: LevelVersion = { level: 'privileged', version: parseVersion('latest') };
  return { enforce: { level, version: v }, audit: { ...privileged }, warn: { ...privileged } };
}

/** `baseline:v1.29`, as the plugin names a policy in its messages. */
export function formatLevelVersion(lv: LevelVersion): string {
  return `${lv.level}:${formatVersion(lv.version)}`;
}

export function isStricter(a: PssLevel, b: PssLevel): boolean {
  return compareLevels(a, b) > 0;
}
