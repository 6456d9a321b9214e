import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileExpression } from '../cel/compile.js';
import { emptyInventory, addSource } from '../collectors/manifests/collect.js';
import { evaluate } from '../core/engine.js';
import { loadCelRules } from './cel-rules.js';
import { exportVap } from './vap.js';

const fixtures = path.resolve(import.meta.dirname, '../../test/fixtures/admission');
const examples = path.resolve(import.meta.dirname, '../../examples/policies');

describe('CelRule loading', () => {
  it('points compile errors at the file, line and column of the expression', async () => {
    const { rules, diagnostics } = await loadCelRules([path.join(fixtures, 'broken-rules.yaml')]);
    expect(rules).toEqual([]);
    const syntax = diagnostics.find((d) => d.message.includes('syntax-error') || (d.code === 'cel-compile' && d.line === 8));
    expect(syntax).toMatchObject({ code: 'cel-compile', line: 8 });
    // The expression starts at column 20 of line 8; the parser's position falls inside it.
    expect(syntax!.column).toBeGreaterThanOrEqual(20);
    expect(syntax!.column).toBeLessThan(20 + 'object.spec.containers.all(c, c.name ==)'.length);
    // In the folded block scalar, the error is on the scalar's second line (19), not past the first.
    const block = diagnostics.find((d) => d.code === 'cel-compile' && d.line !== 8);
    expect(block?.line).toBe(19);
    expect(block!.column).toBeLessThanOrEqual('        object.spec.( containers'.length);
    const shape = diagnostics.filter((d) => d.code === 'cel-rule-invalid').map((d) => d.message);
    expect(shape.join('\n')).toMatch(/kebab-case/);
    expect(shape.join('\n')).toMatch(/severity must be one of/);
    expect(shape.join('\n')).toMatch(/has no validations/);
  });

  it('runs in a scan like a built-in rule, with messageExpression and fieldPath', async () => {
    const { rules, diagnostics } = await loadCelRules([examples]);
    expect(diagnostics).toEqual([]);
    const inventory = emptyInventory();
    addSource(inventory, {
      name: 'd.yaml',
      origin: 'file',
      text: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\n  labels:\n    app: api\nspec:\n  replicas: 12\n  template:\n    spec:\n      containers: []\n',
    });
    const result = evaluate(inventory, rules);
    const fails = result.findings.filter((f) => f.status === 'fail');
    expect(fails.map((f) => [f.ruleId, f.message, f.location.line])).toEqual([
      ['workload-team-label', 'Deployment api has no team label', 5],
      ['replicas-bounded', 'at most 10 replicas', 8],
    ]);
  });
});

describe('VAP export of CelRules', () => {
  it('exported policies give the same verdicts as the rules they came from', async () => {
    const { rules } = await loadCelRules([examples, path.join(fixtures, 'rules.yaml')]);
    const { objects } = exportVap(rules);
    const objectsUnderTest = [
      { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'a', labels: { team: 'x' } }, spec: { replicas: 3, template: { spec: { containers: [{ name: 'c' }] } } } },
      { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'b' }, spec: { replicas: 30, template: { spec: { containers: [] } } } },
      { apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'c', labels: {} }, spec: { template: { spec: { containers: [] } } } },
      { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'x', securityContext: { privileged: true } }] } },
      { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'q' }, spec: { containers: [{ name: 'x' }] } },
    ];
    for (const policy of objects.filter((o) => o.kind === 'ValidatingAdmissionPolicy') as any[]) {
      const rule = rules.find((r) => `rampart-${r.id}` === policy.metadata.name)!;
      for (const object of objectsUnderTest) {
        if (!rule.spec.kinds.includes(object.kind)) continue;
        const variables: Record<string, unknown> = {};
        for (const v of policy.spec.variables ?? []) variables[v.name] = compileExpression(v.expression).evaluate({ object, variables });
        const vapAllows = policy.spec.validations.every((v: any) => compileExpression(v.expression).evaluate({ object, variables }) === true);
        expect([rule.id, object.metadata.name, vapAllows]).toEqual([rule.id, object.metadata.name, rule.evaluateObject(object).length === 0]);
      }
    }
  });
});
