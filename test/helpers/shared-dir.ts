import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** `../shared` beside the clone (or RAMPART_SHARED, or /work/shared); undefined when absent, so tests can skip. */
export function sharedDir(): string | undefined {
  const candidates = [process.env.RAMPART_SHARED, path.resolve(repoRoot, '../shared'), '/work/shared'].filter((d): d is string => Boolean(d));
  return candidates.find((d) => existsSync(d));
}
