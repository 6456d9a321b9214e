import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateCluster } from '../../../bench/rbac-synthetic.js';
import { sharedDir } from '../../../test/helpers/shared-dir.js';
import { parseYamlStream } from './parse.js';

/**
 * The JSON fast path must report the same value and the same position for every path as the YAML
 * path (which records every node's offset while parsing). Checked on every node of every JSON file
 * of ../shared/corpus, of a synthetic List, and of hand-written edge cases.
 */

function jsonFiles(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) jsonFiles(p, out);
    else if (e.name.endsWith('.json')) out.push(p);
  }
  return out;
}

/** Compares both parsers on every path of the document; returns the number of paths compared. */
function compare(text: string, name: string): number {
  const fast = parseYamlStream(text, name, true);
  const slow = parseYamlStream(text, name, false);
  expect(fast.diagnostics).toEqual(slow.diagnostics);
  expect(fast.documents.map((d) => d.value)).toEqual(slow.documents.map((d) => d.value));
  let n = 0;
  fast.documents.forEach((doc, i) => {
    const other = slow.documents[i]!;
    expect(doc.line).toBe(other.line);
    const walk = (node: unknown, p: (string | number)[]) => {
      expect(doc.locate(p), `${name} ${JSON.stringify(p)}`).toEqual(other.locate(p));
      n++;
      if (node === null || typeof node !== 'object') {
        // A path through a scalar stops at the scalar.
        expect(doc.locate([...p, 'x'])).toEqual(other.locate([...p, 'x']));
        return;
      }
      expect(doc.locate([...p, 'no-such-key'])).toEqual(other.locate([...p, 'no-such-key']));
      expect(doc.locate([...p, 99999])).toEqual(other.locate([...p, 99999]));
      for (const [k, v] of Array.isArray(node) ? node.map((x, j) => [j, x] as const) : Object.entries(node)) walk(v, [...p, k]);
    };
    walk(doc.value, []);
  });
  return n;
}

describe('JSON fast path', () => {
  it('locates like the YAML path: nesting, escapes, empty containers, odd spacing, CRLF', () => {
    const text = [
      '\r\n  {"apiVersion": "v1", "kind" :"List",',
      '"items":[ {"kind":"Role","metadata":{"name":"a\\"b\\\\","labels":{}},"rules":[]},',
      '\t{ "kind" : "Pod", "spec": { "containers": [ { "name": "c", "args": ["x", "}", "]", "\\\\"], "n": -1.5e3, "t": true, "z": null } ] } }',
      ' , {"k\\u0041y": [[], [1, [2, {}]]], "\\"q": "v"} ]}\r\n',
    ].join('\r\n');
    expect(compare(text, 'edge.json')).toBeGreaterThan(30);
  });

  it('locates every node of a synthetic List like the YAML path', () => {
    const list = generateCluster({ serviceAccounts: 40, bindings: 120, roles: 30, namespaces: 5, users: 10, groups: 3, workloads: 20 });
    expect(compare(JSON.stringify(list, null, 1), 'pretty.json')).toBeGreaterThan(3000);
    expect(compare(JSON.stringify(list), 'minified.json')).toBeGreaterThan(3000);
  });

  it('falls back to the YAML path for what JSON.parse rejects, naming the error position', () => {
    const parsed = parseYamlStream('{"kind": "Pod",\n "metadata": {"name": "a" "b"}}\n', 'bad.json', true);
    expect(parsed.documents).toEqual([]);
    expect(parsed.diagnostics).toEqual([expect.objectContaining({ level: 'error', code: 'yaml-syntax', file: 'bad.json', line: 2 })]);
    // YAML flow syntax in a .json file still parses.
    const flow = parseYamlStream('{kind: Pod, metadata: {name: a}}', 'flow.json', true);
    expect(flow.documents[0]!.value).toEqual({ kind: 'Pod', metadata: { name: 'a' } });
  });

  it('points a duplicated key at the occurrence whose value is kept', () => {
    const parsed = parseYamlStream('{"a": 1,\n "a": 2}', 'dup.json', true);
    expect(parsed.documents[0]!.value).toEqual({ a: 2 });
    expect(parsed.documents[0]!.locate(['a'])).toEqual({ line: 2, column: 2 });
  });

  const shared = sharedDir();
  it.skipIf(!shared)('locates every node of every JSON file of ../shared/corpus like the YAML path', () => {
    let n = 0;
    const files = jsonFiles(path.join(shared!, 'corpus'));
    for (const file of files) n += compare(readFileSync(file, 'utf8'), file);
    expect(files.length).toBeGreaterThan(10);
    expect(n).toBeGreaterThan(1000);
  });
});
