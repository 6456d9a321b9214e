#!/usr/bin/env node
// The node agent's loop, for images without a shell: runs `rampart <args>` now and then every
// --interval seconds, each report on standard output. Usage: node-agent.js --interval 86400 -- node --root /host
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const argv = process.argv.slice(2);
const sep = argv.indexOf('--');
const own = sep === -1 ? argv : argv.slice(0, sep);
const args = sep === -1 ? [] : argv.slice(sep + 1);
const i = own.indexOf('--interval');
const interval = Number(i === -1 ? 86400 : own[i + 1]);
if (!(interval > 0) || args.length === 0) {
  process.stderr.write('usage: node-agent.js --interval SECONDS -- <rampart arguments>\n');
  process.exit(2);
}
const bin = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'bin', 'rampart.js');

function run() {
  const child = spawn(process.execPath, [bin, ...args], { stdio: 'inherit' });
  child.on('exit', (code) => {
    process.stderr.write(`rampart-node-agent: run finished with exit code ${code}; next in ${interval}s\n`);
    setTimeout(run, interval * 1000);
  });
}
process.on('SIGTERM', () => process.exit(0));
run();
