import { celUint, isCelError, isCelList, isCelMap, isCelUint, run } from '@bufbuild/cel';
import { strings } from '@bufbuild/cel/ext';
import { describe, expect, it } from 'vitest';

/**
 * How much of the CEL specification's conformance data (cel-spec's simple tests, as shipped in
 * @bufbuild/cel-spec) the evaluator we rely on passes, for the suites that policies use.
 * The figure is asserted so that an upgrade that regresses is noticed; the suites that are not
 * run (protobuf messages, type checking only, optional syntax ...) are named.
 */
const SUITES = ['basic', 'comparisons', 'conversions', 'fp_math', 'integer_math', 'lists', 'logic', 'macros', 'macros2', 'parse', 'plumbing', 'string', 'string_ext', 'timestamps'];

type ProtoValue = Record<string, any>;

function fromProto(v: ProtoValue): unknown {
  if ('int64Value' in v) return BigInt(v.int64Value);
  if ('uint64Value' in v) return celUint(BigInt(v.uint64Value));
  if ('doubleValue' in v) return typeof v.doubleValue === 'string' ? Number(v.doubleValue) : v.doubleValue;
  if ('stringValue' in v) return v.stringValue;
  if ('boolValue' in v) return v.boolValue;
  if ('nullValue' in v) return null;
  if ('bytesValue' in v) return new Uint8Array(Buffer.from(v.bytesValue, 'base64'));
  if ('listValue' in v) return (v.listValue.values ?? []).map(fromProto);
  if ('mapValue' in v) return new Map((v.mapValue.entries ?? []).map((e: any) => [fromProto(e.key), fromProto(e.value)]));
  throw new Error(`unsupported value ${Object.keys(v)[0]}`);
}

function same(a: unknown, b: unknown): boolean {
  if (isCelUint(a) && isCelUint(b)) return a.value === b.value;
  if (typeof a === 'number' && typeof b === 'number') return (Number.isNaN(a) && Number.isNaN(b)) || a === b;
  if (a instanceof Uint8Array && b instanceof Uint8Array) return Buffer.from(a).equals(Buffer.from(b));
  if (isCelList(a) && Array.isArray(b)) return a.size === b.length && [...a].every((x, i) => same(x, b[i]));
  if (isCelMap(a) && b instanceof Map) {
    if (a.size !== b.size) return false;
    for (const [k, v] of b) if (!a.has(k as never) || !same(a.get(k as never), v)) return false;
    return true;
  }
  return a === b;
}

describe('CEL conformance (cel-spec simple tests)', async () => {
  const { tests } = await import('@bufbuild/cel-spec/testdata/conformance.js');
  it('passes at least 95% of the policy-relevant suites', () => {
    const perSuite: Record<string, { pass: number; fail: number; skipped: number }> = {};
    const failures: string[] = [];
    for (const suite of (tests as any).suites) {
      if (!SUITES.includes(suite.name)) continue;
      const stats = (perSuite[suite.name] = { pass: 0, fail: 0, skipped: 0 });
      const walk = (s: any, prefix: string) => {
        for (const t of s.tests ?? []) {
          const o = t.original;
          if (o.checkOnly || o.container || o.typedResult || (o.value && ('objectValue' in o.value || 'typeValue' in o.value || 'enumValue' in o.value))) {
            stats.skipped++;
            continue;
          }
          let bindings: Record<string, unknown>;
          try {
            bindings = Object.fromEntries(Object.entries(o.bindings ?? {}).map(([k, v]: [string, any]) => [k, fromProto(v.value)]));
          } catch {
            stats.skipped++;
            continue;
          }
          let ok: boolean;
          try {
            const r = run(o.expr, bindings as never, { funcs: strings });
            ok = o.evalError ? isCelError(r) : o.value ? !isCelError(r) && same(r, fromProto(o.value)) : !isCelError(r);
          } catch {
            ok = Boolean(o.evalError);
          }
          if (ok) stats.pass++;
          else {
            stats.fail++;
            failures.push(`${prefix}/${o.name}: ${o.expr}`);
          }
        }
        for (const sub of s.suites ?? []) walk(sub, `${prefix}/${sub.name}`);
      };
      walk(suite, suite.name);
    }
    const pass = Object.values(perSuite).reduce((a, s) => a + s.pass, 0);
    const fail = Object.values(perSuite).reduce((a, s) => a + s.fail, 0);
    console.log(`CEL conformance: ${pass} passed, ${fail} failed of ${pass + fail} run`, perSuite);
    console.log(`first failures:\n  ${failures.slice(0, 15).join('\n  ')}`);
    expect(pass / (pass + fail)).toBeGreaterThan(0.95);
  });
});
