import type { Command } from 'commander';
import { addClusterOptions, collectWithFlags, type ClusterFlags } from '../cluster-flags.js';
import { UserError } from '../errors.js';
import { stderr } from '../io.js';

interface SnapshotFlags extends ClusterFlags {
  output?: string;
}

export function register(program: Command): void {
  const cmd = program
    .command('snapshot')
    .summary('write a portable snapshot of a cluster for offline analysis')
    .description(
      `Read a cluster as \`rampart cluster\` does and write what was read to a gzipped JSON file
(Secret values are never written; with --read-secrets only the kinds of credentials found are kept).
\`rampart scan FILE.json.gz\` then judges it offline with the same findings as the live scan.`,
    )
    .requiredOption('-o, --output <file>', 'the snapshot file to write (.json.gz)');
  addClusterOptions(cmd);
  cmd.addHelpText(
    'after',
    `
Examples:
  rampart snapshot -o prod-2026-11-27.json.gz
  rampart scan prod-2026-11-27.json.gz`,
  );
  cmd.action(async (flags: SnapshotFlags) => {
    const out = flags.output!;
    if (!out.toLowerCase().endsWith('.json.gz')) throw new UserError(`the snapshot file must end in .json.gz (got "${out}"), so that rampart scan recognises it`);
    const collection = await collectWithFlags(flags);
    const { writeSnapshot, SnapshotError } = await import('../../collectors/snapshot/snapshot.js');
    try {
      const bytes = await writeSnapshot(out, collection);
      const objects = collection.lists.reduce((n, l) => n + l.items.length, 0);
      process.exitCode = 0;
      stderr(`rampart: wrote ${out} (${objects} objects, ${bytes} bytes${collection.forbidden.length ? `, ${collection.forbidden.length} resource types unreadable` : ''})`);
    } catch (err) {
      if (err instanceof SnapshotError) throw new UserError(err.message);
      throw err;
    }
  });
}
