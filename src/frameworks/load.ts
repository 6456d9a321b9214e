import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { listPackageDir, readPackageFile } from '../core/package-files.js';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isMap, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import type { Diagnostic } from '../core/types.js';
import type { Control, Framework, RuleRef } from './types.js';

/** `frameworks/` at the package root: two folders above this module in both `src/` and `dist/`. */
export function frameworksDir(): string {
  return process.env.RAMPART_FRAMEWORKS_DIR ?? path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../frameworks');
}

export interface LoadedFrameworks {
  frameworks: Framework[];
  diagnostics: Diagnostic[];
}

let cache: LoadedFrameworks | undefined;

/** Loads every `*.yaml` in the folder. A broken file is a diagnostic; the others still load. */
export function loadFrameworks(dir: string = frameworksDir()): LoadedFrameworks {
  if (dir === frameworksDir() && cache) return cache;
  const out: LoadedFrameworks = { frameworks: [], diagnostics: [] };
  // The shipped frameworks come through the package-file reader (embedded in the single executable).
  const shipped = dir === frameworksDir() && process.env.RAMPART_FRAMEWORKS_DIR === undefined;
  if (!shipped && !existsSync(dir)) {
    out.diagnostics.push({ level: 'error', code: 'frameworks-missing', message: `framework folder ${dir} does not exist` });
    return out;
  }
  const names = shipped ? listPackageDir('frameworks') : readdirSync(dir);
  for (const name of names.filter((f) => /\.ya?ml$/.test(f)).sort()) {
    const file = path.join(dir, name);
    const text = shipped ? readPackageFile(`frameworks/${name}`) : readFileSync(file, 'utf8');
    const { framework, diagnostics } = parseFramework(text, file);
    out.diagnostics.push(...diagnostics);
    if (!framework) continue;
    if (out.frameworks.some((f) => f.id === framework.id)) {
      out.diagnostics.push({ level: 'error', code: 'framework-invalid', message: `${file}: framework id "${framework.id}" is used twice`, file });
      continue;
    }
    out.frameworks.push(framework);
  }
  if (dir === frameworksDir()) cache = out;
  return out;
}

export function findFramework(id: string, frameworks: readonly Framework[] = loadFrameworks().frameworks): Framework | undefined {
  return frameworks.find((f) => f.id === id);
}

export function parseFramework(text: string, file: string): { framework?: Framework; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, uniqueKeys: true });
  const at = (node: Node | null | undefined) => {
    const off = node?.range?.[0];
    return off === undefined ? {} : { line: lc.linePos(off).line };
  };
  const problem = (message: string, node?: Node | null) =>
    diagnostics.push({ level: 'error', code: 'framework-invalid', message: `${file}: ${message}`, file, ...at(node) });
  if (doc.errors.length) {
    for (const e of doc.errors) problem(e.message.split('\n')[0]!);
    return { diagnostics };
  }
  const root = doc.contents;
  if (!isMap(root)) {
    problem('a framework file must be a mapping');
    return { diagnostics };
  }
  const json = doc.toJS() as Record<string, any>;
  for (const key of ['id', 'name', 'controls'] as const) {
    if (json[key] === undefined) {
      problem(`missing "${key}"`);
      return { diagnostics };
    }
  }
  const controlsNode = root.get('controls', true) as Node | undefined;
  if (!isSeq(controlsNode)) {
    problem('"controls" must be a list', controlsNode);
    return { diagnostics };
  }
  const sections: Record<string, string> = {};
  for (const [k, v] of Object.entries(json.sections ?? {})) sections[String(k)] = String(v);
  const controls: Control[] = [];
  const seen = new Set<string>();
  (json.controls as any[]).forEach((c, i) => {
    const node = controlsNode.items[i] as Node;
    if (!c || typeof c !== 'object' || c.id === undefined || typeof c.title !== 'string') {
      problem(`controls[${i}] needs an id and a title`, node);
      return;
    }
    const id = String(c.id);
    if (seen.has(id)) problem(`control "${id}" is listed twice`, node);
    seen.add(id);
    const rules: RuleRef[] = [];
    for (const r of c.rules ?? []) {
      if (typeof r === 'string') rules.push({ rule: r });
      else if (r && typeof r === 'object' && typeof (r.rule ?? '*') === 'string') {
        const ref: RuleRef = { rule: r.rule ?? '*' };
        if (r.benchmark !== undefined) ref.benchmark = String(r.benchmark);
        if (r.checkId !== undefined) ref.checkId = String(r.checkId);
        if (ref.rule === '*' && ref.checkId === undefined) problem(`control "${id}": rule "*" needs a checkId`, node);
        else rules.push(ref);
      }
      else problem(`control "${id}": each rule is an id or { rule, checkId }`, node);
    }
    const section = String(c.section ?? '');
    if (!(section in sections)) sections[section] = section;
    const assessment = c.assessment === 'manual' ? 'manual' : 'automated';
    const control: Control = { id, title: c.title, section, assessment, rules };
    if (c.severity !== undefined) control.severity = String(c.severity);
    if (c.applicability === 'not-applicable') control.applicability = 'not-applicable';
    controls.push(control);
  });
  return {
    framework: {
      id: String(json.id),
      name: String(json.name),
      version: String(json.version ?? ''),
      source: String(json.source ?? ''),
      description: String(json.description ?? ''),
      sections,
      controls,
      file,
    },
    diagnostics,
  };
}

export interface Coverage {
  framework: string;
  controls: number;
  /** Controls decided by a known rule, or by benchmark check ids (node rules report those). */
  automated: number;
  /** Of those, controls decided by benchmark check ids. */
  byCheckId: number;
  /** Controls that name no rule: a person must assess them. */
  manual: string[];
  /** Controls the framework declares not applicable. */
  notApplicable: string[];
  /** Rule ids the framework names that no built-in rule has (yet): reconcile at merge. */
  unknownRules: string[];
  /** Controls all of whose rules are unknown. */
  unresolved: string[];
}

/** Which controls the known rules decide, which need a person, and which rule ids are unknown. */
export function coverageOf(framework: Framework, knownRuleIds: ReadonlySet<string>): Coverage {
  const unknown = new Set<string>();
  const manual: string[] = [];
  const notApplicable: string[] = [];
  const unresolved: string[] = [];
  let automated = 0;
  let byCheckId = 0;
  for (const c of framework.controls) {
    if (c.applicability === 'not-applicable') {
      notApplicable.push(c.id);
      continue;
    }
    if (c.rules.length === 0) {
      manual.push(c.id);
      continue;
    }
    const known = c.rules.filter((r) => r.rule === '*' || knownRuleIds.has(r.rule));
    for (const r of c.rules) if (r.rule !== '*' && !knownRuleIds.has(r.rule)) unknown.add(r.rule);
    if (known.length) automated++;
    else unresolved.push(c.id);
    if (known.length && known.every((r) => r.checkId !== undefined)) byCheckId++;
  }
  return { framework: framework.id, controls: framework.controls.length, automated, byCheckId, manual, notApplicable, unknownRules: [...unknown].sort(), unresolved };
}

/** Built-in rules that no framework control names. */
export function unmappedRules(frameworks: readonly Framework[], ruleIds: readonly string[]): string[] {
  const named = new Set(frameworks.flatMap((f) => f.controls.flatMap((c) => c.rules.map((r) => r.rule))));
  return ruleIds.filter((id) => !named.has(id));
}
