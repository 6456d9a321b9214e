import type { RampartConfig } from '../config/config.js';
import type { Rule } from '../core/rule.js';
import { UserError } from './errors.js';

/**
 * The built-in rules the configuration selects, plus users' CEL rules from `--custom-rules` and the
 * configuration's `customRules:` list. A CEL rule that does not compile stops the command with the
 * file, line and column of the expression.
 */
export async function evaluateRules(config: RampartConfig, customPaths: readonly string[]): Promise<Rule[]> {
  const { selectRules } = await import('../scan.js');
  const { builtinRules } = await import('../rules/index.js');
  const fromConfig = Array.isArray(config.extra.customRules) ? config.extra.customRules.map(String) : [];
  const paths = [...fromConfig, ...customPaths];
  const custom = paths.length ? await loadCustom(paths) : [];
  return selectRules([...builtinRules, ...custom], config);
}

export async function loadCustom(paths: readonly string[]): Promise<Rule[]> {
  const { loadCelRules } = await import('../enforce/cel-rules.js');
  const loaded = await loadCelRules(paths);
  const errors = loaded.diagnostics.filter((d) => d.level === 'error');
  if (errors.length) throw new UserError(errors.map((d) => d.message).join('\n'));
  return loaded.rules;
}
