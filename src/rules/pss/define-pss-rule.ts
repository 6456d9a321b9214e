import { formatPath } from '../../core/paths.js';
import { defineRule, type WorkloadContext, type WorkloadRule } from '../../core/rule.js';
import type { Severity } from '../../core/types.js';
import { getPath } from '../../core/workload.js';
import { CHECKS_BY_ID, defaultPolicy, evaluatePolicy, resolvePolicy, type CheckId, type LabelError, type PolicyViolation, type PssPolicy } from '../../pss/index.js';

export interface PssRuleSpec {
  id: string;
  check: CheckId;
  title: string;
  severity: Severity;
  description: string;
  remediation: string;
  example: string;
  references?: string[];
}

type MessageId = 'enforce' | 'warn';

const PSS_DOC = 'https://kubernetes.io/docs/concepts/security/pod-security-standards/';

/**
 * The policy a workload is judged by: its namespace's pod-security.kubernetes.io labels, with the
 * scan's level and version standing in for an absent enforce label (as the cluster-wide default
 * of the admission configuration would).
 */
export function policyFor(ctx: Pick<WorkloadContext<string>, 'namespace' | 'settings'>): { policy: PssPolicy; errors: LabelError[] } {
  const labels = ctx.namespace.labels;
  const key = `${ctx.settings.pssLevel}@${ctx.settings.pssVersion}`;
  let byDefaults = policyCache.get(labels);
  if (!byDefaults) policyCache.set(labels, (byDefaults = new Map()));
  let resolved = byDefaults.get(key);
  if (!resolved) byDefaults.set(key, (resolved = resolvePolicy(labels, defaultPolicy(ctx.settings.pssLevel, ctx.settings.pssVersion))));
  return resolved;
}

// Namespaces are shared by many workloads and every PSS rule asks: resolve each label set once.
const policyCache = new WeakMap<object, Map<string, { policy: PssPolicy; errors: LabelError[] }>>();

/** The violations of one workload under its namespace's policy (the pod evaluation is cached per template). */
export function violationsFor(ctx: Pick<WorkloadContext<string>, 'namespace' | 'settings' | 'template'>): { violations: readonly PolicyViolation[]; errors: LabelError[] } {
  const { policy, errors } = policyFor(ctx);
  return { violations: evaluatePolicy(ctx.template.metadata, ctx.template.spec, policy), errors };
}

/**
 * A rule for one upstream check: one finding per offending field, `fail` when the enforce policy
 * denies the pod, `warn` when only a warn or audit policy (a stricter level or another version)
 * objects.
 */
export function definePssRule(spec: PssRuleSpec): WorkloadRule<MessageId> {
  const definition = CHECKS_BY_ID.get(spec.check);
  if (!definition) throw new Error(`unknown Pod Security check ${spec.check}`);
  const versions = definition.versions.map((v) => `v1.${v.since}`).join(', ');
  return defineRule<MessageId>({
    id: spec.id,
    title: spec.title,
    severity: spec.severity,
    area: 'pss',
    target: 'workload',
    description: `${spec.description}\n\nPod Security Standards check \`${spec.check}\` of the ${definition.level} level (policy revisions: ${versions}), evaluated as the pod-security admission plugin does, with the workload's namespace labels.`,
    remediation: spec.remediation,
    example: spec.example,
    references: [PSS_DOC, ...(spec.references ?? [])],
    pss: { level: definition.level, check: spec.check },
    messages: {
      // One finding per offending field (so that each line is annotated); the field leads the message
      // upstream's reason and detail lead, and the field ends it so that two findings of one check read differently.
      enforce: 'violates PodSecurity "{{policy}}": {{reason}} ({{detail}}), at {{field}}',
      warn: 'would violate PodSecurity "{{policy}}" ({{mode}} label): {{reason}} ({{detail}}), at {{field}}',
    },
    check(ctx) {
      const { violations, errors } = violationsFor(ctx);
      const v = violations.find((x) => x.result.check === spec.check);
      if (!v) return;
      const { result } = v;
      const status = v.mode === 'enforce' ? 'fail' : 'warn';
      for (const path of result.paths) {
        const value = getPath(ctx.template, path);
        ctx.report(
          v.mode === 'enforce' ? 'enforce' : 'warn',
          { policy: v.policy, reason: result.forbiddenReason, detail: result.forbiddenDetail, mode: v.mode, field: formatPath(path) },
          {
            path,
            status,
            evidence: {
              forbiddenReason: result.forbiddenReason,
              forbiddenDetail: result.forbiddenDetail,
              policy: v.policy,
              field: formatPath(path),
              ...(value !== undefined && (typeof value !== 'object' || value === null) ? { value } : {}),
              ...(errors.length ? { labelErrors: errors } : {}),
            },
            properties: { pss: { level: result.level, check: result.check, version: v.version, mode: v.mode, modes: v.modes } },
          },
        );
      }
    },
  });
}
