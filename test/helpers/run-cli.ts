import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from './shared-dir.js';

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) newest = Math.max(newest, newestMtime(p));
    else if (e.name.endsWith('.ts') && !e.name.endsWith('.test.ts')) newest = Math.max(newest, statSync(p).mtimeMs);
  }
  return newest;
}

/**
 * The end-to-end tests run the real `bin/rampart.js`, which runs `dist/`. CI builds first; when
 * `dist/` is missing or older than `src/`, this builds it once (a lock folder keeps parallel test
 * files from building at the same time).
 */
export function ensureBuilt(): void {
  const main = path.join(repoRoot, 'dist/cli/main.js');
  const fresh = () => {
    try {
      return statSync(main).mtimeMs >= newestMtime(path.join(repoRoot, 'src'));
    } catch {
      return false;
    }
  };
  if (fresh()) return;
  const lock = path.join(repoRoot, 'dist/.build-lock');
  mkdirSync(path.dirname(lock), { recursive: true });
  for (let i = 0; i < 600; i++) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      spawnSync('sleep', ['0.2']);
      if (fresh()) return;
    }
  }
  try {
    if (fresh()) return;
    const r = spawnSync(process.execPath, [path.join(repoRoot, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { cwd: repoRoot, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`build failed: ${r.stdout}${r.stderr}`);
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

export interface RunOptions {
  cwd?: string;
  input?: string | Buffer;
  env?: Record<string, string>;
  /** Runs the CLI as another user, e.g. `['setpriv', '--reuid=nobody', ...]`. */
  prefix?: string[];
  /** Runs `shell args...` instead of the CLI (for shell syntax such as `<(...)`). */
  shell?: string;
  timeoutMs?: number;
}

/** Runs `node bin/rampart.js ...args` and collects its output; a hang fails the test with a timeout. */
export function runCli(args: string[], options: RunOptions = {}): Promise<CliRun> {
  const bin = path.join(repoRoot, 'bin/rampart.js');
  const [cmd, ...pre] = options.shell ? [options.shell] : options.prefix?.length ? [...options.prefix, process.execPath] : [process.execPath];
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(cmd!, options.shell ? args : [...pre, bin, ...args], {
      cwd: options.cwd ?? repoRoot,
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '', RAMPART_DEBUG: '', ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`rampart ${args.join(' ')} did not finish within ${options.timeoutMs ?? 20_000} ms`));
    }, options.timeoutMs ?? 20_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, ms: performance.now() - started });
    });
    child.stdin.on('error', () => undefined);
    if (options.input !== undefined) child.stdin.end(options.input);
    else child.stdin.end();
  });
}
