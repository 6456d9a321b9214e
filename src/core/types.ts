/**
 * The data model every room shares. Collectors produce an {@link Inventory}; the engine turns it
 * into a {@link ScanResult}; reporters, the store and the server read only these types.
 */

/** Ordered from most to least severe. */
export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

/**
 * `pass` and `fail` are the usual outcomes; `warn` is a violation that is reported but not enforced
 * (e.g. a Pod Security `warn` label), `manual` needs a person, `not-applicable` did not apply,
 * `skipped` could not be judged for lack of data (e.g. a 403), `error` means the check itself failed.
 */
export const STATUSES = ['pass', 'fail', 'warn', 'manual', 'not-applicable', 'skipped', 'error'] as const;
export type Status = (typeof STATUSES)[number];

export type PathSegment = string | number;

/** 1-based line and column, as editors and SARIF count them. */
export interface Position {
  line: number;
  column: number;
}

export type Origin = 'file' | 'stdin' | 'cluster' | 'snapshot' | 'node' | 'image' | 'admission' | 'builtin';

/** Where a resource came from. Only the fields that apply to its origin are set. */
export interface Provenance {
  origin: Origin;
  /** Path of the file as the user named it (relative paths stay relative). `-` for stdin. */
  file?: string;
  /** 0-based index of the YAML document within the file (or of the item within a List). */
  documentIndex?: number;
  /** Line of the document's first line within the file. */
  line?: number;
  cluster?: string;
  uid?: string;
  image?: string;
  nodeRoot?: string;
}

/** Finds the position of a field of the resource's object, for findings that point at a line. */
export type Locator = (path: readonly PathSegment[]) => Position | undefined;

export type KubeObject = Record<string, any>;

export interface Resource {
  apiVersion: string;
  kind: string;
  name: string;
  namespace?: string;
  /** The object exactly as read (for a List item: the item). Never mutated by rules. */
  object: KubeObject;
  source: Provenance;
  /** Absent for resources whose origin has no text positions (cluster, admission). */
  locate?: Locator;
}

export interface Diagnostic {
  level: 'error' | 'warning' | 'info';
  /** Stable machine-readable code, e.g. `yaml-syntax`, `file-too-large`. */
  code: string;
  message: string;
  file?: string;
  line?: number;
  column?: number;
}

export interface InventoryStats {
  files: number;
  documents: number;
  resources: number;
  bytes: number;
  /** Documents with a kind no rule looks at, counted by kind. */
  ignoredKinds: Record<string, number>;
}

export interface Inventory {
  resources: Resource[];
  diagnostics: Diagnostic[];
  stats: InventoryStats;
  /** Facts about the source as a whole (cluster name, server version, node root, ...). */
  context?: Record<string, unknown>;
}

export interface ResourceRef {
  apiVersion: string;
  kind: string;
  name: string;
  namespace?: string;
}

export interface Location {
  file?: string;
  line?: number;
  column?: number;
  /** Dotted path of the field within the resource, e.g. `spec.containers[0].image`. */
  path?: string;
  documentIndex?: number;
}

/** A recorded reason that a finding is accepted (an exception, waiver or annotation). */
export interface Waiver {
  source: 'config' | 'annotation' | 'exceptions-file';
  justification: string;
  acceptedBy?: string;
  expires?: string;
  /** Where the waiver itself is written. */
  origin?: string;
}

export interface Finding {
  ruleId: string;
  /** The rule's message id, so that tools can group without parsing prose. */
  messageId: string;
  severity: Severity;
  status: Status;
  title: string;
  message: string;
  resource: ResourceRef;
  location: Location;
  /** Provenance of the resource (file, cluster, node root, image). */
  source: Provenance;
  /** Facts that prove the finding: the actual value, the expected one, the flag, the file... */
  evidence?: Record<string, unknown>;
  /** Extra, rule-specific structured data (e.g. the PSS level and check id). */
  properties?: Record<string, unknown>;
  remediation?: string;
  /** Set when an exception or annotation waives this finding; it stays in the report. */
  waiver?: Waiver;
  /** Stable identity of the finding across scans: rule + resource + path. */
  fingerprint: string;
}

export interface RuleSummary {
  ruleId: string;
  severity: Severity;
  /** Resources (or other targets) the rule looked at. */
  checked: number;
  failed: number;
  warned: number;
  errors: number;
  waived: number;
}

export interface ScanSummary {
  resources: number;
  findings: number;
  bySeverity: Record<Severity, number>;
  byStatus: Record<Status, number>;
  waived: number;
  rulesRun: number;
}

export interface ScanResult {
  findings: Finding[];
  rules: RuleSummary[];
  summary: ScanSummary;
  diagnostics: Diagnostic[];
  stats: InventoryStats;
  context?: Record<string, unknown>;
  /** Exceptions in force (and those that expired), listed so that nothing is silently dropped. */
  exceptions: ExceptionRecord[];
}

export interface ExceptionRecord {
  ruleId: string;
  selector: Record<string, unknown>;
  justification: string;
  acceptedBy?: string;
  expires?: string;
  expired: boolean;
  /** How many findings it waived in this scan. */
  matched: number;
  origin: string;
}

export function severityRank(s: Severity): number {
  return SEVERITIES.indexOf(s);
}

/** True when `s` is at least as severe as `threshold`. */
export function atLeast(s: Severity, threshold: Severity): boolean {
  return severityRank(s) <= severityRank(threshold);
}
