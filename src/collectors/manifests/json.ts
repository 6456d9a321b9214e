import type { Locator, PathSegment } from '../../core/types.js';
import type { LineIndex } from './parse.js';

/**
 * JSON with source positions, at JSON.parse speed and memory.
 *
 * Cluster dumps (`kubectl get … -o json`, snapshots, synthetic RBAC clusters) are large JSON
 * Lists. Parsing them through the YAML path records the offset of every node, which costs seven
 * times JSON.parse in time and most of the process's memory. Here the value comes from JSON.parse
 * and positions are found on demand: locating a path scans only the containers on that path, each
 * at most once (their children's offsets are then kept), so locating every item of a List costs one
 * pass over the text.
 */

/** Offsets of a container's children: objects `[keyOffset, key, ...]`, arrays `[itemOffset, ...]`. */
type Children = (number | string)[];

const QUOTE = 34;
const BACKSLASH = 92;

function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9;
}

function skipSpace(text: string, i: number): number {
  while (i < text.length && isSpace(text.charCodeAt(i))) i++;
  return i;
}

/** Offset just past the string that opens at `i` (text[i] is `"`). */
function skipString(text: string, i: number): number {
  let j = i + 1;
  for (;;) {
    const q = text.indexOf('"', j);
    if (q === -1) return text.length;
    // The quote is escaped when an odd number of backslashes precede it.
    let b = q - 1;
    while (b > i && text.charCodeAt(b) === BACKSLASH) b--;
    if ((q - 1 - b) % 2 === 0) return q + 1;
    j = q + 1;
  }
}

/** Offset just past the value that starts at `i` (a string, a container, or a literal). */
function skipValue(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c === QUOTE) return skipString(text, i);
  if (c === 123 /* { */ || c === 91 /* [ */) {
    let depth = 0;
    let j = i;
    while (j < text.length) {
      const d = text.charCodeAt(j);
      if (d === QUOTE) {
        j = skipString(text, j);
        continue;
      }
      if (d === 123 || d === 91) depth++;
      else if (d === 125 || d === 93) {
        depth--;
        if (depth === 0) return j + 1;
      }
      j++;
    }
    return j;
  }
  // Literal: number, true, false, null.
  let j = i;
  while (j < text.length) {
    const d = text.charCodeAt(j);
    if (d === 44 || d === 125 || d === 93 || isSpace(d)) break;
    j++;
  }
  return j;
}

/**
 * Calls `visit` with the offset of each child of the container that opens at `open`: an object's
 * keys (with the offset just past the key string) or an array's items (keyEnd -1). `visit` returns
 * true to stop. Returns the offset where the walk ended (the closing bracket when not stopped).
 */
function walkChildren(text: string, open: number, visit: (start: number, keyEnd: number) => boolean | void): number {
  const isObject = text.charCodeAt(open) === 123;
  let i = skipSpace(text, open + 1);
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 125 || c === 93) break;
    if (c === 44) {
      i = skipSpace(text, i + 1);
      continue;
    }
    if (isObject) {
      const keyEnd = skipString(text, i);
      if (visit(i, keyEnd)) return i;
      i = skipSpace(text, keyEnd);
      i = skipSpace(text, i + 1); // past `:`
    } else if (visit(i, -1)) return i;
    i = skipSpace(text, skipValue(text, i));
  }
  return i;
}

function childrenOf(text: string, open: number): Children {
  const out: Children = [];
  walkChildren(text, open, (start, keyEnd) => {
    if (keyEnd < 0) out.push(start);
    else {
      const raw = text.slice(start + 1, keyEnd - 1);
      out.push(start, raw.includes('\\') ? (JSON.parse(text.slice(start, keyEnd)) as string) : raw);
    }
  });
  return out;
}

/** Containers with this many children keep their children's offsets once scanned. */
const LARGE = 64;
/** …and so do containers that span this many characters (a List with a few keys and huge items). */
const LARGE_SPAN = 16_384;

/** True when the key string that opens at `i` is exactly `name` (escapes decoded when present). */
function keyIs(text: string, i: number, end: number, name: string): boolean {
  if (end - i - 2 === name.length && text.startsWith(name, i + 1)) return true;
  // A key written with escapes (`"k\u0041y"`) can still equal the name.
  return text.charCodeAt(i + 1 + name.length) !== QUOTE && text.slice(i, end).includes('\\') && JSON.parse(text.slice(i, end)) === name;
}

/**
 * Scans one container for a key (objects: the last occurrence) or item index, building nothing.
 * Returns its offset (-1 when absent) and how many children the scan passed.
 */
function findChild(text: string, open: number, seg: PathSegment): { offset: number; count: number; end: number } {
  const name = String(seg);
  let offset = -1;
  let count = 0;
  const end = walkChildren(text, open, (start, keyEnd) => {
    if (keyEnd < 0) {
      if (count++ === seg) return (offset = start) >= 0;
      return false;
    }
    count++;
    if (keyIs(text, start, keyEnd, name)) offset = start;
    return false;
  });
  return { offset, count, end };
}

/**
 * Parses one JSON document. Returns undefined when JSON.parse rejects the text (the caller then
 * takes the YAML path, which names the error's line and column and accepts YAML's flow syntax).
 */
export function parseJsonDocument(text: string, lines: LineIndex): { value: unknown; start: number; locate: Locator } | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  const start = skipSpace(text, 0);
  // Children's offsets are kept only for large containers (a List's items), where scanning again
  // for every item would be quadratic; small ones are scanned in place, allocating nothing.
  const index = new Map<number, Children>();
  const child = (open: number, seg: PathSegment): number => {
    const isArray = text.charCodeAt(open) === 91;
    let kids = index.get(open);
    if (!kids && isArray && typeof seg === 'number' && seg >= LARGE) index.set(open, (kids = childrenOf(text, open)));
    if (kids) {
      if (isArray) return typeof seg === 'number' && seg >= 0 && seg < kids.length ? (kids[seg] as number) : -1;
      // The last occurrence of a duplicated key holds the value, as in JSON.parse.
      const name = String(seg);
      for (let k = kids.length - 2; k >= 0; k -= 2) if (kids[k + 1] === name) return kids[k] as number;
      return -1;
    }
    const found = findChild(text, open, seg);
    if (found.count >= LARGE || found.end - open >= LARGE_SPAN) index.set(open, childrenOf(text, open));
    return found.offset;
  };
  const locate: Locator = (path: readonly PathSegment[]) => {
    // `at` is what is reported: the last key or item found. `value` is where its value starts.
    let at = start;
    let value = start;
    for (const seg of path) {
      const c = text.charCodeAt(value);
      if (c !== 123 && c !== 91) break;
      const found = child(value, seg);
      if (found < 0) break;
      at = found;
      value = c === 91 ? found : skipSpace(text, skipSpace(text, skipString(text, found)) + 1);
    }
    return lines.position(at);
  };
  return { value, start, locate };
}
