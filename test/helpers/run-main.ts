import { afterEach, vi } from 'vitest';
import { main } from '../../src/cli/main.js';

/**
 * Runs the CLI in this process (`main()`, no build needed), capturing what it writes and the exit
 * code it sets. Registers an afterEach that clears process.exitCode, which a command sets.
 */
export async function runMain(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: any, cb?: any) => {
    out += String(chunk);
    if (typeof cb === 'function') cb();
    return true;
  });
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: any) => {
    err += String(chunk);
    return true;
  });
  process.exitCode = undefined;
  try {
    const code = await main(['node', 'rampart', ...args]);
    return { code, out, err };
  } finally {
    o.mockRestore();
    e.mockRestore();
    process.exitCode = undefined;
  }
}

afterEach(() => {
  process.exitCode = undefined;
});
