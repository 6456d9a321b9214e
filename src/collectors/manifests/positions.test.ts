import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sharedDir } from '../../../test/helpers/shared-dir.js';
import { MAX_ALIAS_EXPANSION, parseYamlStream } from './parse.js';

/**
 * The position listener must point every key at its own text. Checked on every key of every
 * object of the real corpus, since the listener's bookkeeping was tuned for speed.
 */

function files(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) files(p, out);
    else if (/\.(ya?ml|json)$/i.test(e.name)) out.push(p);
  }
  return out;
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

describe('YAML positions', () => {
  const shared = sharedDir();
  it.skipIf(!shared)('locate() puts every key of every object of ../shared/corpus/manifests at its own text', () => {
    let checked = 0;
    const wrong: string[] = [];
    for (const file of files(path.join(shared!, 'corpus/manifests'))) {
      const text = readFileSync(file, 'utf8');
      const parsed = parseYamlStream(text, file, file.endsWith('.json'));
      const starts = lineStarts(text);
      for (const doc of parsed.documents) {
        const walk = (node: unknown, p: (string | number)[], depth: number) => {
          if (node === null || typeof node !== 'object' || depth > 60) return;
          const entries: [string | number, unknown][] = Array.isArray(node) ? node.map((v, i) => [i, v]) : Object.entries(node);
          for (const [k, v] of entries) {
            const at = doc.locate([...p, k]);
            // `{{x}}` (template text) is a flow mapping used as a key: js-yaml names it `[object Object]`.
            if (typeof k === 'string' && k !== '[object Object]' && at) {
              checked++;
              const offset = starts[at.line - 1]! + at.column - 1;
              const here = text.slice(offset, offset + k.length + 2);
              // A key is written plain, quoted, or (in flow style) after `{` or `,`; merge keys (`<<`) bring keys from elsewhere.
              if (!here.startsWith(k) && !here.startsWith(`"${k}`) && !here.startsWith(`'${k}`) && !text.slice(offset, offset + 2).startsWith('<<')) {
                if (wrong.length < 10) wrong.push(`${file}:${at.line}:${at.column} key ${JSON.stringify(k)} found ${JSON.stringify(here)}`);
              }
            }
            walk(v, [...p, k], depth + 1);
          }
        };
        walk(doc.value, [], 0);
      }
    }
    expect(wrong).toEqual([]);
    expect(checked).toBeGreaterThan(50_000);
  });

  it('points list items at their first key and nested fields at their line', () => {
    const text = '# c\napiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - name: a\n      image: x\n    -   name: b\n        image: "y"\n';
    const { documents } = parseYamlStream(text, 't.yaml');
    expect(documents[0]!.locate(['spec', 'containers', 1, 'image'])).toEqual({ line: 9, column: 9 });
    expect(documents[0]!.locate(['spec', 'containers', 1])).toEqual({ line: 8, column: 9 });
    expect(documents[0]!.locate(['spec', 'missing', 'deeper'])).toEqual({ line: 4, column: 1 });
    expect(documents[0]!.line).toBe(2);
  });

  it('walks alias expansion only when the document defines anchors, and bounds it', () => {
    // `*` and `&` in text are not aliases: no walk, no diagnostic.
    const plain = parseYamlStream('kind: Role\nrules:\n  - verbs: ["*"]\n    resources: ["a&b"]\n', 'r.yaml');
    expect(plain.diagnostics).toEqual([]);
    const width = Math.ceil(Math.sqrt(MAX_ALIAS_EXPANSION)) + 10;
    const bomb = `a: &a [${Array(width).fill('1').join(',')}]\nb: &b [${Array(width).fill('*a').join(',')}]\n`;
    const parsed = parseYamlStream(bomb, 'b.yaml');
    expect(parsed.diagnostics).toEqual([expect.objectContaining({ code: 'yaml-alias-bomb', line: 1 })]);
    expect(parsed.documents).toEqual([]);
  });
});
