import type { Command } from 'commander';
import type { Report } from '../../reporters/report.js';
import type { Store } from '../../store/types.js';
import { readJsonReport } from '../compliance.js';
import { EXIT, UserError } from '../errors.js';
import { writeOutput } from '../io.js';

/** Opens the store, runs `fn`, closes it; store problems become user errors. */
export async function withStore<T>(url: string | undefined, fn: (store: Store) => Promise<T>): Promise<T> {
  const { openStore, defaultStoreUrl, StoreError } = await import('../../store/index.js');
  let store: Store;
  try {
    store = await openStore(url ?? defaultStoreUrl());
  } catch (err) {
    if (err instanceof StoreError) throw new UserError(err.message);
    throw err;
  }
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

/** A scan is a stored scan id, or a JSON report file. */
async function loadScan(ref: string, storeUrl: string | undefined): Promise<Report> {
  if (/^\d+$/.test(ref)) {
    return withStore(storeUrl, async (store) => {
      const r = await store.getReport(Number(ref));
      if (!r) throw new UserError(`no scan ${ref} in ${store.location} (see rampart history)`);
      return r;
    });
  }
  return readJsonReport(ref);
}

export function register(program: Command): void {
  program
    .command('diff')
    .summary('compare two scans: new, fixed and unchanged findings, score change')
    .description('Compare two scans, each a stored scan id (see rampart history) or a JSON report file. Findings are matched by fingerprint.')
    .argument('<scanA>', 'the earlier scan')
    .argument('<scanB>', 'the later scan')
    .option('--store <url>', 'the store holding scan ids')
    .option('--force', 'compare even when the scans are of different clusters (the output says so)')
    .option('--fail-on-new', 'exit 1 when scanB has findings that scanA did not')
    .option('-f, --format <format>', 'text or json', 'text')
    .action(async (a: string, b: string, flags: { store?: string; force?: boolean; failOnNew?: boolean; format: string }) => {
      const { diffReports } = await import('../../store/diff.js');
      const d = diffReports(await loadScan(a, flags.store), await loadScan(b, flags.store), { from: a, to: b });
      if (!d.sameCluster && !flags.force)
        throw new UserError(`scan ${a} is of "${d.from.cluster}" but scan ${b} is of "${d.to.cluster}"; comparing different clusters is refused (use --force to compare anyway)`);
      if (flags.format === 'json') await writeOutput(undefined, `${JSON.stringify(d, null, 2)}\n`);
      else {
        const out: string[] = [];
        if (!d.sameCluster) out.push(`NOTE: different clusters — ${a}: ${d.from.cluster}; ${b}: ${d.to.cluster}`, '');
        out.push(`${a} (${d.from.generatedAt}) → ${b} (${d.to.generatedAt})`);
        out.push(`new: ${d.new.length}   fixed: ${d.fixed.length}   unchanged: ${d.unchanged.length}`);
        const line = (sign: string, f: Report['findings'][number]) =>
          `  ${sign} ${f.severity.padEnd(8)} ${f.ruleId}  ${f.resource.kind} ${f.resource.namespace ? `${f.resource.namespace}/` : ''}${f.resource.name}  ${f.message}`;
        if (d.new.length) out.push('', 'New findings:', ...d.new.map((f) => line('+', f)));
        if (d.fixed.length) out.push('', 'Fixed findings:', ...d.fixed.map((f) => line('-', f)));
        const changed = d.scores.filter((s) => s.from !== null || s.to !== null);
        if (changed.length) {
          out.push('', 'Scores:');
          for (const s of changed) out.push(`  ${s.framework.padEnd(16)} ${s.from ?? '—'}% → ${s.to ?? '—'}%${s.change !== null ? ` (${s.change >= 0 ? '+' : ''}${s.change})` : ''}`);
        }
        await writeOutput(undefined, `${out.join('\n')}\n`);
      }
      process.exitCode = flags.failOnNew && d.new.length ? EXIT.findings : EXIT.ok;
    });
}
