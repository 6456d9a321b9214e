#!/usr/bin/env node
// Entry point for `rampart` and `kubectl-rampart`: runs the compiled CLI.
import { main } from '../dist/cli/main.js';

main(process.argv).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.stderr.write(`rampart: internal error: ${err?.message ?? err}\n`);
    process.exitCode = 3;
  },
);
