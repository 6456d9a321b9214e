import { dump } from 'js-yaml';
import { emptyInventory, addSource } from '../collectors/manifests/collect.js';
import { evaluate, type EvaluateOptions } from '../core/engine.js';
import { parsePath } from '../core/paths.js';
import type { Rule, RuleSettings } from '../core/rule.js';
import type { Finding, KubeObject, Status } from '../core/types.js';

/**
 * Rule tests in the spirit of ESLint's RuleTester, and as strict: an invalid case lists every
 * finding it expects, a valid case may have none, unknown message ids fail, duplicate cases fail.
 * Inputs go through the real manifest parser, so reported paths are resolved to lines as in a scan.
 */

export type CaseInput = KubeObject | string;

export interface ValidCase {
  name?: string;
  input: CaseInput;
  /** Other objects in the same scan (e.g. the Namespace with its Pod Security labels). */
  with?: CaseInput[];
  settings?: Partial<RuleSettings>;
}

export interface ExpectedFinding {
  messageId: string;
  /** Dotted path within the resource, e.g. `spec.containers[0].image`. */
  path?: string;
  status?: Status;
  /** Substring the message must contain. */
  message?: string;
  /** Expected 1-based line of the finding in the YAML the tester writes (or the string input). */
  line?: number;
}

export interface InvalidCase extends ValidCase {
  errors: ExpectedFinding[];
}

export interface RuleCases {
  valid: (CaseInput | ValidCase)[];
  invalid: InvalidCase[];
}

export interface CaseFailure {
  kind: 'valid' | 'invalid';
  index: number;
  name: string;
  problem: string;
}

function normalize(c: CaseInput | ValidCase): ValidCase {
  return typeof c === 'object' && c !== null && 'input' in c && (typeof c.input === 'object' || typeof c.input === 'string')
    ? (c as ValidCase)
    : { input: c as CaseInput };
}

function toText(input: CaseInput): string {
  return typeof input === 'string' ? input : dump(input, { noRefs: true, lineWidth: -1 });
}

/** Runs one case through the real parser and engine and returns the rule's findings. */
export function runCase(rule: Rule, c: ValidCase, options: EvaluateOptions = {}): Finding[] {
  const inventory = emptyInventory();
  addSource(inventory, { name: 'case.yaml', text: toText(c.input), origin: 'file' });
  const first = inventory.resources.length;
  for (const [i, extra] of (c.with ?? []).entries()) addSource(inventory, { name: `with-${i}.yaml`, text: toText(extra), origin: 'file' });
  if (first !== 1) throw new Error(`the case input must hold exactly one object (it holds ${first})`);
  const errors = inventory.diagnostics.filter((d) => d.level === 'error');
  if (errors.length) throw new Error(`the case input does not parse: ${errors.map((d) => d.message).join('; ')}`);
  const result = evaluate(inventory, [rule], { ...options, settings: { ...c.settings, ...options.settings } });
  return result.findings.filter((f) => f.source.file === 'case.yaml' && f.status !== 'pass' && f.status !== 'not-applicable');
}

/** Checks every case and returns what went wrong (empty when the rule behaves as its cases say). */
export function verifyRuleCases(rule: Rule, cases: RuleCases): CaseFailure[] {
  const failures: CaseFailure[] = [];
  const seen = new Set<string>();
  const messageIds = new Set(Object.keys(rule.messages));
  const check = (kind: 'valid' | 'invalid', index: number, c: ValidCase, expected: ExpectedFinding[] | undefined) => {
    const name = c.name ?? `${kind} #${index + 1}`;
    const fail = (problem: string) => failures.push({ kind, index, name, problem });
    const key = JSON.stringify([c.input, c.with ?? [], c.settings ?? {}]);
    if (seen.has(key)) fail('duplicate case');
    seen.add(key);
    let findings: Finding[];
    try {
      findings = runCase(rule, c);
    } catch (err) {
      fail((err as Error).message);
      return;
    }
    const errorsFromRule = findings.filter((f) => f.status === 'error');
    if (errorsFromRule.length) fail(`the rule threw: ${errorsFromRule[0]!.message}`);
    if (!expected) {
      if (findings.length) fail(`expected no findings, got: ${findings.map((f) => `${f.messageId}@${f.location.path ?? ''}`).join(', ')}`);
      return;
    }
    if (expected.length === 0) fail('an invalid case must list the findings it expects');
    for (const e of expected) {
      if (!messageIds.has(e.messageId)) fail(`unknown message id "${e.messageId}"`);
      if (e.path !== undefined) {
        try {
          parsePath(e.path);
        } catch (err) {
          fail((err as Error).message);
        }
      }
    }
    if (findings.length !== expected.length) {
      fail(
        `expected ${expected.length} finding(s), got ${findings.length}: ${findings.map((f) => `${f.messageId}@${f.location.path ?? ''}`).join(', ')}`,
      );
      return;
    }
    expected.forEach((e, i) => {
      const f = findings[i]!;
      if (f.messageId !== e.messageId) fail(`finding ${i + 1}: message id ${f.messageId}, expected ${e.messageId}`);
      if (e.path !== undefined && f.location.path !== e.path) fail(`finding ${i + 1}: path ${f.location.path}, expected ${e.path}`);
      if (e.status !== undefined && f.status !== e.status) fail(`finding ${i + 1}: status ${f.status}, expected ${e.status}`);
      if (e.message !== undefined && !f.message.includes(e.message)) fail(`finding ${i + 1}: message "${f.message}" lacks "${e.message}"`);
      if (e.line !== undefined && f.location.line !== e.line) fail(`finding ${i + 1}: line ${f.location.line}, expected ${e.line}`);
    });
  };
  if (cases.valid.length === 0) failures.push({ kind: 'valid', index: -1, name: 'cases', problem: 'a rule needs at least one valid case' });
  if (cases.invalid.length === 0) failures.push({ kind: 'invalid', index: -1, name: 'cases', problem: 'a rule needs at least one invalid case' });
  cases.valid.forEach((c, i) => check('valid', i, normalize(c), undefined));
  cases.invalid.forEach((c, i) => check('invalid', i, c, c.errors));
  return failures;
}
