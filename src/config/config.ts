import { promises as fs } from 'node:fs';
import path from 'node:path';
import { isMap, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import type { ExceptionRule, ResourceSelector } from '../core/exceptions.js';
import { SEVERITIES, type Diagnostic, type Severity } from '../core/types.js';

/**
 * `.rampart.yaml`: which rules run, at what severity, with which options, and the accepted
 * exceptions. Problems in it are diagnostics with file:line, never crashes; a rule id that does
 * not exist is reported so that a typo cannot silently disable nothing.
 */
export interface RuleConfig {
  enabled?: boolean;
  severity?: Severity;
  options?: Record<string, unknown>;
}

export interface RampartConfig {
  /** The file it was read from, when there was one. */
  file?: string;
  failOn?: Severity | 'none';
  pss?: { level?: 'privileged' | 'baseline' | 'restricted'; version?: string };
  rules: Record<string, RuleConfig>;
  exceptions: ExceptionRule[];
  /** Free-form sections for later capabilities (registries allow-list, frameworks, ...). */
  extra: Record<string, unknown>;
}

export const CONFIG_FILE_NAMES = ['.rampart.yaml', '.rampart.yml'];

export function emptyConfig(): RampartConfig {
  return { rules: {}, exceptions: [], extra: {} };
}

/** Looks for `.rampart.yaml` in `start` (or its folder, if a file) and each parent folder. */
export async function findConfigFile(start: string): Promise<string | undefined> {
  let dir = path.resolve(start);
  try {
    if (!(await fs.stat(dir)).isDirectory()) dir = path.dirname(dir);
  } catch {
    dir = path.dirname(dir);
  }
  for (;;) {
    for (const name of CONFIG_FILE_NAMES) {
      const candidate = path.join(dir, name);
      try {
        if ((await fs.stat(candidate)).isFile()) return candidate;
      } catch {
        // not here; look further up
      }
    }
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

export async function loadConfigFile(file: string, knownRuleIds: ReadonlySet<string>): Promise<{ config: RampartConfig; diagnostics: Diagnostic[] }> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return {
      config: emptyConfig(),
      diagnostics: [{ level: 'error', code: 'config-unreadable', message: `${file}: ${code === 'ENOENT' ? 'no such file' : (err as Error).message}`, file }],
    };
  }
  return parseConfig(text, file, knownRuleIds);
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** `YYYY-MM-DD` naming a real day: Date.parse alone accepts 2027-02-30 (as 2 March). */
function isCalendarDate(text: string): boolean {
  if (!DATE.test(text)) return false;
  const t = Date.parse(`${text}T00:00:00Z`);
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === text;
}

export function parseConfig(text: string, file: string, knownRuleIds: ReadonlySet<string>): { config: RampartConfig; diagnostics: Diagnostic[] } {
  const config = emptyConfig();
  config.file = file;
  const diagnostics: Diagnostic[] = [];
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  const at = (node: Node | null | undefined) => {
    const offset = node?.range?.[0];
    if (offset === undefined) return {};
    const p = lineCounter.linePos(offset);
    return { line: p.line, column: p.col };
  };
  const problem = (message: string, node?: Node | null, level: Diagnostic['level'] = 'error') =>
    diagnostics.push({ level, code: 'config-invalid', message: `${file}: ${message}`, file, ...at(node) });
  for (const err of doc.errors) {
    const p = lineCounter.linePos(err.pos[0]);
    diagnostics.push({ level: 'error', code: 'config-syntax', message: `${file}: ${err.message.split('\n')[0]}`, file, line: p.line, column: p.col });
  }
  if (doc.errors.length) return { config, diagnostics };
  const root = doc.contents;
  if (root === null || root === undefined) return { config, diagnostics };
  if (!isMap(root)) {
    problem('the configuration must be a mapping', root as Node);
    return { config, diagnostics };
  }
  const json = doc.toJS({ maxAliasCount: 100 }) as Record<string, any>;
  for (const pair of root.items) {
    const key = String((pair.key as any)?.value ?? pair.key);
    const valueNode = pair.value as Node | null;
    const value = json[key];
    switch (key) {
      case 'failOn':
        if (value === 'none' || SEVERITIES.includes(value)) config.failOn = value;
        else problem(`failOn must be one of ${SEVERITIES.join(', ')}, none`, valueNode);
        break;
      case 'pss': {
        const level = value?.level;
        if (level !== undefined && !['privileged', 'baseline', 'restricted'].includes(level)) problem('pss.level must be privileged, baseline or restricted', valueNode);
        else if (level !== undefined) (config.pss ??= {}).level = level;
        const version = value?.version;
        if (version !== undefined && !/^(latest|v1\.(0|[1-9]\d*))$/.test(String(version))) problem('pss.version must be latest or v1.N', valueNode);
        else if (version !== undefined) (config.pss ??= {}).version = String(version);
        break;
      }
      case 'rules': {
        if (!isMap(valueNode)) {
          problem('rules must map rule ids to settings', valueNode);
          break;
        }
        for (const rp of valueNode.items) {
          const id = String((rp.key as any)?.value ?? rp.key);
          const v = value[id];
          if (!knownRuleIds.has(id)) problem(`unknown rule "${id}" (see rampart rules list)`, rp.key as Node, 'warning');
          const rc: RuleConfig = {};
          if (v === false || v === 'off') rc.enabled = false;
          else if (v === true || v === 'on') rc.enabled = true;
          else if (typeof v === 'string' && SEVERITIES.includes(v as Severity)) rc.severity = v as Severity;
          else if (v && typeof v === 'object') {
            if (v.enabled !== undefined) rc.enabled = Boolean(v.enabled);
            if (v.severity !== undefined) {
              if (SEVERITIES.includes(v.severity)) rc.severity = v.severity;
              else problem(`rules.${id}.severity must be one of ${SEVERITIES.join(', ')}`, rp.value as Node);
            }
            if (v.options !== undefined) rc.options = v.options;
          } else problem(`rules.${id} must be true, false, a severity or a mapping`, rp.value as Node);
          config.rules[id] = rc;
        }
        break;
      }
      case 'exceptions': {
        if (!isSeq(valueNode)) {
          problem('exceptions must be a list', valueNode);
          break;
        }
        valueNode.items.forEach((itemNode, i) => {
          const item = value[i];
          const where = at(itemNode as Node);
          const origin = `${file}:${where.line ?? 0}`;
          if (!item || typeof item !== 'object') {
            problem(`exceptions[${i}] must be a mapping`, itemNode as Node);
            return;
          }
          // A control exception (`control: cis-k8s/5.2.2`) is kept with a `control:` prefix; the framework step applies it.
          const rule = item.rule ?? (typeof item.control === 'string' && item.control ? `control:${item.control}` : undefined);
          if (typeof rule !== 'string' || rule === '') {
            problem(`exceptions[${i}] needs a rule or a control`, itemNode as Node);
            return;
          }
          if (rule !== '*' && !rule.startsWith('control:') && !knownRuleIds.has(rule)) problem(`exceptions[${i}] names unknown rule "${rule}"`, itemNode as Node, 'warning');
          const justification = item.justification ?? item.reason;
          if (typeof justification !== 'string' || justification.trim() === '') {
            problem(`exceptions[${i}] needs a justification`, itemNode as Node);
            return;
          }
          let expires: string | undefined;
          if (item.expires !== undefined) {
            const text: string = item.expires instanceof Date ? item.expires.toISOString().slice(0, 10) : String(item.expires);
            if (!isCalendarDate(text)) {
              problem(`exceptions[${i}].expires must be a date YYYY-MM-DD (got "${text}")`, itemNode as Node);
              return;
            }
            expires = text;
          }
          const sel = item.resources ?? item.resource ?? {};
          const selector: ResourceSelector = {};
          for (const k of ['kind', 'name', 'namespace', 'file'] as const) if (sel[k] !== undefined) selector[k] = String(sel[k]);
          config.exceptions.push({
            rule,
            selector,
            justification: justification.trim(),
            acceptedBy: item.acceptedBy !== undefined ? String(item.acceptedBy) : undefined,
            expires,
            origin,
            source: 'config',
          });
        });
        break;
      }
      default:
        config.extra[key] = value;
    }
  }
  return { config, diagnostics };
}
