import { evaluate } from '../core/engine.js';
import type { ExceptionRule } from '../core/exceptions.js';
import type { Rule, RuleSettings } from '../core/rule.js';
import type { Finding, Inventory, KubeObject, Resource } from '../core/types.js';
import { isObject } from '../core/workload.js';

/**
 * The admission decision, as a pure function of an AdmissionReview: the same rules, settings and
 * exceptions as `rampart scan`, so that what CI reports is what the cluster refuses.
 */

export type AdmissionMode = 'enforce' | 'warn' | 'audit';

export interface AdmissionPolicy {
  /** Mode for namespaces not listed in `namespaces` and objects no selector matches. */
  defaultMode: AdmissionMode;
  /** Mode per namespace name. */
  namespaces: Record<string, AdmissionMode>;
  /** Mode per object label selector (`matchLabels`), tried in order before the namespace modes. */
  selectors: { matchLabels: Record<string, string>; mode: AdmissionMode }[];
  exemptNamespaces: string[];
  exemptUsers: string[];
  exemptGroups: string[];
  /** What a rule that fails at run time (e.g. a CEL error) does to the request. */
  onRuleError: 'deny' | 'allow';
}

export function defaultAdmissionPolicy(partial: Partial<AdmissionPolicy> = {}): AdmissionPolicy {
  return {
    defaultMode: 'enforce',
    namespaces: {},
    selectors: [],
    exemptNamespaces: ['kube-system'],
    exemptUsers: [],
    exemptGroups: [],
    onRuleError: 'deny',
    ...partial,
  };
}

export class AdmissionInputError extends Error {
  readonly status = 400;
}

export interface AdmissionContext {
  rules: readonly Rule[];
  policy: AdmissionPolicy;
  settings?: Partial<RuleSettings>;
  exceptions?: readonly ExceptionRule[];
  now?: () => Date;
}

export interface AdmissionOutcome {
  /** The AdmissionReview to send back. */
  review: Record<string, unknown>;
  decision: 'allowed' | 'denied' | 'warned' | 'audited' | 'exempt' | 'unmatched';
  mode?: AdmissionMode;
  findings: Finding[];
  dryRun: boolean;
}

/** Kubernetes truncates long warnings; keep each readable on its own. */
const MAX_WARNING = 256;

function modeFor(policy: AdmissionPolicy, namespace: string, labels: Record<string, string>): AdmissionMode {
  for (const s of policy.selectors) if (Object.entries(s.matchLabels).every(([k, v]) => labels[k] === v)) return s.mode;
  return policy.namespaces[namespace] ?? policy.defaultMode;
}

function respond(uid: string, response: Record<string, unknown>, apiVersion: string) {
  return { apiVersion, kind: 'AdmissionReview', response: { uid, ...response } };
}

/** Validates the shape of an AdmissionReview request; a malformed one is the caller's error (400). */
export function parseAdmissionReview(body: unknown): { uid: string; request: KubeObject; apiVersion: string } {
  if (!isObject(body)) throw new AdmissionInputError('the body is not a JSON object');
  if (body.kind !== 'AdmissionReview') throw new AdmissionInputError(`kind must be AdmissionReview (got ${JSON.stringify(body.kind)})`);
  if (body.apiVersion !== 'admission.k8s.io/v1' && body.apiVersion !== 'admission.k8s.io/v1beta1')
    throw new AdmissionInputError(`apiVersion must be admission.k8s.io/v1 (got ${JSON.stringify(body.apiVersion)})`);
  const request = body.request;
  if (!isObject(request)) throw new AdmissionInputError('request is missing');
  if (typeof request.uid !== 'string' || request.uid === '') throw new AdmissionInputError('request.uid is missing');
  return { uid: request.uid, request, apiVersion: body.apiVersion };
}

function summarizeFinding(f: Finding): string {
  const where = f.location.path && !f.message.includes(f.location.path) ? ` (${f.location.path})` : '';
  return `[${f.ruleId}] ${f.message}${where}`;
}

export function decide(body: unknown, ctx: AdmissionContext): AdmissionOutcome {
  const { uid, request, apiVersion } = parseAdmissionReview(body);
  const dryRun = request.dryRun === true;
  const operation = String(request.operation ?? '');
  const namespace = typeof request.namespace === 'string' ? request.namespace : '';
  const user = isObject(request.userInfo) ? request.userInfo : {};
  const groups: string[] = Array.isArray(user.groups) ? user.groups.map(String) : [];
  const base = { findings: [] as Finding[], dryRun };

  const allow = (decision: AdmissionOutcome['decision'], extra: Record<string, unknown> = {}, mode?: AdmissionMode): AdmissionOutcome => ({
    ...base,
    decision,
    mode,
    review: respond(uid, { allowed: true, ...extra }, apiVersion),
  });

  if (ctx.policy.exemptNamespaces.includes(namespace)) return allow('exempt');
  if (typeof user.username === 'string' && ctx.policy.exemptUsers.includes(user.username)) return allow('exempt');
  if (groups.some((g) => ctx.policy.exemptGroups.includes(g))) return allow('exempt');
  if (operation === 'DELETE' || operation === 'CONNECT') return allow('unmatched');
  const object = request.object;
  if (!isObject(object)) return allow('unmatched');
  const kind = typeof object.kind === 'string' ? object.kind : isObject(request.kind) ? String(request.kind.kind ?? '') : '';
  const apiVersionOfObject = typeof object.apiVersion === 'string' ? object.apiVersion : '';
  const name = String(object.metadata?.name ?? request.name ?? object.metadata?.generateName ?? '');
  const resource: Resource = {
    apiVersion: apiVersionOfObject,
    kind,
    name,
    namespace: namespace || (typeof object.metadata?.namespace === 'string' ? object.metadata.namespace : undefined),
    object,
    source: { origin: 'admission', uid },
  };
  const inventory: Inventory = {
    resources: [resource],
    diagnostics: [],
    stats: { files: 0, documents: 1, resources: 1, bytes: 0, ignoredKinds: {} },
  };
  const now = ctx.now?.() ?? new Date();
  const result = evaluate(inventory, ctx.rules, { settings: { ...ctx.settings, now }, exceptions: ctx.exceptions });
  const open = result.findings.filter((f) => !f.waiver && (f.status === 'fail' || f.status === 'warn'));
  const errors = result.findings.filter((f) => f.status === 'error');
  const labels = isObject(object.metadata?.labels) ? (object.metadata.labels as Record<string, string>) : {};
  const mode = modeFor(ctx.policy, namespace, labels);
  const outcome = { ...base, findings: result.findings, mode };
  if (open.length === 0 && errors.length === 0) {
    const touched = result.rules.some((r) => r.checked > 0);
    return { ...allow(touched ? 'allowed' : 'unmatched', {}, mode), findings: result.findings };
  }
  const enforceFailures = open.filter((f) => f.status === 'fail');
  const messages = open.map(summarizeFinding);
  const errorMessages = errors.map((f) => `[${f.ruleId}] rule error: ${f.message}`);
  if (mode === 'enforce' && (enforceFailures.length > 0 || (errors.length > 0 && ctx.policy.onRuleError === 'deny'))) {
    const denyList = [...enforceFailures.map(summarizeFinding), ...(ctx.policy.onRuleError === 'deny' ? errorMessages : [])];
    const fixes = [...new Set(enforceFailures.map((f) => f.remediation).filter(Boolean))].slice(0, 3);
    const message = `rampart denied this ${kind} ${name}: ${denyList.join('; ')}${fixes.length ? `. To fix: ${fixes.join(' ')}` : ''}`;
    const warnings = [...open.filter((f) => f.status === 'warn').map(summarizeFinding)].map((w) => w.slice(0, MAX_WARNING));
    return {
      ...outcome,
      decision: 'denied',
      review: respond(
        uid,
        { allowed: false, status: { code: 403, reason: 'Forbidden', message }, ...(warnings.length ? { warnings } : {}) },
        apiVersion,
      ),
    };
  }
  if (mode === 'audit') {
    return {
      ...outcome,
      decision: 'audited',
      review: respond(uid, { allowed: true, auditAnnotations: { findings: [...messages, ...errorMessages].join('; ').slice(0, 4000) } }, apiVersion),
    };
  }
  const warnings = [...messages, ...errorMessages].map((w) => w.slice(0, MAX_WARNING));
  return { ...outcome, decision: 'warned', review: respond(uid, { allowed: true, warnings }, apiVersion) };
}
