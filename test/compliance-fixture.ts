import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { addSource, emptyInventory } from '../src/collectors/manifests/collect.js';
import type { RampartConfig } from '../src/config/config.js';
import { defineRule, type Rule } from '../src/core/rule.js';
import { parseFramework } from '../src/frameworks/load.js';
import type { Framework } from '../src/frameworks/types.js';
import { buildReport, type Report } from '../src/reporters/report.js';
import { builtinRules } from '../src/rules/index.js';
import { evaluateInventory } from '../src/scan.js';
import { repoRoot as root } from '../src/testing/shared-dir.js';

export { repoRoot, sharedDir } from '../src/testing/shared-dir.js';

/** test-output/ (gitignored) for screenshots and coverage listings. */
export function testOutputDir(): string {
  const dir = path.join(root, 'test-output');
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** A container rule, evaluated by the real engine, so that scoring tests do not depend on other areas' rules. */
export const privilegedRule = defineRule({
  id: 'test-privileged',
  title: 'Privileged container',
  severity: 'high',
  area: 'custom',
  target: 'container',
  description: 'A privileged container has the host’s devices.',
  remediation: 'Remove securityContext.privileged.',
  messages: { privileged: 'Container "{{name}}" is privileged' },
  check({ container, report }) {
    if (container.securityContext?.privileged === true) report('privileged', { name: container.name }, { path: ['securityContext', 'privileged'], evidence: { privileged: true } });
  },
});

/** An inventory rule shaped like the node benchmark rules: one finding per check id, pass or fail. */
export const nodeCheckRule = defineRule({
  id: 'test-node-check',
  title: 'Node benchmark check',
  severity: 'medium',
  area: 'custom',
  target: 'inventory',
  description: 'Stands for a node CIS check.',
  remediation: 'Set the flag.',
  messages: { result: 'Check {{id}}: {{outcome}}' },
  check({ inventory, report }) {
    const node = inventory.resources.find((r) => r.kind === 'NodeFacts');
    if (!node) return;
    for (const [id, ok] of Object.entries(node.object.checks as Record<string, boolean>)) {
      report('result', { id, outcome: ok ? 'pass' : 'fail' }, { resource: node, path: ['checks', id], status: ok ? 'pass' : 'fail', properties: { benchmark: 'cis-test', checkId: id, stig: id === '1.2.1' ? ['V-1'] : [] } });
    }
  },
});

export const MANIFESTS = `apiVersion: apps/v1
kind: Deployment
metadata: { name: web, namespace: shop }
spec:
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec:
      containers:
        - name: web
          image: nginx:latest
          securityContext: { privileged: true }
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: api, namespace: shop }
spec:
  selector: { matchLabels: { app: api } }
  template:
    metadata: { labels: { app: api } }
    spec:
      containers:
        - name: api
          image: registry.example/api@sha256:${'a'.repeat(64)}
---
apiVersion: rampart.dev/v1
kind: NodeFacts
metadata: { name: node-1 }
checks: { "1.2.1": true, "1.2.2": false }
`;

export const TEST_FRAMEWORK_YAML = `id: test-fw
name: Test framework
version: "1"
sections: { a: Workloads, b: Node }
controls:
  - { id: W-1, title: No privileged containers, section: a, assessment: automated, rules: [test-privileged] }
  - { id: W-2, title: Pinned images, section: a, assessment: automated, rules: [image-tag-mutable] }
  - { id: W-3, title: Needs a person, section: a, assessment: manual }
  - { id: W-4, title: Decided by a rule that does not exist, section: a, assessment: automated, rules: [no-such-rule] }
  - { id: N-1, title: Anonymous auth off, section: b, assessment: automated, rules: [{ rule: test-node-check, checkId: "1.2.1" }] }
  - { id: N-2, title: No token file, section: b, assessment: automated, rules: [{ rule: "*", benchmark: cis-test, checkId: "1.2.2" }] }
  - { id: N-3, title: Out of scope, section: b, assessment: automated, applicability: not-applicable, rules: [{ rule: test-node-check, checkId: "9.9" }] }
  - { id: S-1, title: STIG id listed by the finding, section: b, assessment: automated, rules: [{ rule: "*", benchmark: stig, checkId: V-1 }] }
  - { id: S-2, title: Other benchmark's id does not match, section: b, assessment: automated, rules: [{ rule: "*", benchmark: other, checkId: "1.2.2" }] }
`;

export function testFramework(): Framework {
  const { framework, diagnostics } = parseFramework(TEST_FRAMEWORK_YAML, 'test-fw.yaml');
  if (!framework || diagnostics.length) throw new Error(`test framework invalid: ${JSON.stringify(diagnostics)}`);
  return framework;
}

/** A fixed rule set, so that counts in these tests do not move when other areas add rules. */
export const testRules: Rule[] = [builtinRules.find((r) => r.id === 'image-tag-mutable')!, privilegedRule, nodeCheckRule];

/** A JSON report of {@link MANIFESTS} (or other text) made by the real collector, engine and report builder. */
export function makeReport(text = MANIFESTS, options: { now?: Date; cluster?: string; config?: RampartConfig } = {}): Report {
  const inventory = emptyInventory();
  addSource(inventory, { name: 'app.yaml', text, origin: 'file' });
  if (options.cluster) inventory.context = { cluster: options.cluster };
  const now = options.now ?? new Date('2026-06-01T12:00:00Z');
  const { result, rules } = evaluateInventory(inventory, { rules: testRules, settings: { now }, config: options.config });
  return buildReport(result, rules, { version: '0.0.0-test', target: { kind: 'manifests', inputs: ['app.yaml'] }, now });
}
