// RBAC benchmark: a synthetic cluster of 10,000 service accounts, 50,000 bindings and 5,000 roles
// (bench/rbac-synthetic.js). Measures parsing, building the model (aggregation and indexes), all
// escalation paths, who-can and can-i queries, and the heap the model holds. The floor is one pass
// that reads every field the model reads (subjects, rules, roleRefs), without building anything.
import { addSource, emptyInventory } from '../dist/collectors/manifests/collect.js';
import { canI, identityFor, whoCan } from '../dist/rbac/authorizer.js';
import { buildModel } from '../dist/rbac/model.js';
import { escalationPaths } from '../dist/rbac/paths.js';
import { requestAttributes } from '../dist/rbac/query.js';
import { generateCluster } from './rbac-synthetic.js';

const gc = globalThis.gc ?? (() => {});
const ms = (t) => `${t.toFixed(1)} ms`;
// CPU time (user + system) of this process, not wall time: on a shared machine the wall clock
// also counts the time other processes hold the cores. Both are printed.
const wall = {};
const time = (fn, label) => {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const v = fn();
  const c = process.cpuUsage(c0);
  if (label) wall[label] = performance.now() - t0;
  return [v, (c.user + c.system) / 1000];
};

const list = generateCluster({ serviceAccounts: 10_000, bindings: 50_000, roles: 5_000 });
const text = JSON.stringify(list);
// Floor of parsing: JSON.parse alone, on the same text.
time(() => JSON.parse(text), 'jsonParse');
const inventory = emptyInventory();
const [, parseMs] = time(() => addSource(inventory, { name: 'synthetic.json', text, origin: 'file' }), 'parse');
const resources = inventory.resources;

// Floor: touch every subject, rule field and roleRef once.
const [touched, floorMs] = time(() => {
  let n = 0;
  for (const r of resources) {
    const o = r.object;
    if (Array.isArray(o.subjects)) for (const s of o.subjects) n += s.name.length + s.kind.length;
    if (Array.isArray(o.rules)) for (const rule of o.rules) for (const k of ['verbs', 'apiGroups', 'resources', 'resourceNames', 'nonResourceURLs']) if (Array.isArray(rule[k])) for (const v of rule[k]) n += v.length;
    if (o.roleRef) n += o.roleRef.name.length;
  }
  return n;
}, 'floor');

gc();
const heapBefore = process.memoryUsage().heapUsed;
const [model, modelMs] = time(() => buildModel(resources, { bootstrap: true }), 'model');
gc();
const heapModel = process.memoryUsage().heapUsed - heapBefore;
const [paths, pathsMs] = time(() => escalationPaths(model), 'paths');
gc();
const heapAfter = process.memoryUsage().heapUsed - heapBefore;

const queries = [
  ['get', 'secrets', 'ns-17'],
  ['create', 'pods/exec', 'ns-3'],
  ['list', 'widgets.example.com', 'ns-100'],
  ['impersonate', 'users', undefined],
  ['get', '/metrics', undefined],
  ['create', 'deployments', 'ns-42'],
];
const attrs = queries.map(([verb, target, namespace]) => requestAttributes(model, { verb, target, namespace }).attrs);
whoCan(model, attrs[0]); // warm-up
const rounds = 50;
const [subjects, whoMs] = time(() => {
  let n = 0;
  for (let i = 0; i < rounds; i++) for (const a of attrs) n += whoCan(model, a).entries.length;
  return n;
}, 'who');
const users = Array.from({ length: 1000 }, (_, i) => identityFor(`system:serviceaccount:ns-${i % 200}:sa-${i * 7}`));
const [allowed, canMs] = time(() => {
  let n = 0;
  for (const u of users) for (const a of attrs) if (canI(model, u, a).allowed) n++;
  return n;
});
const rss = process.memoryUsage().rss;

console.log(`wall-clock times below (process CPU time in brackets); load average ${(await import('node:os')).loadavg()[0].toFixed(1)} on ${(await import('node:os')).cpus().length} cores`);
console.log(`synthetic cluster: ${resources.length} objects (${(text.length / 1e6).toFixed(1)} MB JSON), ${model.roles.size} roles, ${model.bindings.length} bindings, ${model.serviceAccounts.size} service accounts, ${model.namespaces.size} namespaces`);
console.log(`parse (JSON, positions)     ${ms(wall.parse)} [${ms(parseMs)}]  ${(wall.parse / wall.jsonParse).toFixed(1)}x JSON.parse alone (${ms(wall.jsonParse)})`);
console.log(`floor (read every field)    ${ms(wall.floor)} [${ms(floorMs)}]  (${touched} chars)`);
console.log(`build model                 ${ms(wall.model)} [${ms(modelMs)}]  ${(wall.model / wall.floor).toFixed(1)}x floor`);
console.log(`all escalation paths        ${ms(wall.paths)} [${ms(pathsMs)}]  ${paths.paths.length} paths, graph ${paths.stats.nodes} nodes / ${paths.stats.edges} edges`);
console.log(`model + paths               ${ms(wall.model + wall.paths)} [${ms(modelMs + pathsMs)}]  (target < 2000 ms)`);
console.log(`who-can                     ${ms(wall.who / (rounds * attrs.length))} [${ms(whoMs / (rounds * attrs.length))}] per query  (${subjects / rounds} grants per round of ${attrs.length}; target < 5 ms)`);
console.log(`can-i                       ${((canMs / (users.length * attrs.length)) * 1000).toFixed(1)} µs per query  (${allowed} of ${users.length * attrs.length} allowed)`);
console.log(`heap: model ${(heapModel / 2 ** 20).toFixed(0)} MiB, model + paths ${(heapAfter / 2 ** 20).toFixed(0)} MiB; rss ${(rss / 2 ** 20).toFixed(0)} MiB (target < 500 MB)`);
