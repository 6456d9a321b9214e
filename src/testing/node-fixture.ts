import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Lays out the node trees of ../shared/corpus/canonical-k8s as fixture roots. Git keeps no modes,
 * so each tree's FILES.tsv gives the mode and owner of every file; files listed without content
 * (directories, PKI) are created, and PKI certificates and keys get the test PKI of
 * test/fixtures/node-pki so that they parse.
 */

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The shared data folder, or undefined when it is not there (tests then skip). */
export function sharedDir(): string | undefined {
  const candidates = [process.env.RAMPART_SHARED, path.resolve(repoRoot, '../shared'), '/work/shared'].filter((p): p is string => Boolean(p));
  return candidates.find((p) => fs.existsSync(path.join(p, 'corpus')));
}

export const NODE_TREES = ['node-default', 'node-default-worker', 'node-cis-hardened', 'node-disa-stig', 'node-hardened'] as const;

export interface FilesRow {
  path: string;
  mode?: number;
  owner: string;
  inTree: boolean;
}

export function readFilesTsv(tree: string): FilesRow[] {
  const rows: FilesRow[] = [];
  for (const line of fs.readFileSync(path.join(tree, 'FILES.tsv'), 'utf8').split('\n')) {
    if (line.startsWith('#') || !line.trim()) continue;
    const [p, mode, owner, content] = line.split('\t');
    if (!p) continue;
    const m = /^0?([0-7]{3,4})\??$/.exec(mode ?? '');
    rows.push({ path: p, mode: m ? parseInt(m[1]!, 8) : undefined, owner: owner ?? 'root:root', inTree: (content ?? '').startsWith('yes') });
  }
  return rows;
}

function pkiFixture(name: string): string {
  return path.join(repoRoot, 'test/fixtures/node-pki', name);
}

function idsOf(owner: string): [number, number] {
  const [u, g] = owner.split(':');
  const id = (n: string | undefined) => (n === 'root' || n === undefined ? 0 : /^\d+$/.test(n) ? Number(n) : 0);
  return [id(u), id(g)];
}

/** Copies `tree` into a new temp folder with the modes and owners of its FILES.tsv; returns the root. */
export function layOutNodeTree(tree: string, dest = fs.mkdtempSync(path.join(os.tmpdir(), `rampart-${path.basename(tree)}-`))): string {
  const copy = (from: string, to: string) => {
    for (const e of fs.readdirSync(from, { withFileTypes: true })) {
      if (from === tree && e.name === 'FILES.tsv') continue;
      const s = path.join(from, e.name);
      const d = path.join(to, e.name);
      if (e.isDirectory()) {
        fs.mkdirSync(d, { recursive: true });
        copy(s, d);
      } else fs.copyFileSync(s, d);
    }
  };
  fs.mkdirSync(dest, { recursive: true });
  copy(tree, dest);
  const rows = readFilesTsv(tree);
  for (const row of rows) {
    const target = path.join(dest, row.path);
    if (row.path.endsWith('/')) fs.mkdirSync(target, { recursive: true });
    else if (!fs.existsSync(target)) {
      fs.mkdirSync(path.dirname(target), { recursive: true });
      const base = path.basename(row.path);
      if (row.path.includes('/pki/') && base.endsWith('.crt')) fs.copyFileSync(pkiFixture(base.includes('ca') ? 'ca.crt' : 'apiserver.crt'), target);
      else if (row.path.includes('/pki/') && base.endsWith('.key')) fs.copyFileSync(pkiFixture(base.includes('ca') ? 'ca.key' : 'apiserver.key'), target);
      else fs.writeFileSync(target, '');
    }
  }
  const isRoot = process.getuid?.() === 0;
  // Deepest paths first, so that a folder's mode is set after its files were written.
  for (const row of [...rows].sort((a, b) => b.path.length - a.path.length)) {
    const target = path.join(dest, row.path);
    if (row.mode !== undefined) fs.chmodSync(target, row.mode);
    if (isRoot) {
      const [uid, gid] = idsOf(row.owner);
      fs.chownSync(target, uid, gid);
    }
  }
  return dest;
}

/** Collects `root` and runs the given rules on it, as `rampart node` does; returns the findings. */
export async function runNodeRules(
  root: string,
  rules: readonly import('../core/rule.js').Rule[],
  options: { benchmark?: 'cis-ck8s' | 'cis-kubeadm' | 'stig'; now?: Date } = {},
): Promise<import('../core/types.js').Finding[]> {
  const { collectNode } = await import('../collectors/node/collect.js');
  const { evaluate } = await import('../core/engine.js');
  const inventory = collectNode(root, { benchmark: options.benchmark });
  return evaluate(inventory, rules, { settings: { now: options.now ?? new Date('2027-06-01T00:00:00Z') } }).findings;
}

/** A fresh copy of one Canonical Kubernetes tree, laid out with its modes, for a test to change. */
export function canonicalTree(name: (typeof NODE_TREES)[number]): string {
  return layOutNodeTree(path.join(sharedDir()!, 'corpus/canonical-k8s', name));
}
