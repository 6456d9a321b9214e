import fs, { type Dirent } from 'node:fs';
import path from 'node:path';
import type { Diagnostic, Inventory, KubeObject, Locator, Resource } from '../../core/types.js';
import { parseYamlStream } from './parse.js';

export interface CollectOptions {
  /** Files larger than this are skipped with a warning. */
  maxFileBytes?: number;
  /** Reads standard input when a path is `-`. */
  stdin?: () => Promise<string>;
  /** Extra files to accept by extension; `.yaml`, `.yml`, `.json` always are when walking folders. */
  extensions?: readonly string[];
}

export const DEFAULT_MAX_FILE_BYTES = 32 * 1024 * 1024;
const MANIFEST_EXTENSIONS = ['.yaml', '.yml', '.json'];
const SKIPPED_DIRS = new Set(['.git', 'node_modules', '.terraform', '.helm']);

/** A source text and the name to show for it. */
export interface ManifestSource {
  name: string;
  text: string;
  origin: 'file' | 'stdin';
}

/**
 * Reads manifests from files, folders (recursively) and `-` (stdin) into an inventory.
 * Nothing here throws for bad input: unreadable paths, binary or huge files and syntax errors
 * become diagnostics, and everything else is still read.
 */
export async function collectManifests(paths: readonly string[], options: CollectOptions = {}): Promise<Inventory> {
  const inventory = emptyInventory();
  const maxBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const files: string[] = [];
  const seenDirs = new Set<string>();
  for (const p of paths) {
    if (p === '-') {
      // Standard input can be read once; a second `-` used to wait for an end that had passed.
      if (files.includes('-')) inventory.diagnostics.push({ level: 'warning', code: 'stdin-repeated', message: '- (standard input) is named more than once; read once' });
      else files.push('-');
      continue;
    }
    expand(p, true, files, seenDirs, inventory.diagnostics, options.extensions ?? MANIFEST_EXTENSIONS);
  }
  for (const file of files) {
    let text: string;
    if (file === '-') {
      if (!options.stdin) {
        inventory.diagnostics.push({ level: 'error', code: 'no-stdin', message: 'reading from - needs standard input' });
        continue;
      }
      text = await options.stdin();
      if (!/\S/.test(text)) {
        inventory.diagnostics.push({
          level: 'warning',
          code: 'empty-input',
          message: 'standard input is empty (did the command before the pipe fail?)',
          file: '-',
        });
      }
      addSource(inventory, { name: '-', text, origin: 'stdin' });
      continue;
    }
    if (file.toLowerCase().endsWith('.json.gz')) {
      // A cluster snapshot (rampart snapshot): read through its own collector, loaded only when needed.
      await (await import('../snapshot/snapshot.js')).addSnapshot(inventory, file);
      continue;
    }
    const read = readManifestFile(file, maxBytes, inventory.diagnostics);
    if (read === undefined) continue;
    if (!/\S/.test(read)) inventory.diagnostics.push({ level: 'info', code: 'empty-file', message: `${file}: empty; nothing to scan`, file });
    addSource(inventory, { name: file, text: read, origin: 'file' });
  }
  if (paths.length > 0 && files.length === 0 && !inventory.diagnostics.some((d) => d.level === 'error')) {
    inventory.diagnostics.push({
      level: 'warning',
      code: 'no-input',
      message: `no manifest files (${MANIFEST_EXTENSIONS.join(', ')}) found in ${paths.join(', ')}`,
    });
  }
  return inventory;
}

export function emptyInventory(): Inventory {
  return { resources: [], diagnostics: [], stats: { files: 0, documents: 0, resources: 0, bytes: 0, ignoredKinds: {} } };
}

// Synchronous on purpose: a scan reads many small files, and sequential async calls spent more
// time waiting on the event loop than reading (measured on ../shared/corpus/manifests).
function expand(
  p: string,
  explicit: boolean,
  out: string[],
  seenDirs: Set<string>,
  diagnostics: Diagnostic[],
  extensions: readonly string[],
): void {
  let stat;
  try {
    stat = fs.statSync(p);
  } catch (err) {
    const d = fsDiagnostic(err, p);
    // A dangling or looping symlink met while walking a folder points at nothing to scan: a warning.
    // Named on the command line, or unreadable, it is an input error.
    const code = (err as NodeJS.ErrnoException).code;
    if (!explicit && (code === 'ENOENT' || code === 'ELOOP')) {
      d.level = 'warning';
      d.message += code === 'ENOENT' ? ' (dangling symbolic link); skipped' : '; skipped';
    }
    diagnostics.push(d);
    return;
  }
  if (stat.isDirectory()) {
    // Real paths catch symlink loops: a folder already walked is not walked again.
    let real: string;
    try {
      real = fs.realpathSync(p);
    } catch (err) {
      diagnostics.push(fsDiagnostic(err, p));
      return;
    }
    if (seenDirs.has(real)) {
      if (!explicit) diagnostics.push({ level: 'warning', code: 'symlink-loop', message: `${p}: already scanned (symlink loop?); skipped`, file: p });
      return;
    }
    seenDirs.add(real);
    let entries: Dirent[];
    try {
      entries = fs.readdirSync(p, { withFileTypes: true });
    } catch (err) {
      diagnostics.push(fsDiagnostic(err, p));
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      if (e.isDirectory() && SKIPPED_DIRS.has(e.name)) continue;
      const child = path.join(p, e.name);
      if (e.isDirectory() || e.isSymbolicLink()) expand(child, false, out, seenDirs, diagnostics, extensions);
      else if (e.isFile() && extensions.includes(path.extname(e.name).toLowerCase())) out.push(child);
    }
    return;
  }
  if (stat.isFile()) {
    // A file named explicitly is read whatever its extension; in folders only manifest extensions are.
    if (explicit || extensions.includes(path.extname(p).toLowerCase())) out.push(p);
    return;
  }
  // `rampart scan <(helm template ...)` names a pipe; read it when named, never while walking a folder.
  if (explicit && (stat.isFIFO() || stat.isCharacterDevice())) {
    out.push(p);
    return;
  }
  if (explicit) diagnostics.push({ level: 'error', code: 'not-a-file', message: `${p}: not a regular file or folder`, file: p });
}

function fsDiagnostic(err: unknown, p: string): Diagnostic {
  const code = (err as NodeJS.ErrnoException).code;
  const reason =
    code === 'ENOENT'
      ? 'no such file or folder'
      : code === 'EACCES' || code === 'EPERM'
        ? 'permission denied'
        : code === 'ELOOP'
          ? 'too many levels of symbolic links'
          : (err as Error).message;
  return { level: 'error', code: `fs-${(code ?? 'error').toLowerCase().replace(/_/g, '-')}`, message: `${p}: ${reason}`, file: p };
}

function readManifestFile(file: string, maxBytes: number, diagnostics: Diagnostic[]): string | undefined {
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, 'r');
    const stat = fs.fstatSync(fd);
    const regular = stat.isFile();
    // A pipe or device has no size up front: read it up to the limit (so /dev/zero cannot fill memory).
    const buf = regular && stat.size <= maxBytes ? fs.readFileSync(fd) : regular ? undefined : readBounded(fd, maxBytes);
    if (buf === undefined) {
      diagnostics.push({
        level: 'warning',
        code: 'file-too-large',
        message: `${file}: ${regular ? `${stat.size} bytes is over the limit of ${maxBytes} bytes` : `more than the limit of ${maxBytes} bytes`}; skipped (see --max-file-size)`,
        file,
      });
      return undefined;
    }
    const utf16 = decodeUtf16(buf);
    if (utf16 !== undefined) return utf16;
    if (looksBinary(buf)) {
      diagnostics.push({ level: 'warning', code: 'binary-file', message: `${file}: binary content; skipped`, file });
      return undefined;
    }
    return buf.toString('utf8');
  } catch (err) {
    diagnostics.push(fsDiagnostic(err, file));
    return undefined;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** Reads a pipe or device to its end, or returns undefined once it passes `maxBytes`. */
function readBounded(fd: number, maxBytes: number): Buffer | undefined {
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    const chunk = Buffer.allocUnsafe(65536);
    let n: number;
    try {
      n = fs.readSync(fd, chunk, 0, chunk.length, null);
    } catch (err) {
      // A non-blocking descriptor (an inherited pipe) has no data yet: wait a little and retry.
      if ((err as NodeJS.ErrnoException).code === 'EAGAIN') {
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
        continue;
      }
      throw err;
    }
    if (n === 0) return Buffer.concat(chunks, total);
    total += n;
    if (total > maxBytes) return undefined;
    chunks.push(chunk.subarray(0, n));
  }
}

/** Text saved as UTF-16 with a byte-order mark (PowerShell's `>` does that) is decoded, not called binary. */
function decodeUtf16(buf: Buffer): string | undefined {
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) return buf.subarray(2).toString('utf16le');
  if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff) {
    const swapped = Buffer.from(buf.subarray(2, buf.length - (buf.length % 2)));
    return swapped.swap16().toString('utf16le');
  }
  return undefined;
}

function looksBinary(buf: Buffer): boolean {
  const n = Math.min(buf.length, 8000);
  for (let i = 0; i < n; i++) if (buf[i] === 0) return true;
  return false;
}

const canonicalStrings = new Map<string, string>();

/**
 * One shared, internalized copy of each kind and apiVersion. Parsed values are separate strings
 * per object; every rule and index compares and hashes these, and with one copy (internalized as a
 * property key, like the literals in the code) a comparison is a pointer test and the hash is
 * computed once. Few distinct values exist; the table is bounded all the same.
 */
function canonical(s: string): string {
  let c = canonicalStrings.get(s);
  if (c === undefined) {
    c = Object.keys({ [s]: 0 })[0]!;
    if (canonicalStrings.size < 10_000) canonicalStrings.set(c, c);
  }
  return c;
}

/** Parses one source text and adds its resources to the inventory. */
export function addSource(inventory: Inventory, source: ManifestSource): void {
  inventory.stats.files++;
  inventory.stats.bytes += Buffer.byteLength(source.text);
  const text = source.text.charCodeAt(0) === 0xfeff ? source.text.slice(1) : source.text;
  const isJson = source.name.toLowerCase().endsWith('.json') || /^\s*[{[]/.test(text.slice(0, 64));
  const parsed = parseYamlStream(text, source.name, isJson && !text.includes('\n---'));
  inventory.diagnostics.push(...parsed.diagnostics);
  inventory.stats.documents += parsed.documents.length;
  for (const doc of parsed.documents) {
    addObject(inventory, doc.value, doc.locate, { origin: source.origin, file: source.name, documentIndex: doc.index, line: doc.line }, []);
  }
}

function addObject(
  inventory: Inventory,
  value: unknown,
  locate: Locator,
  source: Resource['source'],
  prefix: (string | number)[],
): void {
  const at = locate(prefix);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    inventory.diagnostics.push({
      level: 'warning',
      code: 'not-an-object',
      message: `document ${(source.documentIndex ?? 0) + 1} is not a Kubernetes object (a ${Array.isArray(value) ? 'list' : typeof value}); skipped`,
      file: source.file,
      line: at?.line,
      column: at?.column,
    });
    return;
  }
  const obj = value as KubeObject;
  const kind = obj.kind;
  const apiVersion = obj.apiVersion;
  if (typeof kind !== 'string' || typeof apiVersion !== 'string' || kind === '' || apiVersion === '') {
    inventory.diagnostics.push({
      level: 'warning',
      code: 'missing-kind',
      message: `document ${(source.documentIndex ?? 0) + 1} has no ${typeof kind !== 'string' || kind === '' ? 'kind' : 'apiVersion'}; not a Kubernetes object, skipped`,
      file: source.file,
      line: at?.line,
      column: at?.column,
    });
    return;
  }
  // `kind: List` and every `FooList` as kubectl prints them: the items are the resources.
  if (kind.endsWith('List') && Array.isArray(obj.items)) {
    obj.items.forEach((item: unknown, i: number) => addObject(inventory, item, locate, source, [...prefix, 'items', i]));
    return;
  }
  const meta = obj.metadata !== null && typeof obj.metadata === 'object' ? obj.metadata : {};
  const resource: Resource = {
    apiVersion: canonical(apiVersion),
    kind: canonical(kind),
    name: typeof meta.name === 'string' ? meta.name : typeof meta.generateName === 'string' ? `${meta.generateName}*` : '(unnamed)',
    object: obj,
    source: prefix.length ? { ...source, line: at?.line ?? source.line } : source,
    locate: prefix.length ? (p) => locate([...prefix, ...p]) : locate,
  };
  if (typeof meta.namespace === 'string' && meta.namespace !== '') resource.namespace = meta.namespace;
  inventory.resources.push(resource);
  inventory.stats.resources++;
}
