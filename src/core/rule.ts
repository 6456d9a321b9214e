import type { ContainerRef, PodTemplate } from './workload.js';
import type { Inventory, KubeObject, PathSegment, Resource, Severity, Status } from './types.js';

/** The part of the product a rule belongs to; also the folder under `src/rules/`. */
export type RuleArea = 'pss' | 'workload' | 'rbac' | 'node' | 'image' | 'cloud' | 'cluster' | 'custom';

export interface PssMapping {
  level: 'baseline' | 'restricted';
  /** The upstream pod-security-admission check id, e.g. `hostNamespaces`. */
  check: string;
}

export interface ReportOptions {
  /** Path of the offending field, relative to the rule's target (see each context). */
  path?: readonly PathSegment[];
  /** Defaults to `fail`. */
  status?: Status;
  /** Overrides the rule's severity for this one finding (e.g. a critical credential). */
  severity?: Severity;
  evidence?: Record<string, unknown>;
  properties?: Record<string, unknown>;
  /** Inventory rules name the resource the finding is about; other targets imply it. */
  resource?: Resource;
  /** Replaces the rule's remediation for this finding (e.g. distribution-specific advice). */
  remediation?: string;
}

export type Report<M extends string> = (messageId: M, data?: Record<string, unknown>, options?: ReportOptions) => void;

/** Settings a rule may read; they come from the command line and `.rampart.yaml`, never from the environment. */
export interface RuleSettings {
  /** Pod Security level used for workloads whose namespace has no `enforce` label. */
  pssLevel: 'privileged' | 'baseline' | 'restricted';
  /** Pod Security version (`latest` or `v1.N`) used where the namespace does not pin one. */
  pssVersion: string;
  /** Per-rule options from `.rampart.yaml` (`rules.<id>.options`). */
  options: Record<string, Record<string, unknown>>;
  /** The scan's clock, so that expiry checks are deterministic in tests. */
  now: Date;
}

/** A namespace as the scan knows it: from a Namespace object in the input, or only by name. */
export interface NamespaceInfo {
  name: string;
  labels: Record<string, string>;
  /** The Namespace object, when it was part of the input. */
  resource?: Resource;
}

interface BaseContext<M extends string> {
  report: Report<M>;
  settings: RuleSettings;
  /** Options for this rule from the configuration (empty object when none). */
  options: Record<string, unknown>;
}

export interface ResourceContext<M extends string> extends BaseContext<M> {
  resource: Resource;
  object: KubeObject;
}

/** Paths reported from a workload context are relative to the pod template (`metadata`, `spec`). */
export interface WorkloadContext<M extends string> extends ResourceContext<M> {
  template: PodTemplate;
  containers: ContainerRef[];
  namespace: NamespaceInfo;
}

/** Paths reported from a container context are relative to the container. */
export interface ContainerContext<M extends string> extends WorkloadContext<M> {
  container: KubeObject;
  ref: ContainerRef;
}

export interface InventoryContext<M extends string> extends BaseContext<M> {
  inventory: Inventory;
  namespaces: Map<string, NamespaceInfo>;
}

interface RuleMetaBase<M extends string> {
  /** Stable kebab-case id. Renamed rules keep their old ids in `aliases`. */
  id: string;
  aliases?: string[];
  title: string;
  severity: Severity;
  area: RuleArea;
  /** Why it matters, in a few sentences. */
  description: string;
  /** What to change. */
  remediation: string;
  /** A YAML snippet that shows the fix. */
  example?: string;
  references?: string[];
  pss?: PssMapping;
  /** Message templates; `{{name}}` is replaced by `data.name`. */
  messages: Record<M, string>;
  /** Rules that are off unless enabled in the configuration (`info`-level noise, opinions). */
  defaultEnabled?: boolean;
}

export interface ResourceRule<M extends string = string> extends RuleMetaBase<M> {
  target: 'resource';
  /** Kinds the rule applies to; all kinds when absent. */
  kinds?: readonly string[];
  check(ctx: ResourceContext<M>): void;
}

export interface WorkloadRule<M extends string = string> extends RuleMetaBase<M> {
  target: 'workload';
  check(ctx: WorkloadContext<M>): void;
}

export interface ContainerRule<M extends string = string> extends RuleMetaBase<M> {
  target: 'container';
  check(ctx: ContainerContext<M>): void;
}

export interface InventoryRule<M extends string = string> extends RuleMetaBase<M> {
  target: 'inventory';
  /** Kinds the rule reads, so that the report can count the kinds no rule looks at; all kinds when absent. */
  kinds?: readonly string[];
  check(ctx: InventoryContext<M>): void;
}

export type Rule<M extends string = string> = ResourceRule<M> | WorkloadRule<M> | ContainerRule<M> | InventoryRule<M>;
export type RuleMeta = Omit<Rule, 'check'>;

/** Identity function that gives a rule its types: message ids are checked against `messages`. */
export function defineRule<M extends string>(rule: ResourceRule<M>): ResourceRule<M>;
export function defineRule<M extends string>(rule: WorkloadRule<M>): WorkloadRule<M>;
export function defineRule<M extends string>(rule: ContainerRule<M>): ContainerRule<M>;
export function defineRule<M extends string>(rule: InventoryRule<M>): InventoryRule<M>;
export function defineRule<M extends string>(rule: Rule<M>): Rule<M> {
  return rule;
}

export function formatMessage(template: string, data: Record<string, unknown> | undefined): string {
  if (!data) return template;
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, key: string) => (key in data ? String(data[key]) : whole));
}
