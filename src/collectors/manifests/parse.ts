import jsyaml from 'js-yaml';
import type { Diagnostic, Locator, PathSegment, Position } from '../../core/types.js';
import { parseJsonDocument } from './json.js';

/**
 * YAML parsing with source positions at close to plain-parse speed.
 *
 * js-yaml is several times faster than `yaml`'s document API, but has no position API. It does
 * call an optional listener when it opens and closes each node; from those events we record, for
 * every mapping and sequence, the offsets of its keys and items (in a WeakMap keyed by the object
 * itself). A finding's path is then resolved to a line only when a finding needs it.
 */

export interface ParsedDocument {
  /** 0-based index of the document in the file. */
  index: number;
  value: unknown;
  /** 1-based line where the document's content starts. */
  line: number;
  locate: Locator;
}

export interface ParseResult {
  documents: ParsedDocument[];
  diagnostics: Diagnostic[];
  /** Documents that were empty (only comments or nothing). */
  empty: number;
}

/** Upper bound on nodes visited when a document uses aliases: an alias bomb stops here. */
export const MAX_ALIAS_EXPANSION = 200_000;

/** Offsets recorded per collection: mappings `[keyPos, key, valuePos, value, ...]`, sequences `[itemPos, item, ...]`. */
type Children = unknown[];

export class LineIndex {
  private starts: number[] | undefined;
  constructor(private readonly text: string) {}

  position(offset: number): Position {
    const starts = (this.starts ??= computeLineStarts(this.text));
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - starts[lo]! + 1 };
  }
}

function computeLineStarts(text: string): number[] {
  const starts = [0];
  let i = -1;
  while ((i = text.indexOf('\n', i + 1)) !== -1) starts.push(i + 1);
  return starts;
}

/** Splits a YAML stream at `---` and `...` markers, keeping each document's offset in the file. */
export function splitDocuments(text: string): { start: number; end: number }[] {
  const parts: { start: number; end: number }[] = [];
  let start = 0;
  let lineStart = 0;
  while (lineStart <= text.length) {
    const nl = text.indexOf('\n', lineStart);
    const lineEnd = nl === -1 ? text.length : nl;
    if (text.startsWith('---', lineStart) || text.startsWith('...', lineStart)) {
      const after = text.charCodeAt(lineStart + 3);
      if (lineStart + 3 === lineEnd || after === 32 || after === 9 || after === 13) {
        parts.push({ start, end: lineStart });
        // Content may follow `--- ` on the same line; a `...` line ends the document only.
        start = text[lineStart] === '-' ? lineStart + 3 : lineEnd;
      }
    }
    if (nl === -1) break;
    lineStart = nl + 1;
  }
  parts.push({ start, end: text.length });
  return parts;
}

function skipInsignificant(text: string, offset: number, limit: number): number {
  let i = offset;
  while (i < limit) {
    const c = text.charCodeAt(i);
    const next = text.charCodeAt(i + 1);
    if (c === 32 || c === 9 || c === 10 || c === 13) i++;
    // The `-` of a block sequence entry, so that an item points at its first key.
    else if (c === 45 && (next === 32 || next === 10 || next === 13)) i++;
    else if (c === 35 /* # */) {
      const nl = text.indexOf('\n', i);
      i = nl === -1 ? limit : nl + 1;
    } else break;
  }
  return i < limit ? i : offset;
}

/**
 * Parses every document of a YAML (or JSON) text. A document with an error becomes a diagnostic
 * with its file position; the other documents are still returned.
 */
export function parseYamlStream(text: string, file: string, isJson = false): ParseResult {
  const lines = new LineIndex(text);
  const documents: ParsedDocument[] = [];
  const diagnostics: Diagnostic[] = [];
  let empty = 0;
  if (isJson) {
    // Valid JSON takes the fast path; anything else (YAML flow syntax, errors to report) the YAML path.
    const json = parseJsonDocument(text, lines);
    if (json && json.value !== null) return { documents: [{ index: 0, value: json.value, line: lines.position(json.start).line, locate: json.locate }], diagnostics, empty };
  }
  const parts = isJson ? [{ start: 0, end: text.length }] : splitDocuments(text);
  let index = -1;
  for (const part of parts) {
    const body = text.slice(part.start, part.end);
    if (!/\S/.test(body) || isOnlyComments(body)) {
      // The part before a leading `---` is not a document of its own.
      if (part.start !== 0 || parts.length === 1) empty++;
      continue;
    }
    index++;
    const positions = new WeakMap<object, Children>();
    // Parallel stacks rather than a frame object per node: most nodes are scalars without
    // children, and the allocations showed up as garbage-collector time in the scan profile.
    const posStack: number[] = [];
    const kidStack: (Children | undefined)[] = [];
    let depth = 0;
    let hasAnchors = false;
    const listener = (event: 'open' | 'close', state: any) => {
      if (event === 'open') {
        posStack[depth] = state.position;
        kidStack[depth] = undefined;
        depth++;
        return;
      }
      depth--;
      const kids = kidStack[depth];
      const result = state.result;
      // A node can be wrapped in a second open/close pair (flow collections); the inner one has the children.
      if (kids !== undefined && result !== null && typeof result === 'object' && !positions.has(result)) positions.set(result, kids);
      if (depth > 0) {
        let parent = kidStack[depth - 1];
        if (parent === undefined) kidStack[depth - 1] = parent = [];
        parent.push(posStack[depth], result);
      } else if (!hasAnchors) {
        // Only a document that defines anchors can expand aliases; js-yaml keeps them per document.
        for (const _ in state.anchorMap) {
          hasAnchors = true;
          break;
        }
      }
    };
    let value: unknown;
    try {
      value = jsyaml.load(body, { filename: file, listener, json: isJson } as jsyaml.LoadOptions);
    } catch (err) {
      const e = err as { reason?: string; message?: string; mark?: { position: number } };
      const offset = part.start + (e.mark?.position ?? 0);
      const at = lines.position(offset);
      let reason = e.reason ?? e.message ?? String(err);
      // js-yaml's mark is at the second occurrence of the key; name it, as kubectl does.
      if (reason === 'duplicated mapping key') reason += ` ${JSON.stringify(keyAt(text, offset))}`;
      diagnostics.push({
        level: 'error',
        code: 'yaml-syntax',
        message: `${reason} (document ${index + 1})`,
        file,
        line: at.line,
        column: at.column,
      });
      continue;
    }
    if (value === null || value === undefined) {
      empty++;
      continue;
    }
    const docStart = skipInsignificant(text, part.start, part.end);
    if (hasAnchors && exceedsExpansion(value)) {
      const at = lines.position(docStart);
      diagnostics.push({
        level: 'error',
        code: 'yaml-alias-bomb',
        message: `document ${index + 1} expands its YAML aliases to more than ${MAX_ALIAS_EXPANSION} nodes (or into a cycle); skipped`,
        file,
        line: at.line,
        column: at.column,
      });
      continue;
    }
    const base = part.start;
    const end = part.end;
    const locate: Locator = (path: readonly PathSegment[]) => {
      let offset = docStart - base;
      let node: unknown = value;
      for (const seg of path) {
        if (node === null || typeof node !== 'object') break;
        const children = positions.get(node as object);
        if (!children) break;
        let found = -1;
        if (Array.isArray(node)) {
          if (typeof seg === 'number' && seg * 2 < children.length) found = children[seg * 2] as number;
        } else {
          for (let i = 0; i + 1 < children.length; i += 4) {
            // Keys are compared as text: `80:` is the number 80 in YAML but a string in JSON paths.
            if (String(children[i + 1]) === String(seg)) {
              found = children[i] as number;
              break;
            }
          }
        }
        if (found < 0) break;
        offset = found;
        node = (node as any)[seg];
      }
      return lines.position(skipInsignificant(text, base + offset, end));
    };
    documents.push({ index, value, line: lines.position(docStart).line, locate });
  }
  return { documents, diagnostics, empty };
}

/** The mapping key written at `offset` (unquoted, at most 80 characters). */
function keyAt(text: string, offset: number): string {
  const m = /^(?:"((?:[^"\\\n]|\\.)*)"|'((?:[^'\n]|'')*)'|([^:\n]*?))\s*:/.exec(text.slice(offset, offset + 200));
  const key = m ? (m[1] ?? m[2]?.replace(/''/g, "'") ?? m[3] ?? '') : '';
  return key.length > 80 ? `${key.slice(0, 77)}...` : key;
}

/** True when every line is blank, a comment or a directive (scanned in place, without splitting). */
function isOnlyComments(body: string): boolean {
  let atLineStart = true;
  for (let i = 0; i < body.length; i++) {
    const c = body.charCodeAt(i);
    if (c === 10) atLineStart = true;
    else if (c === 32 || c === 9 || c === 13) continue;
    else if (atLineStart && (c === 35 /* # */ || c === 37) /* % */) {
      const nl = body.indexOf('\n', i);
      if (nl === -1) return true;
      i = nl;
    } else return false;
  }
  return true;
}

/** Counts nodes as a consumer walking the tree would see them, stopping at the bound or a cycle. */
function exceedsExpansion(root: unknown): boolean {
  let budget = MAX_ALIAS_EXPANSION;
  const onPath = new Set<object>();
  const visit = (node: unknown): boolean => {
    if (--budget < 0) return true;
    if (node === null || typeof node !== 'object') return false;
    if (onPath.has(node)) return true;
    onPath.add(node);
    for (const child of Array.isArray(node) ? node : Object.values(node)) if (visit(child)) return true;
    onPath.delete(node);
    return false;
  };
  return visit(root);
}
