#!/usr/bin/env node
// Entry point for `rampart` and `kubectl-rampart`: runs the compiled CLI.
import { main } from '../dist/cli/main.js';

let settled = false;
main(process.argv).then(
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
// Node exits with 0 when nothing is left to wait for, even if main() never finished (a promise
// that cannot settle): that must not look like a clean scan.
process.on('exit', () => {
  if (settled) return;
  process.stderr.write('rampart: internal error: the command stopped before it finished\n');
  process.exitCode = 3;
});
