import type { Command } from 'commander';
import pc from 'picocolors';
import type { Rule } from '../../core/rule.js';
import { UserError } from '../errors.js';
import { wantsColor, writeOutput } from '../io.js';

function ruleJson(r: Rule) {
  return {
    id: r.id,
    title: r.title,
    severity: r.severity,
    area: r.area,
    target: r.target,
    enabledByDefault: r.defaultEnabled !== false,
    description: r.description,
    remediation: r.remediation,
    example: r.example,
    references: r.references ?? [],
    pss: r.pss,
    aliases: r.aliases ?? [],
  };
}

export function register(program: Command): void {
  const rules = program.command('rules').summary('list the rules and explain one').description('List every rule with its severity and area, or explain one rule in full.');
  rules
    .command('list')
    .description('list every rule: id, severity, area, title')
    .option('--area <area>', 'only rules of this area (pss, workload, rbac, node, image, cloud, cluster)')
    .option('-f, --format <format>', 'table or json', 'table')
    .action(async (flags: { area?: string; format: string }) => {
      const { builtinRules } = await import('../../rules/index.js');
      const list = builtinRules.filter((r) => !flags.area || r.area === flags.area);
      if (flags.format === 'json') return writeOutput(undefined, `${JSON.stringify(list.map(ruleJson), null, 2)}\n`);
      if (flags.format !== 'table') throw new UserError(`--format must be table or json`);
      const c = pc.createColors(wantsColor(true, undefined));
      const width = Math.max(...list.map((r) => r.id.length), 4);
      const lines = list.map((r) => `${r.id.padEnd(width)}  ${r.severity.padEnd(8)}  ${r.area.padEnd(8)}  ${r.title}${r.defaultEnabled === false ? c.dim(' (off by default)') : ''}`);
      await writeOutput(undefined, `${c.bold(`${'RULE'.padEnd(width)}  SEVERITY  AREA      TITLE`)}\n${lines.join('\n')}\n${list.length} rules\n`);
    });
  rules
    .command('explain')
    .description('explain one rule: why it matters, how to fix it, its framework mappings')
    .argument('<rule-id>', 'the rule id (see rampart rules list)')
    .option('-f, --format <format>', 'text or json', 'text')
    .action(async (id: string, flags: { format: string }) => {
      const { findRule } = await import('../../rules/index.js');
      const r = findRule(id);
      if (!r) throw new UserError(`no rule "${id}" (see rampart rules list)`);
      if (flags.format === 'json') return writeOutput(undefined, `${JSON.stringify(ruleJson(r), null, 2)}\n`);
      const c = pc.createColors(wantsColor(true, undefined));
      const out = [
        `${c.bold(r.id)} — ${r.title}`,
        `severity: ${r.severity}   area: ${r.area}${r.pss ? `   Pod Security: ${r.pss.level} / ${r.pss.check}` : ''}${r.defaultEnabled === false ? '   (off by default)' : ''}`,
        '',
        c.bold('Why it matters'),
        r.description,
        '',
        c.bold('How to fix it'),
        r.remediation,
        ...(r.example ? ['', c.bold('Example'), r.example] : []),
        ...(r.references?.length ? ['', c.bold('References'), ...r.references.map((u) => `  ${u}`)] : []),
        '',
        c.dim(`Exempt one resource with the annotation rampart.dev/exempt.${r.id}: "<reason>"`),
      ];
      await writeOutput(undefined, `${out.join('\n')}\n`);
    });
}
