import type { Command } from 'commander';
import { UserError } from '../errors.js';
import { writeOutput } from '../io.js';

export function register(program: Command): void {
  program
    .command('history')
    .summary('list stored scans')
    .description('List the scans stored with --store, newest first, with their finding counts and framework scores.')
    .option('--store <url>', 'the store (default: $RAMPART_STORE or the SQLite file under the XDG data folder)')
    .option('--cluster <name>', 'only scans of this cluster')
    .option('-n, --limit <n>', 'at most this many scans', '20')
    .option('-f, --format <format>', 'table or json', 'table')
    .action(async (flags: { store?: string; cluster?: string; limit: string; format: string }) => {
      const limit = Number(flags.limit);
      if (!Number.isInteger(limit) || limit < 1) throw new UserError('--limit takes a positive whole number');
      const { withStore } = await import('./diff.js');
      await withStore(flags.store, async (store) => {
        const scans = await store.listScans({ cluster: flags.cluster, limit });
        if (flags.format === 'json') return writeOutput(undefined, `${JSON.stringify(scans, null, 2)}\n`);
        if (scans.length === 0) return writeOutput(undefined, `no scans stored in ${store.location}${flags.cluster ? ` for ${flags.cluster}` : ''}\n`);
        const lines = scans.map((s) => {
          const scores = s.scores.filter((x) => x.score !== null).map((x) => `${x.framework} ${x.score}%`).join(', ');
          return `${String(s.id).padStart(5)}  ${s.generatedAt.slice(0, 19).replace('T', ' ')}  ${String(s.findings).padStart(8)}  ${s.cluster}${scores ? `  [${scores}]` : ''}`;
        });
        await writeOutput(undefined, `${'   ID'}  ${'SCANNED (UTC)'.padEnd(19)}  FINDINGS  CLUSTER\n${lines.join('\n')}\n`);
      });
    });
}
