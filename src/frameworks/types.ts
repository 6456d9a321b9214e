/**
 * Frameworks are data (`frameworks/*.yaml`): controls, and the rule results that decide each one.
 * A control names rules by id (`pss-privileged`), or a benchmark check as
 * `{ rule: "*", benchmark: cis-ck8s, checkId: "1.2.1" }`: a finding of any rule (or of `rule`, when
 * not `*`) whose `properties.checkId` is `checkId` and `properties.benchmark` is `benchmark`, or
 * whose `properties[benchmark]` lists `checkId` (node findings list their STIG V-ids as `stig: [...]`).
 */
export interface RuleRef {
  rule: string;
  /** Benchmark the check id belongs to (`cis-ck8s`, `cis-kubeadm`, `stig`). */
  benchmark?: string;
  /** Only findings that carry this check id (node benchmark checks). */
  checkId?: string;
}

export type Assessment = 'automated' | 'manual';

export interface Control {
  id: string;
  title: string;
  section: string;
  /** How the benchmark itself classes the control; Rampart may still automate a `manual` one. */
  assessment: Assessment;
  severity?: string;
  /** `not-applicable` for controls the profile declares out of scope. */
  applicability?: 'not-applicable';
  rules: RuleRef[];
}

export interface Framework {
  id: string;
  name: string;
  version: string;
  source: string;
  description: string;
  sections: Record<string, string>;
  controls: Control[];
  /** File it was loaded from. */
  file: string;
}

/**
 * `pass`: rules ran and nothing failed; `fail`: an open failing finding; `waived`: every failing
 * finding is waived; `manual`: needs a person (no rule decides it); `not-applicable`: out of scope
 * or nothing to check; `not-assessed`: the deciding rules did not run in this scan.
 */
export const CONTROL_STATUSES = ['pass', 'fail', 'waived', 'manual', 'not-applicable', 'not-assessed'] as const;
export type ControlStatus = (typeof CONTROL_STATUSES)[number];

export type StatusCounts = Record<ControlStatus, number>;

export interface ControlResult {
  id: string;
  title: string;
  section: string;
  status: ControlStatus;
  severity?: string;
  rules: RuleRef[];
  /** Fingerprints of the open failing findings that decide `fail`. */
  failing: string[];
  /** Fingerprints of waived failing findings. */
  waived: string[];
  /** How many findings (any status) and checked targets the control's rules produced. */
  evidence: { findings: number; checked: number; rulesRun: string[]; rulesMissing: string[] };
}

export interface SectionResult {
  id: string;
  title: string;
  /** Percentage of decided controls that pass (waived and undecided ones excluded); null when none decided. */
  score: number | null;
  counts: StatusCounts;
}

export interface FrameworkResult {
  id: string;
  name: string;
  version: string;
  score: number | null;
  counts: StatusCounts;
  sections: SectionResult[];
  controls: ControlResult[];
}

/** What `report.extensions.frameworks` holds. */
export interface FrameworksExtension {
  frameworks: FrameworkResult[];
}
