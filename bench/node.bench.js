// Node facts + benchmark checks over every Canonical Kubernetes fixture node and the kubeadm dump.
// Floor: reading and stat-ing the same files with plain fs calls (what any collector must do).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { collectNode } from '../dist/collectors/node/collect.js';
import { evaluate } from '../dist/core/engine.js';
import { nodeRules } from '../dist/rules/node/index.js';
import { NODE_TREES, layOutNodeTree, sharedDir } from '../dist/testing/node-fixture.js';

const shared = sharedDir();
if (!shared) {
  console.log('node.bench: skipped, ../shared (the node trees) is not there');
  process.exit(0);
}

const roots = NODE_TREES.map((t) => ({ name: t, root: layOutNodeTree(path.join(shared, 'corpus/canonical-k8s', t)) }));
const kubeadm = fs.mkdtempSync(path.join(os.tmpdir(), 'rampart-bench-kubeadm-'));
fs.cpSync(path.join(shared, 'corpus/kubeadm-node/v1.29-zetaoss'), kubeadm, { recursive: true });
roots.push({ name: 'kubeadm-v1.29', root: kubeadm });

function walk(dir, out) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    out.push(p);
    if (e.isDirectory()) walk(p, out);
  }
  return out;
}
const allFiles = roots.flatMap((r) => walk(r.root, []));

function floor() {
  let bytes = 0;
  for (const p of allFiles) {
    const st = fs.lstatSync(p);
    if (st.isFile()) bytes += fs.readFileSync(p).length;
  }
  return bytes;
}

function scanAll(benchmark) {
  let findings = 0;
  for (const r of roots) {
    const inv = collectNode(r.root, { benchmark: r.name.startsWith('kubeadm') && benchmark === 'cis-ck8s' ? 'cis-kubeadm' : benchmark });
    findings += evaluate(inv, nodeRules, { settings: { now: new Date('2027-06-01T00:00:00Z') } }).findings.length;
  }
  return findings;
}

function time(fn, runs) {
  fn(); // warm-up
  const t = [];
  let out;
  for (let i = 0; i < runs; i++) {
    const s = performance.now();
    out = fn();
    t.push(performance.now() - s);
  }
  t.sort((a, b) => a - b);
  return { median: t[Math.floor(t.length / 2)], out };
}

const f = time(floor, 30);
const cis = time(() => scanAll('cis-ck8s'), 30);
const stig = time(() => scanAll('stig'), 30);
const collectOnly = time(() => roots.map((r) => collectNode(r.root)).length, 30);
console.log(`nodes: ${roots.length}, files: ${allFiles.length}, bytes read by the floor: ${f.out}`);
console.log(`floor (stat + read every file):      ${f.median.toFixed(2)} ms`);
console.log(`collect facts only:                  ${collectOnly.median.toFixed(2)} ms  (${(collectOnly.median / f.median).toFixed(1)}x floor)`);
console.log(`collect + CIS checks (${cis.out} findings): ${cis.median.toFixed(2)} ms  (${(cis.median / f.median).toFixed(1)}x floor, ${(cis.median / roots.length).toFixed(2)} ms/node)`);
console.log(`collect + STIG checks (${stig.out} findings): ${stig.median.toFixed(2)} ms  (${(stig.median / f.median).toFixed(1)}x floor)`);
