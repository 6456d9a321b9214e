/**
 * Pod Security levels and policy versions, parsed as the admission plugin parses its labels
 * (k8s.io/pod-security-admission/api): a level is `privileged`, `baseline` or `restricted`; a
 * version is `latest` or `v1.N` (no leading zeros).
 */

export const PSS_LEVELS = ['privileged', 'baseline', 'restricted'] as const;
export type PssLevel = (typeof PSS_LEVELS)[number];
/** Levels that own checks. */
export type CheckLevel = Exclude<PssLevel, 'privileged'>;

/**
 * The newest policy version any check defines (sysctls gained a revision in v1.37). `latest`, and
 * any version above it, evaluates as this one, as upstream clamps to the registry's maximum.
 */
export const LATEST_MINOR = 37;

export interface PolicyVersion {
  /** Minor version (major is always 1). For `latest` it is {@link LATEST_MINOR}. */
  minor: number;
  latest: boolean;
}

export class PssParseError extends Error {}

const VERSION_RE = /^v1\.(0|[1-9][0-9]*)$/;

export function parseLevel(text: string): PssLevel {
  if ((PSS_LEVELS as readonly string[]).includes(text)) return text as PssLevel;
  throw new PssParseError(`invalid Pod Security level "${text}": must be one of ${PSS_LEVELS.join(', ')}`);
}

export function parseVersion(text: string | PolicyVersion): PolicyVersion {
  if (typeof text !== 'string') return text;
  if (text === 'latest') return { minor: LATEST_MINOR, latest: true };
  const m = VERSION_RE.exec(text);
  if (!m) throw new PssParseError(`invalid Pod Security version "${text}": must be "latest" or "v1.x"`);
  return { minor: Number(m[1]), latest: false };
}

export function formatVersion(v: PolicyVersion): string {
  return v.latest ? 'latest' : `v1.${v.minor}`;
}

/** The minor version whose checks apply: `latest` and future versions clamp to {@link LATEST_MINOR}. */
export function effectiveMinor(v: PolicyVersion): number {
  return v.latest ? LATEST_MINOR : Math.min(v.minor, LATEST_MINOR);
}

/** -1, 0 or 1 as `a` is less strict than, as strict as, or stricter than `b`. */
export function compareLevels(a: PssLevel, b: PssLevel): number {
  return Math.sign(PSS_LEVELS.indexOf(a) - PSS_LEVELS.indexOf(b));
}
