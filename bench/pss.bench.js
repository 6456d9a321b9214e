// Pod Security Standards evaluation speed. Floor: one walk over every field of the same pods
// (the least any evaluator must do: read the pod). Measured on the upstream conformance fixtures
// (../shared/conformance/pss, 4,537 pods) or, without them, on src/pss/fixtures.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { load } from 'js-yaml';
import { checksFor, evaluatePod, evaluatePolicy, defaultPolicy } from '../dist/pss/index.js';
import { collectManifests } from '../dist/collectors/manifests/collect.js';
import { evaluate } from '../dist/core/engine.js';
import { pssRules } from '../dist/rules/pss/index.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const shared = [process.env.RAMPART_SHARED, path.resolve(root, '../shared'), '/work/shared'].find((d) => d && existsSync(d));

function listYaml(dir) {
  const out = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...listYaml(p));
    else if (e.name.endsWith('.yaml')) out.push(p);
  }
  return out;
}

const conformance = shared && path.join(shared, 'conformance/pss');
const files = conformance && existsSync(conformance) ? listYaml(conformance) : listYaml(path.join(root, 'src/pss/fixtures'));
const pods = files.map((f) => {
  const rel = path.relative(conformance ?? '', f).split(path.sep);
  const doc = load(readFileSync(f, 'utf8'));
  return { meta: doc.metadata ?? {}, spec: doc.spec ?? {}, level: rel.length === 4 ? rel[0] : 'restricted', version: rel.length === 4 ? rel[1] : 'latest' };
});

function time(label, rounds, fn) {
  fn(); // warm-up
  globalThis.gc?.();
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < rounds; i++) fn();
  const ns = Number(process.hrtime.bigint() - t0) / rounds;
  return { label, ms: ns / 1e6 };
}

function walk(v) {
  if (v === null || typeof v !== 'object') return 1;
  let n = 1;
  for (const k in v) n += walk(v[k]);
  return n;
}

const rounds = pods.length > 1000 ? 20 : 2000;
const floor = time('floor: walk every field', rounds, () => {
  let n = 0;
  for (const p of pods) n += walk(p.meta) + walk(p.spec);
  return n;
});
const uncached = time('all checks in force, uncached', rounds, () => {
  for (const p of pods) for (const { revision } of checksFor(p.level, p.version)) revision.fn(p.meta, p.spec);
});
const cached = time('evaluatePod, cached', rounds, () => {
  for (const p of pods) evaluatePod(p.meta, p.spec, p.level, p.version);
});
const policy = defaultPolicy('restricted', 'latest');
const withPolicy = time('evaluatePolicy (enforce restricted), cached', rounds, () => {
  for (const p of pods) evaluatePolicy(p.meta, p.spec, policy);
});

console.log(`PSS evaluation of ${pods.length} pods, each at its fixture's level and version`);
for (const r of [floor, uncached, cached, withPolicy]) {
  console.log(`  ${r.label.padEnd(46)} ${r.ms.toFixed(2).padStart(8)} ms  ${((r.ms * 1e6) / pods.length / 1000).toFixed(2).padStart(6)} µs/pod  ${(r.ms / floor.ms).toFixed(1).padStart(5)}x floor`);
}

// Whole path: the 19 rules through the engine on the real-world corpus (parsing excluded).
const corpus = shared && path.join(shared, 'corpus/manifests');
if (corpus && existsSync(corpus)) {
  const inventory = await collectManifests([corpus]);
  // Floor: the same engine running 19 workload rules that do nothing.
  const noop = pssRules.map((r) => ({ ...r, check() {} }));
  const empty = time('engine, 19 no-op workload rules (floor)', 10, () => evaluate(inventory, noop, {}));
  const full = time('engine, 19 PSS rules', 10, () => evaluate(inventory, pssRules, {}));
  const findings = evaluate(inventory, pssRules, {}).findings.length;
  console.log(`Engine on ../shared/corpus/manifests (${inventory.resources.length} resources, ${findings} PSS findings; parsing excluded)`);
  for (const r of [empty, full]) console.log(`  ${r.label.padEnd(46)} ${r.ms.toFixed(2).padStart(8)} ms  ${(r.ms / empty.ms).toFixed(1).padStart(5)}x floor`);
} else {
  console.log('corpus absent (../shared/corpus/manifests): engine figures skipped');
}
