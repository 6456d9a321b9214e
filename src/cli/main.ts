import { Command, CommanderError } from 'commander';
import { EXIT, UserError } from './errors.js';
import { stderr } from './io.js';
import { toolVersion } from './version.js';

/**
 * Each command lives in `commands/<name>.ts` and registers itself; heavy modules are imported
 * inside the action so that `rampart --version` and `--help` stay fast.
 */
const COMMANDS: (() => Promise<{ register(program: Command): void }>)[] = [
  () => import('./commands/scan.js'),
  () => import('./commands/rules.js'),
  () => import('./commands/admission.js'),
  () => import('./commands/export.js'),
  () => import('./commands/node.js'),
  () => import('./commands/cluster.js'),
  () => import('./commands/snapshot.js'),
  () => import('./commands/image.js'),
  () => import('./commands/sbom.js'),
  () => import('./commands/db.js'),
  () => import('./commands/frameworks.js'),
  () => import('./commands/history.js'),
  () => import('./commands/diff.js'),
  () => import('./commands/serve.js'),
  () => import('./commands/rbac.js'),
];

export async function main(argv: readonly string[]): Promise<number> {
  // `rampart scan … | head`: a closed pipe ends the output quietly, as for any Unix tool.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  });
  const invokedAs = /kubectl-rampart/.test(argv[1] ?? '') ? 'kubectl rampart' : 'rampart';
  const program = new Command(invokedAs)
    .description('Kubernetes security posture and compliance: manifests, clusters, nodes, images, RBAC.')
    .version(toolVersion(), '-V, --version', 'print the version')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
  // --version answers before any command module is loaded.
  if (argv.length === 3 && (argv[2] === '--version' || argv[2] === '-V')) {
    process.stdout.write(`${toolVersion()}\n`);
    return EXIT.ok;
  }
  for (const load of COMMANDS) (await load()).register(program);
  program.addHelpText(
    'after',
    `
Exit codes: 0 nothing at or above --fail-on was found; 1 something was; 2 usage or input error.
Examples:
  ${invokedAs} scan ./k8s/
  helm template my-chart | ${invokedAs} scan -
  ${invokedAs} scan ./k8s --format sarif -o rampart.sarif
  ${invokedAs} rules explain image-tag-mutable`,
  );
  try {
    await program.parseAsync(argv as string[]);
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT.ok;
  } catch (err) {
    return handleError(err);
  }
}

/** The one place errors become messages and exit codes. Stack traces only with RAMPART_DEBUG=1. */
export function handleError(err: unknown): number {
  if (err instanceof CommanderError) {
    if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') return EXIT.ok;
    return EXIT.usage;
  }
  if (err instanceof UserError) {
    stderr(`rampart: ${err.message}`);
    return err.exitCode;
  }
  const e = err as NodeJS.ErrnoException;
  if (e?.code === 'EPIPE') return EXIT.ok;
  stderr(`rampart: internal error: ${e?.message ?? String(err)}`);
  if (process.env.RAMPART_DEBUG) stderr(String(e?.stack ?? ''));
  else stderr('(set RAMPART_DEBUG=1 for details, and please report this)');
  return 3;
}
