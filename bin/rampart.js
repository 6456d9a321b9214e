#!/usr/bin/env node
// Entry point for `rampart` and `kubectl-rampart`: runs the compiled CLI.
import { readFileSync } from 'node:fs';
import { URL } from 'node:url';

const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
  // Answered before the CLI (commander and every command module) is loaded: a cold start measure.
  // The single executable has no package.json beside it: its build fixes the version in a global.
  const version = globalThis.__RAMPART_VERSION__ ?? JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version;
  process.stdout.write(`${version}\n`);
} else {
  let settled = false;
  // A reader that stops early (`rampart --help | head`) is a normal end, not a crash with a stack.
  process.stdout.on('error', (err) => {
    if (err?.code !== 'EPIPE') throw err;
    settled = true;
    process.exit(0);
  });
  // Node exits with 0 when nothing is left to wait for, even if main() never finished (a promise
  // that cannot settle): that must not look like a clean scan.
  process.on('exit', () => {
    if (settled) return;
    process.stderr.write('rampart: internal error: the command stopped before it finished\n');
    process.exitCode = 3;
  });
  import('../dist/cli/main.js')
    .then(({ main }) => main(process.argv))
    .then(
      (code) => {
        settled = true;
        process.exitCode = code;
      },
      (err) => {
        settled = true;
        process.stderr.write(`rampart: internal error: ${err?.message ?? err}\n`);
        process.exitCode = 3;
      },
    );
}
