import { dump } from 'js-yaml';
import type { Rule } from '../core/rule.js';
import { BUILTIN_CEL, NOT_EXPORTABLE_REASONS, WORKLOAD_VARIABLES } from './builtin-cel.js';
import type { CelRule } from './cel-rules.js';
import { resourceRulesFor, WORKLOAD_KIND_NAMES } from './kinds.js';

export type ValidationAction = 'Deny' | 'Warn' | 'Audit';

export interface ExportOptions {
  /** Actions of the bindings (`Deny` enforces; `Warn` and `Audit` report only). */
  actions?: ValidationAction[];
  /** Namespaces the bindings leave alone (e.g. kube-system, the webhook's own). */
  excludeNamespaces?: string[];
  /** `failurePolicy` of the policies. */
  failurePolicy?: 'Fail' | 'Ignore';
}

export interface ExportResult {
  objects: Record<string, unknown>[];
  exported: string[];
  /** Rules that could not be exported, with the reason. */
  skipped: { ruleId: string; reason: string }[];
}

function isCelRule(rule: Rule): rule is CelRule {
  return 'spec' in rule && 'evaluateObject' in rule;
}

function binding(name: string, opts: ExportOptions) {
  const exclude = opts.excludeNamespaces ?? ['kube-system'];
  return {
    apiVersion: 'admissionregistration.k8s.io/v1',
    kind: 'ValidatingAdmissionPolicyBinding',
    metadata: { name, labels: { 'app.kubernetes.io/managed-by': 'rampart' } },
    spec: {
      policyName: name,
      validationActions: opts.actions ?? ['Deny'],
      matchResources: {
        namespaceSelector: { matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'NotIn', values: exclude }] },
      },
    },
  };
}

/**
 * ValidatingAdmissionPolicy + Binding pairs for every rule that has a CEL form: users' CEL rules
 * as written, built-in rules through their tested CEL equivalents. The rest are listed with the reason.
 */
export function exportVap(rules: readonly Rule[], opts: ExportOptions = {}): ExportResult {
  const result: ExportResult = { objects: [], exported: [], skipped: [] };
  for (const rule of rules) {
    const name = `rampart-${rule.id}`.slice(0, 253);
    const annotations = { 'rampart.dev/rule': rule.id, 'rampart.dev/severity': rule.severity, 'rampart.dev/title': rule.title };
    if (isCelRule(rule)) {
      result.objects.push(
        {
          apiVersion: 'admissionregistration.k8s.io/v1',
          kind: 'ValidatingAdmissionPolicy',
          metadata: { name, annotations },
          spec: {
            failurePolicy: opts.failurePolicy ?? 'Fail',
            matchConstraints: { resourceRules: resourceRulesFor(rule.spec.kinds, rule.spec.operations) },
            ...(rule.spec.variables.length ? { variables: rule.spec.variables } : {}),
            validations: rule.spec.validations,
          },
        },
        binding(name, opts),
      );
      result.exported.push(rule.id);
      continue;
    }
    const eq = BUILTIN_CEL[rule.id];
    if (!eq) {
      result.skipped.push({
        ruleId: rule.id,
        reason: NOT_EXPORTABLE_REASONS[rule.area] ?? 'no CEL equivalent has been written and tested for this rule yet',
      });
      continue;
    }
    result.objects.push(
      {
        apiVersion: 'admissionregistration.k8s.io/v1',
        kind: 'ValidatingAdmissionPolicy',
        metadata: { name, annotations },
        spec: {
          failurePolicy: opts.failurePolicy ?? 'Fail',
          matchConstraints: { resourceRules: resourceRulesFor(WORKLOAD_KIND_NAMES) },
          variables: WORKLOAD_VARIABLES,
          validations: eq.validations.map((v) => ({ expression: v.expression, message: `${rule.title}: ${v.message}`, reason: 'Forbidden' })),
        },
      },
      binding(name, opts),
    );
    result.exported.push(rule.id);
  }
  return result;
}

export function renderYaml(objects: readonly Record<string, unknown>[]): string {
  return objects.map((o) => dump(o, { noRefs: true, lineWidth: -1 })).join('---\n');
}
