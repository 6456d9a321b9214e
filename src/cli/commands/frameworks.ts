import type { Command } from 'commander';
import pc from 'picocolors';
import { UserError } from '../errors.js';
import { wantsColor, writeOutput } from '../io.js';

export function register(program: Command): void {
  const fw = program
    .command('frameworks')
    .summary('list the compliance frameworks and show their controls')
    .description('Compliance frameworks (CIS, DISA STIG, NSA/CISA, Pod Security Standards) are data files in frameworks/; each control names the rules that decide it.');
  fw.command('list')
    .description('list frameworks: id, controls, how many Rampart rules decide')
    .option('-f, --format <format>', 'table or json', 'table')
    .action(async (flags: { format: string }) => {
      const { loadFrameworks, coverageOf } = await import('../../frameworks/index.js');
      const { builtinRules } = await import('../../rules/index.js');
      const ids = new Set(builtinRules.map((r) => r.id));
      const { frameworks, diagnostics } = loadFrameworks();
      const rows = frameworks.map((f) => ({ id: f.id, name: f.name, version: f.version, ...coverageOf(f, ids) }));
      if (flags.format === 'json') return writeOutput(undefined, `${JSON.stringify(rows, null, 2)}\n`);
      if (flags.format !== 'table') throw new UserError('--format must be table or json');
      const c = pc.createColors(wantsColor(true, undefined));
      const w = Math.max(...rows.map((r) => r.id.length), 2);
      const lines = rows.map(
        (r) => `${r.id.padEnd(w)}  ${String(r.controls).padStart(8)}  ${String(r.automated).padStart(9)}  ${String(r.manual.length).padStart(6)}  ${r.name} ${c.dim(r.version)}`,
      );
      const diag = diagnostics.map((d) => `${c.yellow('warning')}: ${d.message}`);
      await writeOutput(undefined, `${c.bold(`${'ID'.padEnd(w)}  CONTROLS  AUTOMATED  MANUAL  NAME`)}\n${[...lines, ...diag].join('\n')}\n`);
    });
  fw.command('show')
    .description('show a framework: its sections and controls, and the rules that decide each')
    .argument('<id>', 'framework id (see rampart frameworks list)')
    .option('-f, --format <format>', 'text or json', 'text')
    .action(async (id: string, flags: { format: string }) => {
      const { findFramework, loadFrameworks } = await import('../../frameworks/index.js');
      const { builtinRules } = await import('../../rules/index.js');
      const f = findFramework(id);
      if (!f) throw new UserError(`no framework "${id}"; known: ${loadFrameworks().frameworks.map((x) => x.id).join(', ')}`);
      if (flags.format === 'json') return writeOutput(undefined, `${JSON.stringify(f, null, 2)}\n`);
      const known = new Set(builtinRules.map((r) => r.id));
      const c = pc.createColors(wantsColor(true, undefined));
      const out = [`${c.bold(f.name)} (${f.id}, version ${f.version})`, f.description, c.dim(`source: ${f.source}`), ''];
      // Sections in the order their controls appear (object keys like "2" would sort first).
      for (const sid of [...new Set(f.controls.map((x) => x.section))]) {
        const title = f.sections[sid] ?? sid;
        const controls = f.controls.filter((x) => x.section === sid);
        if (!controls.length) continue;
        out.push(c.bold(`${sid}  ${title}`));
        for (const x of controls) {
          const rules = x.rules.map((r) => `${r.rule}${r.checkId ? `#${r.checkId}` : ''}${r.rule === '*' || known.has(r.rule) ? '' : '?'}`);
          const how = x.applicability === 'not-applicable' ? c.dim('not applicable') : rules.length ? c.dim(rules.join(', ')) : c.yellow('manual');
          out.push(`  ${x.id.padEnd(10)} ${x.title}  ${how}`);
        }
        out.push('');
      }
      out.push(c.dim('A rule id followed by ? is not a built-in rule of this version. #ID matches the check id a node rule reports.'));
      await writeOutput(undefined, `${out.join('\n')}\n`);
    });
}
