import type { Command } from 'commander';
import { addConfigOption, loadConfigFor, splitList, type ConfigFlags } from '../common.js';
import { UserError } from '../errors.js';
import { stderr, writeOutput } from '../io.js';

interface ExportFlags extends ConfigFlags {
  rules?: string[];
  framework?: string;
  customRules?: string[];
  action: string[];
  excludeNamespaces?: string[];
  output?: string;
}

/** Rules of a Pod Security framework name, e.g. `pss-restricted` → every PSS rule of either level. */
function frameworkFilter(name: string | undefined) {
  if (!name) return () => true;
  if (name === 'pss-baseline') return (r: { pss?: { level: string } }) => r.pss?.level === 'baseline';
  if (name === 'pss-restricted') return (r: { pss?: { level: string } }) => r.pss !== undefined;
  throw new UserError(`--framework takes pss-baseline or pss-restricted for export (got "${name}")`);
}

export function register(program: Command): void {
  const exp = program.command('export').summary('export rules to other enforcement points').description('Export Rampart rules for enforcement outside Rampart.');
  const vap = exp
    .command('vap')
    .description(
      `Write ValidatingAdmissionPolicy and ValidatingAdmissionPolicyBinding manifests for every rule that
can be expressed in CEL (users' CelRules as written; built-in rules through their tested CEL forms),
and list on standard error the rules that cannot, with the reason.`,
    )
    .option('--framework <name>', 'only the rules of pss-baseline or pss-restricted')
    .option('--rules <ids...>', 'only these rule ids (comma-separated or repeated)')
    .option('--custom-rules <path>', 'file or folder with CelRule documents; repeatable', (v: string, prev: string[]) => [...prev, v], [] as string[])
    .option('--action <actions...>', 'binding validationActions: Deny, Warn, Audit', ['Deny'])
    .option('--exclude-namespaces <names...>', 'namespaces the bindings leave alone', ['kube-system'])
    .option('-o, --output <file>', 'write to a file instead of standard output');
  addConfigOption(vap);
  vap.action(async (flags: ExportFlags) => {
    const actions = splitList(flags.action);
    for (const a of actions) if (!['Deny', 'Warn', 'Audit'].includes(a)) throw new UserError(`--action takes Deny, Warn or Audit (got "${a}")`);
    const { config } = await loadConfigFor(flags, process.cwd());
    const { evaluateRules } = await import('../custom-rules.js');
    let rules = await evaluateRules(config, splitList(flags.customRules));
    const only = splitList(flags.rules);
    if (only.length) {
      const unknown = only.filter((id) => !rules.some((r) => r.id === id));
      if (unknown.length) throw new UserError(`unknown rule ${unknown.join(', ')} (see rampart rules list)`);
      rules = rules.filter((r) => only.includes(r.id));
    }
    rules = rules.filter(frameworkFilter(flags.framework));
    const { exportVap, renderYaml } = await import('../../enforce/vap.js');
    const result = exportVap(rules, { actions: actions as never, excludeNamespaces: splitList(flags.excludeNamespaces) });
    await writeOutput(flags.output, renderYaml(result.objects));
    stderr(`rampart: exported ${result.exported.length} rule(s) as ValidatingAdmissionPolicy; ${result.skipped.length} cannot be exported:`);
    for (const s of result.skipped) stderr(`  ${s.ruleId}: ${s.reason}`);
  });
}
