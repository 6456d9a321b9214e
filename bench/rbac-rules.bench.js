// RBAC risk rules: every rule of the rbac area evaluated on the synthetic cluster of
// bench/rbac-synthetic.js (10,000 service accounts, 50,000 bindings, 5,000 roles). The floor is
// what the rules cannot avoid: the model and the escalation paths they share, measured alone in
// the same run; the rules' own cost is the difference.
import { addSource, emptyInventory } from '../dist/collectors/manifests/collect.js';
import { evaluate } from '../dist/core/engine.js';
import { buildModel } from '../dist/rbac/model.js';
import { escalationPaths } from '../dist/rbac/paths.js';
import { rbacRules } from '../dist/rules/rbac/index.js';
import { generateCluster } from './rbac-synthetic.js';

const cpu = (fn) => {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const v = fn();
  const c = process.cpuUsage(c0);
  return [v, (c.user + c.system) / 1000, performance.now() - t0];
};
const ms = (t) => `${t.toFixed(0)} ms`;

const list = generateCluster({ serviceAccounts: 10_000, bindings: 50_000, roles: 5_000 });
const inventory = emptyInventory();
addSource(inventory, { name: 'synthetic.json', text: JSON.stringify(list), origin: 'file' });

// Floor: the shared model and paths, on a copy of the resources (the rules build their own, cached per inventory).
const [, modelMs, modelWall] = cpu(() => buildModel(inventory.resources, { bootstrap: true }));
const [, pathsMs, pathsWall] = cpu(() => escalationPaths(buildModel(inventory.resources, { bootstrap: true })));
const [result, rulesMs, rulesWall] = cpu(() => evaluate(inventory, rbacRules, {}));
const floorMs = pathsMs; // model + paths
console.log(`CPU times (wall clock in brackets); load average ${(await import('node:os')).loadavg()[0].toFixed(1)}`);
console.log(`model alone                 ${ms(modelMs)} [${ms(modelWall)}]`);
console.log(`floor: model + paths        ${ms(floorMs)} [${ms(pathsWall)}]`);
console.log(`all ${rbacRules.length} rbac rules            ${ms(rulesMs)} [${ms(rulesWall)}]  ${(rulesMs / floorMs).toFixed(2)}x floor, ${result.findings.length} findings`);
