// Workload rules over the real manifest corpus, and the credential detector on its own.
// Floors measured in the same run: for the rules, a walk that visits every container of every
// workload and reads each env value (the least any container rule must do); for the detector, one
// pass of a single precompiled regex over the same strings.
import path from 'node:path';
import { loadavg } from 'node:os';
import { collectManifests } from '../dist/collectors/manifests/collect.js';
import { evaluate } from '../dist/core/engine.js';
import { containersOf, podTemplateOf } from '../dist/core/workload.js';
import { workloadRules } from '../dist/rules/workload/index.js';
import { detectCredential } from '../dist/rules/workload/shared/credentials.js';
import { sharedDir } from '../dist/testing/shared-dir.js';

const shared = sharedDir();
if (!shared) {
  console.log('skipped: ../shared/corpus/manifests not found (set RAMPART_SHARED)');
  process.exit(0);
}

/**
 * Median CPU time (user + system) of `fn` in ms over `runs` runs after `warm` warm-up runs (the
 * JIT needs dozens). CPU time rather than wall time: the machine is shared, and wall time then
 * measures the neighbours.
 */
function time(fn, runs = 20, warm = 60) {
  for (let i = 0; i < warm; i++) fn();
  const t = [];
  for (let i = 0; i < runs; i++) {
    globalThis.gc?.();
    const c = process.cpuUsage();
    fn();
    const d = process.cpuUsage(c);
    t.push((d.user + d.system) / 1000);
  }
  t.sort((a, b) => a - b);
  return t[Math.floor(t.length / 2)];
}

const inventory = await collectManifests([path.join(shared, 'corpus/manifests')]);
const settings = { now: new Date('2026-01-01') };
let containers = 0;
const pairs = [];
for (const r of inventory.resources) {
  const t = podTemplateOf(r);
  if (!t) continue;
  for (const c of containersOf(t.spec)) {
    containers++;
    for (const e of Array.isArray(c.container.env) ? c.container.env : []) {
      if (e && typeof e.value === 'string') pairs.push([String(e.name), e.value]);
    }
  }
}

let sink = 0;
// A CLI scan evaluates once, before the JIT has warmed up: measure that first, then the steady state.
const cold = process.cpuUsage();
sink += evaluate(inventory, workloadRules, { settings }).findings.length;
const coldUsage = process.cpuUsage(cold);
const coldMs = (coldUsage.user + coldUsage.system) / 1000;
const floorWalk = time(() => {
  for (const r of inventory.resources) {
    const t = podTemplateOf(r);
    if (!t) continue;
    for (const c of containersOf(t.spec)) {
      const env = c.container.env;
      if (Array.isArray(env)) for (const e of env) sink += typeof e?.value === 'string' ? e.value.length : 0;
    }
  }
});
const rulesMs = time(() => {
  sink += evaluate(inventory, workloadRules, { settings }).findings.length;
});
const noRulesMs = time(() => {
  sink += evaluate(inventory, [], { settings }).findings.length;
});

console.log(`CPU time, median; load average ${loadavg()[0].toFixed(1)} on this machine`);
console.log(`corpus: ${inventory.resources.length} resources, ${containers} containers, ${pairs.length} literal env values`);
console.log(`floor (walk containers + env):   ${floorWalk.toFixed(2)} ms`);
console.log(`engine with no rules:            ${noRulesMs.toFixed(2)} ms`);
console.log(`${workloadRules.length} workload rules, first run:     ${coldMs.toFixed(2)} ms (cold JIT, as in one CLI scan)`);
console.log(`${workloadRules.length} workload rules (all on):       ${rulesMs.toFixed(2)} ms  = ${(rulesMs / floorWalk).toFixed(1)}x floor, ${((rulesMs * 1000) / containers).toFixed(1)} µs/container`);

// Detector: the corpus values are few, so the set is widened with generated names and values
// (half secret-like names, a tenth of them with token-shaped values) to a fixed size.
const words = ['DB_PASSWORD', 'API_KEY', 'LOG_LEVEL', 'TOKEN_URL', 'PORT', 'GITHUB_TOKEN', 'JAVA_OPTS', 'SESSION_SECRET', 'HOST', 'MODE'];
const values = ['info', '8080', 'https://auth.example.org/token', '-Xmx512m -XX:+UseG1GC', '/run/secrets/db', '${DB_PASSWORD}'];
let seed = 7;
const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
const alnum = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const randomToken = (n) => Array.from({ length: n }, () => alnum[Math.floor(rnd() * alnum.length)]).join('');
const sample = [...pairs];
while (sample.length < 20000) {
  const name = words[Math.floor(rnd() * words.length)];
  const value = rnd() < 0.1 ? randomToken(32) : values[Math.floor(rnd() * values.length)];
  sample.push([name, value]);
}
const probe = /[A-Z]{4}[A-Z2-7]{16}/;
const floorRegex = time(() => {
  for (const [, v] of sample) if (probe.test(v)) sink++;
}, 25);
let hits = 0;
const detectMs = time(() => {
  hits = 0;
  for (const [n, v] of sample) if (detectCredential(n, v)) hits++;
}, 25);
console.log(`detector: ${sample.length} name/value pairs, ${hits} reported`);
console.log(`floor (one regex test per value): ${floorRegex.toFixed(2)} ms`);
console.log(`detectCredential:                 ${detectMs.toFixed(2)} ms  = ${(detectMs / floorRegex).toFixed(1)}x floor, ${((detectMs * 1e6) / sample.length).toFixed(0)} ns/pair`);
if (sink === -1) console.log('');
