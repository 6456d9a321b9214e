// Cluster benchmarks: NetworkPolicy egress evaluation (10k pods x 1k policies) and listing pods
// page by page from a loopback HTTPS server that replays API Lists. Each figure is printed with its
// ratio to a floor measured in the same run: the least work that could produce the same answer.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { imdsReachability } from '../dist/cloud/imds.js';
import { PolicyIndex } from '../dist/cloud/network-policy.js';
import { collectCluster } from '../dist/collectors/cluster/collect.js';
import { serveRecording } from '../dist/collectors/cluster/recorder.js';
import { decodeSnapshot, encodeSnapshot } from '../dist/collectors/snapshot/snapshot.js';

const fmt = (n) => n.toLocaleString('en-US', { maximumFractionDigits: 1 });
const time = (fn) => {
  const t = performance.now();
  const r = fn();
  return { ms: performance.now() - t, r };
};

// --- NetworkPolicy evaluation ---------------------------------------------------------------
function makePolicies(count, namespaces) {
  const out = [];
  for (let i = 0; i < count; i++) {
    const ns = `ns-${i % namespaces}`;
    const kind = i % 4;
    const spec =
      kind === 0
        ? { podSelector: {}, policyTypes: ['Ingress', 'Egress'] }
        : kind === 1
          ? { podSelector: { matchLabels: { app: `app-${i % 50}` } }, policyTypes: ['Egress'], egress: [{ to: [{ ipBlock: { cidr: '10.0.0.0/8' } }], ports: [{ port: 5432 }] }] }
          : kind === 2
            ? { podSelector: { matchExpressions: [{ key: 'tier', operator: 'In', values: ['web', 'api'] }] }, egress: [{ to: [{ ipBlock: { cidr: '0.0.0.0/0', except: ['169.254.169.254/32'] } }] }] }
            : { podSelector: { matchLabels: { team: `t-${i % 7}` } }, policyTypes: ['Ingress'], ingress: [{}] };
    out.push({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: `np-${i}`, namespace: ns }, spec });
  }
  return out;
}
function makePods(count, namespaces) {
  const pods = [];
  for (let i = 0; i < count; i++) {
    pods.push({ namespace: `ns-${i % namespaces}`, name: `pod-${i}`, labels: { app: `app-${i % 50}`, tier: ['web', 'api', 'db'][i % 3], team: `t-${i % 7}` }, hostNetwork: i % 500 === 0 });
  }
  return pods;
}

function benchPolicies(label, namespaces) {
  const policies = makePolicies(1000, namespaces);
  const pods = makePods(10_000, namespaces);
  // Warm up the JIT on a throwaway index, then measure on a fresh one (its verdict cache empty).
  const warm = new PolicyIndex(policies);
  for (const p of pods) imdsReachability(warm, p);
  const compile = time(() => new PolicyIndex(policies));
  const index = compile.r;
  const run = time(() => {
    let reachable = 0;
    for (const p of pods) if (imdsReachability(index, p).reachable) reachable++;
    return reachable;
  });
  // Floor: per pod, one label lookup per policy of its namespace and one CIDR-free comparison:
  // the least any evaluator must touch to know which policies select the pod.
  const byNs = new Map();
  for (const p of policies) {
    const l = byNs.get(p.metadata.namespace) ?? [];
    l.push(p.spec.podSelector?.matchLabels?.app ?? '');
    byNs.set(p.metadata.namespace, l);
  }
  const floor = time(() => {
    let hits = 0;
    for (const p of pods) for (const want of byNs.get(p.namespace)) if (want === '' || p.labels.app === want) hits++;
    return hits;
  });
  const pairs = pods.reduce((n, p) => n + (byNs.get(p.namespace)?.length ?? 0), 0);
  console.log(
    `network policy (${label}): 10,000 pods x 1,000 policies in ${namespaces} namespace(s) (${fmt(pairs)} pod-policy pairs): compile ${fmt(compile.ms)} ms, ` +
      `evaluate both IMDS addresses ${fmt(run.ms)} ms (${fmt(run.ms * 1000 / pods.length)} us/pod, ${run.r} reachable, ${index.verdicts.size} distinct label sets x addresses); ` +
      `floor (one label lookup per pair) ${fmt(floor.ms)} ms; ratio ${fmt(run.ms / floor.ms)}x`,
  );
}

benchPolicies('spread', 100);
benchPolicies('one namespace', 1);

// --- Listing from a loopback HTTPS server ------------------------------------------------------
let dir;
try {
  execFileSync('openssl', ['version'], { stdio: 'ignore' });
  dir = mkdtempSync(path.join(os.tmpdir(), 'rampart-bench-'));
} catch {
  console.log('listing: skipped (the openssl command is needed for the loopback certificate)');
}
if (dir) {
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', path.join(dir, 'key.pem'), '-out', path.join(dir, 'cert.pem')], { stdio: 'ignore' });
  const tls = { cert: readFileSync(path.join(dir, 'cert.pem'), 'utf8'), key: readFileSync(path.join(dir, 'key.pem'), 'utf8') };
  const PAGES = 40;
  const PER_PAGE = 500;
  const exchanges = [];
  for (let p = 0; p < PAGES; p++) {
    const items = [];
    for (let i = 0; i < PER_PAGE; i++) {
      const n = p * PER_PAGE + i;
      items.push({
        metadata: { name: `pod-${n}`, namespace: `ns-${n % 100}`, uid: `uid-${n}`, labels: { app: `app-${n % 50}` }, managedFields: [{ manager: 'kube-controller-manager', operation: 'Update', fieldsType: 'FieldsV1', fieldsV1: { 'f:spec': { 'f:containers': {} } } }] },
        spec: { nodeName: `node-${n % 200}`, serviceAccountName: 'default', containers: [{ name: 'app', image: `registry.example.com/app-${n % 50}:1.${n % 9}`, env: [{ name: 'MODE', value: 'production' }], resources: { requests: { cpu: '100m', memory: '128Mi' } } }] },
        status: { phase: 'Running', podIP: `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}` },
      });
    }
    const path_ = p === 0 ? '/api/v1/pods?limit=500' : `/api/v1/pods?limit=500&continue=page-${p}`;
    exchanges.push({ method: 'GET', path: path_, status: 200, body: { kind: 'PodList', apiVersion: 'v1', metadata: { resourceVersion: '1', ...(p < PAGES - 1 ? { continue: `page-${p + 1}` } : {}) }, items } });
  }
  for (const [p, body] of [['/version', { gitVersion: 'v1.31.4' }], ['/api', { versions: ['v1'] }], ['/apis', { groups: [] }]]) exchanges.push({ method: 'GET', path: p, status: 200, body });
  const server = await serveRecording({ apiVersion: 'rampart.dev/recording/v1', exchanges }, tls);
  const bytes = exchanges.slice(0, PAGES).reduce((n, e) => n + Buffer.byteLength(JSON.stringify(e.body)), 0);
  const agent = new https.Agent({ keepAlive: true, ca: tls.cert });
  const transport = {
    get: (p, accept = 'application/json') =>
      new Promise((resolve, reject) => {
        https
          .get(`${server.url}${p}`, { agent, headers: { accept } }, (res) => {
            const chunks = [];
            res.on('data', (c) => chunks.push(c));
            res.on('end', () => resolve({ status: res.statusCode, body: Buffer.concat(chunks) }));
          })
          .on('error', reject);
      }),
    close() {},
  };
  const types = [{ group: '', version: 'v1', resource: 'pods', kind: 'Pod', namespaced: true }];
  await collectCluster({ transport, cluster: { name: 'bench' }, types }); // warm up
  let t = performance.now();
  const c = await collectCluster({ transport, cluster: { name: 'bench' }, types });
  const listMs = performance.now() - t;
  // Floor: the same 40 sequential GETs over the same keep-alive connection, bytes only, no parsing.
  t = performance.now();
  for (let p = 0; p < PAGES; p++) await transport.get(p === 0 ? '/api/v1/pods?limit=500' : `/api/v1/pods?limit=500&continue=page-${p}`);
  const floorMs = performance.now() - t;
  const items = c.lists[0].items.length;
  console.log(
    `listing: ${fmt(items)} pods in ${PAGES} pages (${fmt(bytes / 1e6)} MB of JSON) over HTTPS on 127.0.0.1: ${fmt(listMs)} ms ` +
      `(${fmt(items / (listMs / 1000))} objects/s, ${fmt(bytes / 1e6 / (listMs / 1000))} MB/s); floor (same GETs, no parsing) ${fmt(floorMs)} ms; ratio ${fmt(listMs / floorMs)}x`,
  );
  // Snapshot of the same collection: gzip size and encode/decode time; floor: JSON.stringify/parse alone.
  let ts = performance.now();
  const gz = await encodeSnapshot(c);
  const encMs = performance.now() - ts;
  ts = performance.now();
  await decodeSnapshot(gz, 'bench');
  const decMs = performance.now() - ts;
  ts = performance.now();
  const json = JSON.stringify(c);
  JSON.parse(json);
  const jsonMs = performance.now() - ts;
  console.log(
    `snapshot: ${fmt(json.length / 1e6)} MB of JSON -> ${fmt(gz.length / 1e6)} MB gzip (${fmt((100 * gz.length) / json.length)}%), write ${fmt(encMs)} ms, read ${fmt(decMs)} ms; ` +
      `floor (JSON.stringify + parse, no gzip) ${fmt(jsonMs)} ms; ratio ${fmt((encMs + decMs) / jsonMs)}x`,
  );
  agent.destroy();
  await server.close();
  rmSync(dir, { recursive: true, force: true });
}
