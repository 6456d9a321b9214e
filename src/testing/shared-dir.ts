import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Root of the repository (this file is src/testing/ or dist/testing/). */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * The read-only shared data folder: `$RAMPART_SHARED`, else `../shared` beside the clone, else
 * `/work/shared`. Undefined when none exists, so that tests can skip with a message.
 */
export function sharedDir(): string | undefined {
  const candidates = [process.env.RAMPART_SHARED, path.resolve(repoRoot, '../shared'), '/work/shared'];
  return candidates.find((c): c is string => !!c && existsSync(c));
}
