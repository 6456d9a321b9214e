import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The shared data folder (`../shared` beside the repository), or RAMPART_SHARED, or /work/shared.
 * Undefined when none exists; tests that need it skip and say why.
 */
export function sharedDir(): string | undefined {
  const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
  for (const candidate of [process.env.RAMPART_SHARED, path.resolve(repoRoot, '../shared'), '/work/shared']) {
    if (candidate && existsSync(candidate)) return candidate;
  }
  return undefined;
}
