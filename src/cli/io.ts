import { promises as fs } from 'node:fs';
import path from 'node:path';
import { UserError } from './errors.js';

export function readStdin(): Promise<string> {
  return new Promise((resolve, reject) => {
    if (process.stdin.isTTY) {
      reject(new UserError('reading manifests from - (standard input), but standard input is a terminal; pipe something in, e.g. kubectl get pods -A -o yaml | rampart scan -'));
      return;
    }
    const chunks: Buffer[] = [];
    process.stdin.on('data', (c: Buffer) => chunks.push(c));
    process.stdin.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    process.stdin.on('error', reject);
  });
}

/** Colour only for a terminal, and never when NO_COLOR is set; FORCE_COLOR forces it. */
export function wantsColor(toTerminal: boolean, flag: boolean | undefined): boolean {
  if (flag === false) return false;
  if (process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '') return false;
  if (process.env.FORCE_COLOR !== undefined && process.env.FORCE_COLOR !== '0') return true;
  return toTerminal && Boolean(process.stdout.isTTY) && process.env.TERM !== 'dumb';
}

let guarded = false;

/**
 * `rampart scan -f json | head` closes the pipe early: the write callback gets EPIPE (handled once
 * at the top, as a normal end), and the stream then emits an 'error' event that, unhandled,
 * crashed with a stack trace. This listener takes that event.
 */
function guardStdout(): void {
  if (guarded) return;
  guarded = true;
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE') stderr(`rampart: cannot write to standard output: ${err.message}`);
  });
}

/** Writes the output atomically (temp file, then rename) so a failed run never leaves half a report. */
export async function writeOutput(file: string | undefined, text: string): Promise<void> {
  if (!file || file === '-') {
    guardStdout();
    await new Promise<void>((resolve, reject) => process.stdout.write(text, (err) => (err ? reject(err) : resolve())));
    return;
  }
  // Only a regular file is replaced atomically. A device, FIFO or /dev/stdout is written in place:
  // renaming a temp file over it replaced the device node itself (found with -o /dev/full as root).
  let special = false;
  try {
    special = !(await fs.stat(file)).isFile();
  } catch {
    // does not exist yet: created by the rename below
  }
  if (special) {
    try {
      await fs.writeFile(file, text);
    } catch (err) {
      throw new UserError(`cannot write ${file}: ${(err as Error).message}`);
    }
    return;
  }
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    await fs.writeFile(tmp, text);
    await fs.rename(tmp, file);
  } catch (err) {
    await fs.rm(tmp, { force: true });
    throw new UserError(`cannot write ${file}: ${(err as NodeJS.ErrnoException).code === 'EACCES' ? 'permission denied' : (err as Error).message}`);
  }
}

export function stderr(line: string): void {
  process.stderr.write(`${line}\n`);
}
