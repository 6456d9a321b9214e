import { readFileSync } from 'node:fs';
import { collectManifests } from '../collectors/manifests/collect.js';
import { CelCompileError, compileExpression, type CompiledExpression, type ExpressionOrigin } from '../cel/compile.js';
import { parsePath } from '../core/paths.js';
import { defineRule, type ResourceRule } from '../core/rule.js';
import { SEVERITIES, type Diagnostic, type KubeObject, type PathSegment, type Resource, type Severity } from '../core/types.js';
import { isObject } from '../core/workload.js';
import { kindsForResourceRules, KINDS } from './kinds.js';

/**
 * Users' own rules, written as ValidatingAdmissionPolicy validations in a `CelRule` document:
 *
 * ```yaml
 * apiVersion: rampart.dev/v1alpha1
 * kind: CelRule
 * metadata: { name: require-team-label }
 * spec:
 *   title: Workloads carry a team label
 *   severity: medium
 *   match: { kinds: [Deployment], operations: [CREATE, UPDATE] }   # or resourceRules: [...] as in a VAP
 *   variables: [{ name: labels, expression: "object.metadata.?labels.orValue({})" }]
 *   validations:
 *     - expression: "has(object.metadata.labels) && 'team' in object.metadata.labels"
 *       messageExpression: "'Deployment ' + object.metadata.name + ' has no team label'"
 *       fieldPath: metadata.labels
 * ```
 * The same rule object runs in `scan`, `cluster` and the admission webhook, and exports to a VAP.
 */
export const CEL_RULE_KIND = 'CelRule';

export interface CelValidation {
  expression: string;
  message?: string;
  messageExpression?: string;
  fieldPath?: string;
  reason?: string;
}

export interface CelRuleSpec {
  id: string;
  title: string;
  severity: Severity;
  description: string;
  remediation: string;
  kinds: string[];
  operations: string[];
  variables: { name: string; expression: string }[];
  validations: CelValidation[];
  /** Where the rule is written. */
  file: string;
}

interface Compiled {
  variables: { name: string; expr: CompiledExpression }[];
  validations: { v: CelValidation; expr: CompiledExpression; message?: CompiledExpression; path?: PathSegment[] }[];
}

/** Bindings an expression sees: as in a ValidatingAdmissionPolicy. */
export interface CelBindings {
  object: unknown;
  oldObject: unknown;
  request: Record<string, unknown>;
  params: unknown;
  namespaceObject: unknown;
}

export interface CelViolation {
  message: string;
  path?: PathSegment[];
  reason?: string;
}

/** Evaluates a compiled rule: the violations, or throws the expression's own runtime error. */
function evaluateCompiled(c: Compiled, bindings: CelBindings): CelViolation[] {
  const variables: Record<string, unknown> = {};
  const all = { ...bindings, variables };
  for (const v of c.variables) variables[v.name] = v.expr.evaluate(all);
  const out: CelViolation[] = [];
  for (const val of c.validations) {
    const ok = val.expr.evaluate(all);
    if (ok === true) continue;
    if (ok !== false) throw new Error(`expression "${val.v.expression}" gave ${JSON.stringify(ok)}, not a bool`);
    let message = val.v.message ?? `failed expression: ${val.v.expression}`;
    if (val.message) {
      try {
        const m = val.message.evaluate(all);
        if (typeof m === 'string' && m.trim() !== '') message = m;
      } catch {
        // As in Kubernetes, a failing messageExpression falls back to message.
      }
    }
    out.push({ message, path: val.path, reason: val.v.reason });
  }
  return out;
}

export interface LoadedCelRules {
  rules: CelRule[];
  diagnostics: Diagnostic[];
}

export interface CelRule extends ResourceRule<'violation'> {
  spec: CelRuleSpec;
  /** Evaluates the rule on an object directly (the admission webhook and the export tests use this). */
  evaluateObject(object: KubeObject, bindings?: Partial<CelBindings>): CelViolation[];
}

/**
 * Where the scalar after `key:` starts, and for block scalars (`|`, `>`) a map from a position in
 * the expression back to the file: folded lines are joined by one space, literal ones by a newline.
 */
function valueOrigin(text: string, line: number, column: number): ExpressionOrigin {
  const lines = text.split('\n');
  const src = lines[line - 1] ?? '';
  const colon = src.indexOf(':', column - 1);
  let i = colon + 1;
  while (src[i] === ' ') i++;
  if (src[i] === '|' || src[i] === '>') {
    const literal = src[i] === '|';
    const first = lines[line] ?? '';
    const indent = first.length - first.trimStart().length;
    const body: { line: number; start: number; length: number }[] = [];
    for (let l = line; l < lines.length; l++) {
      const t = lines[l]!;
      if (t.trim() !== '' && t.length - t.trimStart().length < indent) break;
      body.push({ line: l + 1, start: indent + 1, length: Math.max(0, t.length - indent) });
    }
    return {
      line: line + 1,
      column: indent + 1,
      map(exprLine, exprCol) {
        // Literal scalars keep line breaks, so expression lines are file lines.
        if (literal) {
          const b = body[exprLine - 1];
          return b ? { line: b.line, column: b.start + exprCol - 1 } : { line: line + exprLine, column: exprCol };
        }
        let rest = exprCol - 1;
        for (const b of body) {
          if (rest <= b.length) return { line: b.line, column: b.start + rest };
          rest -= b.length + 1;
        }
        const last = body[body.length - 1];
        return { line: last?.line ?? line + 1, column: (last?.start ?? 1) + (last?.length ?? 0) };
      },
    };
  }
  if (src[i] === '"' || src[i] === "'") i++;
  return { line, column: i + 1 };
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

/** Turns one `CelRule` resource into a rule, or diagnostics that say exactly what is wrong where. */
export function celRuleFromResource(resource: Resource, text: string | undefined): { rule?: CelRule; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const file = resource.source.file ?? '(inline)';
  const at = (path: PathSegment[]) => resource.locate?.(path);
  const problem = (message: string, path: PathSegment[]) => {
    const p = at(path);
    diagnostics.push({ level: 'error', code: 'cel-rule-invalid', message: `${file}: CelRule ${resource.name}: ${message}`, file, line: p?.line, column: p?.column });
  };
  const spec = isObject(resource.object.spec) ? resource.object.spec : undefined;
  if (!spec) {
    problem('has no spec', []);
    return { diagnostics };
  }
  const id = resource.name;
  if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(id)) problem('metadata.name must be a kebab-case rule id', ['metadata', 'name']);
  const severity = (str(spec.severity) ?? 'medium') as Severity;
  if (!SEVERITIES.includes(severity)) problem(`severity must be one of ${SEVERITIES.join(', ')}`, ['spec', 'severity']);
  const match = isObject(spec.match) ? spec.match : {};
  let kinds: string[] = Array.isArray(match.kinds) ? match.kinds.map(String) : [];
  if (Array.isArray(match.resourceRules)) kinds = [...new Set([...kinds, ...kindsForResourceRules(match.resourceRules)])];
  const operations = Array.isArray(match.operations) ? match.operations.map(String) : ['CREATE', 'UPDATE'];
  if (kinds.length === 0) problem('match names no kind (match.kinds or match.resourceRules)', ['spec', 'match']);
  const validationsIn = Array.isArray(spec.validations) ? spec.validations : [];
  if (validationsIn.length === 0) problem('has no validations', ['spec', 'validations']);
  const compiled: Compiled = { variables: [], validations: [] };
  const compile = (source: unknown, path: PathSegment[]): CompiledExpression | undefined => {
    if (typeof source !== 'string' || source.trim() === '') {
      problem(`${path.join('.')} must be a CEL expression`, path);
      return undefined;
    }
    const key = at(path);
    const origin: ExpressionOrigin = key && text ? valueOrigin(text, key.line, key.column) : { ...key };
    try {
      return compileExpression(source, { ...origin, file });
    } catch (err) {
      if (err instanceof CelCompileError) {
        diagnostics.push({ level: 'error', code: 'cel-compile', message: err.message, file, line: err.line, column: err.column });
        return undefined;
      }
      throw err;
    }
  };
  const variablesIn = Array.isArray(spec.variables) ? spec.variables : [];
  const variables: CelRuleSpec['variables'] = [];
  variablesIn.forEach((v: any, i: number) => {
    const expr = compile(v?.expression, ['spec', 'variables', i, 'expression']);
    if (typeof v?.name !== 'string') problem(`variables[${i}] needs a name`, ['spec', 'variables', i]);
    else if (expr) {
      compiled.variables.push({ name: v.name, expr });
      variables.push({ name: v.name, expression: v.expression });
    }
  });
  const validations: CelValidation[] = [];
  validationsIn.forEach((v: any, i: number) => {
    const expr = compile(v?.expression, ['spec', 'validations', i, 'expression']);
    const message = v?.messageExpression !== undefined ? compile(v.messageExpression, ['spec', 'validations', i, 'messageExpression']) : undefined;
    let path: PathSegment[] | undefined;
    if (typeof v?.fieldPath === 'string') {
      try {
        path = parsePath(v.fieldPath.replace(/^\./, ''));
      } catch {
        problem(`validations[${i}].fieldPath "${v.fieldPath}" is not a field path`, ['spec', 'validations', i, 'fieldPath']);
      }
    }
    if (!expr) return;
    const val: CelValidation = { expression: v.expression };
    for (const k of ['message', 'messageExpression', 'fieldPath', 'reason'] as const) if (typeof v[k] === 'string') val[k] = v[k];
    validations.push(val);
    compiled.validations.push({ v: val, expr, message, path });
  });
  if (diagnostics.length) return { diagnostics };
  const ruleSpec: CelRuleSpec = {
    id,
    title: str(spec.title) ?? id,
    severity,
    description: str(spec.description) ?? `Custom CEL rule from ${file}.`,
    remediation: str(spec.remediation) ?? 'Change the resource so that the expression holds.',
    kinds,
    operations,
    variables,
    validations,
    file,
  };
  const evaluateObject = (object: KubeObject, bindings: Partial<CelBindings> = {}) =>
    evaluateCompiled(compiled, {
      object,
      oldObject: bindings.oldObject ?? null,
      params: bindings.params ?? null,
      namespaceObject: bindings.namespaceObject ?? null,
      request: bindings.request ?? requestFor(object, 'CREATE'),
    });
  const rule = defineRule({
    id,
    title: ruleSpec.title,
    severity,
    area: 'custom',
    target: 'resource',
    kinds,
    description: ruleSpec.description,
    remediation: ruleSpec.remediation,
    references: [file],
    messages: { violation: '{{message}}' },
    check({ resource: r, report }) {
      for (const v of evaluateObject(r.object)) report('violation', { message: v.message }, { path: v.path, properties: v.reason ? { reason: v.reason } : undefined });
    },
  }) as CelRule;
  rule.spec = ruleSpec;
  rule.evaluateObject = evaluateObject;
  return { rule, diagnostics };
}

/** The `request` a scan presents to an expression: a CREATE of the object. */
export function requestFor(object: KubeObject, operation: string): Record<string, unknown> {
  const kind = String(object.kind ?? '');
  const apiVersion = String(object.apiVersion ?? '');
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
  return {
    operation,
    kind: { group, version, kind },
    resource: { group, version, resource: KINDS[kind]?.resource ?? `${kind.toLowerCase()}s` },
    name: object.metadata?.name ?? '',
    namespace: object.metadata?.namespace ?? '',
    dryRun: false,
  };
}

/** Loads every `CelRule` from files or folders; other documents in them are ignored. */
export async function loadCelRules(paths: readonly string[]): Promise<LoadedCelRules> {
  const inventory = await collectManifests(paths);
  const diagnostics = [...inventory.diagnostics.filter((d) => d.code !== 'no-input')];
  const rules: CelRule[] = [];
  const texts = new Map<string, string>();
  for (const r of inventory.resources) {
    if (r.kind !== CEL_RULE_KIND) continue;
    const file = r.source.file;
    let text: string | undefined;
    if (file && file !== '-') {
      text = texts.get(file);
      if (text === undefined) {
        text = readFileSync(file, 'utf8');
        texts.set(file, text);
      }
    }
    const loaded = celRuleFromResource(r, text);
    diagnostics.push(...loaded.diagnostics);
    if (!loaded.rule) continue;
    if (rules.some((x) => x.id === loaded.rule!.id)) {
      diagnostics.push({ level: 'error', code: 'cel-rule-duplicate', message: `${file}: CelRule ${r.name} is defined twice`, file });
      continue;
    }
    rules.push(loaded.rule);
  }
  if (rules.length === 0 && diagnostics.length === 0)
    diagnostics.push({ level: 'warning', code: 'cel-no-rules', message: `no CelRule documents found in ${paths.join(', ')}` });
  return { rules, diagnostics };
}
