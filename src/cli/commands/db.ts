import type { Command } from 'commander';
import { UserError } from '../errors.js';
import { stderr, writeOutput } from '../io.js';

interface DbFlags {
  db?: string;
}

async function vuln() {
  const [store, imp, upd] = await Promise.all([import('../../vuln/store.js'), import('../../vuln/import.js'), import('../../vuln/update.js')]);
  return { ...store, ...imp, ...upd };
}

/** Database errors are the user's to fix (run update, check the path): shown without a stack. */
async function userErrors<T>(fn: () => Promise<T>): Promise<T> {
  const { VulnDbError } = await import('../../vuln/store.js');
  try {
    return await fn();
  } catch (err) {
    if (err instanceof VulnDbError) throw new UserError(err.message);
    throw err;
  }
}

export function register(program: Command): void {
  const db = program
    .command('db')
    .summary('manage the offline vulnerability database (OSV)')
    .description(
      `The vulnerability database is built from OSV records and kept in SQLite at
$RAMPART_DB, or $XDG_CACHE_HOME/rampart/vuln.db (~/.cache/rampart/vuln.db). --db overrides both.`,
    );
  db.command('update')
    .description('download the OSV exports (all.zip per ecosystem) and rebuild the database; the old one stays until the new one is complete')
    .option('--db <file>', 'database file')
    .option('--base-url <url>', 'OSV export base URL, e.g. a mirror (default RAMPART_OSV_URL or https://osv-vulnerabilities.storage.googleapis.com)')
    .option('--ecosystem <names...>', 'ecosystems to fetch (default Debian Ubuntu Alpine Go npm PyPI)')
    .option('--timeout <ms>', 'give up on a download with no data for this long (default 60000)')
    .action(async (flags: DbFlags & { baseUrl?: string; ecosystem?: string[]; timeout?: string }) => {
      const v = await vuln();
      const target = flags.db ?? v.defaultDbPath();
      const started = performance.now();
      const r = await userErrors(() =>
        v.updateDatabase(target, {
          baseUrl: flags.baseUrl,
          ecosystems: flags.ecosystem?.flatMap((e) => e.split(',')).filter(Boolean),
          timeoutMs: flags.timeout ? Number(flags.timeout) : undefined,
          progress: (line) => stderr(line),
        }),
      );
      stderr(
        `${target}: ${r.stats.records} records (${r.ecosystems.map((e) => `${e.ecosystem} ${e.status}`).join(', ')}) in ${((performance.now() - started) / 1000).toFixed(1)} s`,
      );
    });
  db.command('import')
    .description('build the database from OSV JSON files: folders (read recursively) or zips, for air-gapped use')
    .argument('<paths...>', 'folders of OSV .json files, or .zip exports')
    .option('--db <file>', 'database file')
    .action(async (paths: string[], flags: DbFlags) => {
      const v = await vuln();
      const target = flags.db ?? v.defaultDbPath();
      const started = performance.now();
      const stats = await userErrors(() => v.buildDatabase(paths.map((p) => ({ path: p })), target));
      const secs = ((performance.now() - started) / 1000).toFixed(1);
      stderr(`${target}: ${stats.records} records from ${stats.files} files in ${secs} s (${stats.withdrawn} withdrawn skipped, ${stats.skipped.length} files not OSV skipped)`);
    });
  db.command('status')
    .description('show where the database is, when it was built and what it holds')
    .option('--db <file>', 'database file')
    .option('-f, --format <format>', 'text or json', 'text')
    .action(async (flags: DbFlags & { format: string }) => {
      const v = await vuln();
      const target = flags.db ?? v.defaultDbPath();
      const handle = await userErrors(async () => v.VulnDb.open(target));
      try {
        const counts = handle.counts();
        const info = { path: target, builtAt: handle.meta.builtAt, source: handle.meta.source ?? handle.meta.sources, schemaVersion: handle.meta.schemaVersion, ...counts };
        if (flags.format === 'json') return writeOutput(undefined, `${JSON.stringify(info, null, 2)}\n`);
        if (flags.format !== 'text') throw new UserError('--format must be text or json');
        const lines = [
          `database: ${target}`,
          `built:    ${info.builtAt}`,
          `source:   ${info.source}`,
          `records:  ${counts.records} (${counts.affected} package entries)`,
          ...Object.entries(counts.byEcosystem).map(([e, n]) => `  ${e.padEnd(28)} ${n}`),
        ];
        await writeOutput(undefined, `${lines.join('\n')}\n`);
      } finally {
        handle.close();
      }
    });
}
