// Admission webhook under sustained load on loopback: p50/p99 latency and throughput at a fixed
// 1,000 requests/s for a minute (BENCH_ADMISSION_SECONDS to change) with a typical, compliant Pod
// as the replicaset controller sends it; then 10 s of a violating Pod (the deny path); beside the
// floor: the same HTTPS server answering a constant, with the same load, in the same run.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';

const seconds = Number(process.env.BENCH_ADMISSION_SECONDS ?? 60);
const typical = readFileSync(new URL('../test/fixtures/admission/pod-create-compliant.json', import.meta.url), 'utf8');
const violating = readFileSync(new URL('../test/fixtures/admission/pod-create.json', import.meta.url), 'utf8');

function startServer(floor) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [new URL('./admission-server.js', import.meta.url).pathname], {
      env: { ...process.env, FLOOR: floor ? '1' : '0' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    child.stdout.once('data', (d) => resolve({ child, url: String(d).trim().split(' ')[0], rules: String(d).trim().split(' ')[1] }));
    child.once('error', reject);
  });
}

async function load(url, duration, body) {
  process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0'; // the generated CA is not in the trust store; loopback only
  const result = await autocannon({
    url: `${url}/validate`,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
    connections: 10,
    overallRate: 1000,
    duration,
  });
  return result;
}

const rows = [];
const runs = [
  { floor: true, body: typical, seconds: Math.min(10, seconds), label: 'floor: constant answer over HTTPS' },
  { floor: false, body: typical, seconds, label: 'typical compliant Pod (allowed)' },
  { floor: false, body: violating, seconds: Math.min(10, seconds), label: 'violating Pod (denied, 17 findings)' },
];
for (const run of runs) {
  const { child, url, rules } = await startServer(run.floor);
  await load(url, 2, run.body); // warm up
  const r = await load(url, run.seconds, run.body);
  child.kill('SIGTERM');
  rows.push({
    server: run.floor ? run.label : `rampart, ${rules} rules: ${run.label}`,
    seconds: run.seconds,
    'req/s': r.requests.average,
    'p50 ms': r.latency.p50,
    'p99 ms': r.latency.p99,
    'max ms': r.latency.max,
    errors: r.errors + r.timeouts,
    non2xx: r.non2xx,
  });
}
console.table(rows);
const w = rows[1];
console.log(`admission (typical Pod): p50 ${w['p50 ms']} ms, p99 ${w['p99 ms']} ms at ${w['req/s']} req/s over ${w.seconds} s; errors ${w.errors}, non-2xx ${w.non2xx}; floor p99 ${rows[0]['p99 ms']} ms; target p99 < 5 ms, 0 errors: ${w['p99 ms'] < 5 && w.errors === 0 && w.non2xx === 0 ? 'met' : 'NOT met'}`);
