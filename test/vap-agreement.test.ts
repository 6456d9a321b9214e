import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { compileExpression, type CompiledExpression } from '../src/cel/compile.js';
import { addSource, emptyInventory } from '../src/collectors/manifests/collect.js';
import { evaluate } from '../src/core/engine.js';
import type { Rule } from '../src/core/rule.js';
import { BUILTIN_CEL, WORKLOAD_VARIABLES } from '../src/enforce/builtin-cel.js';
import { exportVap } from '../src/enforce/vap.js';
import { builtinRules } from '../src/rules/index.js';

/**
 * The CEL that `rampart export vap` writes for built-in rules must decide as the rules do. Every
 * exported rule is run both ways on the same objects: the Pod Security conformance fixtures of the
 * latest version (when ../shared is present) and a set of objects of our own in every workload kind.
 */
const shared = process.env.RAMPART_SHARED ?? [path.resolve(import.meta.dirname, '../../shared'), '/work/shared'].find((p) => existsSync(p));
const conformance = shared ? path.join(shared, 'conformance/pss') : undefined;

const variables = WORKLOAD_VARIABLES.map((v) => ({ name: v.name, expr: compileExpression(v.expression) }));
const compiled = new Map<string, CompiledExpression[]>(
  Object.entries(BUILTIN_CEL).map(([id, eq]) => [id, eq.validations.map((v) => compileExpression(v.expression))]),
);

function celAllows(ruleId: string, object: unknown): boolean {
  const vars: Record<string, unknown> = {};
  for (const v of variables) vars[v.name] = v.expr.evaluate({ object, variables: vars });
  return compiled.get(ruleId)!.every((e) => e.evaluate({ object, variables: vars }) === true);
}

function nativeAllows(rule: Rule, object: Record<string, unknown>): boolean {
  const inventory = emptyInventory();
  addSource(inventory, { name: 'o.json', text: JSON.stringify(object), origin: 'file' });
  const result = evaluate(inventory, [rule], { settings: { pssLevel: 'restricted', pssVersion: 'latest' } });
  return !result.findings.some((f) => f.status === 'fail' || f.status === 'warn');
}

const exported = builtinRules.filter((r) => BUILTIN_CEL[r.id]);

function wrap(pod: any): Record<string, unknown>[] {
  const template = { metadata: pod.metadata, spec: pod.spec };
  return [
    pod,
    { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' }, spec: { selector: {}, template } },
    { apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'c' }, spec: { schedule: '* * * * *', jobTemplate: { spec: { template } } } },
  ];
}

describe('exported ValidatingAdmissionPolicies agree with the rules', () => {
  it('every CEL equivalent belongs to an existing rule', () => {
    const ids = new Set(builtinRules.map((r) => r.id));
    expect(Object.keys(BUILTIN_CEL).filter((id) => !ids.has(id))).toEqual([]);
    const { exported: names, skipped } = exportVap(builtinRules);
    expect(names.sort()).toEqual(Object.keys(BUILTIN_CEL).sort());
    expect(skipped.every((s) => s.reason.length > 10)).toBe(true);
  });

  it('own objects in every workload kind', () => {
    const pods = [
      { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'bare' }, spec: { containers: [{ name: 'a', image: 'nginx' }] } },
      {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'hardened' },
        spec: {
          securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
          containers: [{ name: 'a', image: 'r.io/a:1@sha256:00', securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } } }],
        },
      },
      {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'bad' },
        spec: {
          hostNetwork: true,
          volumes: [{ name: 'h', hostPath: { path: '/' } }],
          initContainers: [{ name: 'i', image: 'busybox:latest', securityContext: { privileged: true, runAsUser: 0, capabilities: { add: ['SYS_ADMIN'] } } }],
          containers: [{ name: 'a', image: 'nginx:1', ports: [{ containerPort: 80, hostPort: 80 }] }],
        },
      },
    ];
    const disagreements: string[] = [];
    for (const pod of pods)
      for (const object of wrap(pod))
        for (const rule of exported) {
          const native = nativeAllows(rule, object);
          const cel = celAllows(rule.id, object);
          if (native !== cel) disagreements.push(`${rule.id} on ${String(object.kind)}/${pod.metadata.name}: native ${native}, CEL ${cel}`);
        }
    expect(disagreements).toEqual([]);
  });

  it.skipIf(!conformance)('every Pod Security conformance fixture of the latest version', () => {
    const disagreements: string[] = [];
    let compared = 0;
    let denied = 0;
    for (const level of ['baseline', 'restricted']) {
      const versions = readdirSync(path.join(conformance!, level)).sort((a, b) => Number(a.split('.')[1]) - Number(b.split('.')[1]));
      const latest = path.join(conformance!, level, versions[versions.length - 1]!);
      for (const verdict of ['pass', 'fail']) {
        for (const file of readdirSync(path.join(latest, verdict))) {
          const pod = load(readFileSync(path.join(latest, verdict, file), 'utf8')) as Record<string, unknown>;
          for (const rule of exported) {
            if (!rule.pss) continue;
            compared++;
            const native = nativeAllows(rule, pod);
            const cel = celAllows(rule.id, pod);
            if (!native) denied++;
            if (native !== cel) disagreements.push(`${rule.id} on ${level}/${verdict}/${file}: native ${native}, CEL ${cel}`);
          }
        }
      }
    }
    console.log(`VAP agreement: ${compared} (rule, fixture) pairs compared (${denied} denied by the rule), ${disagreements.length} disagreements`);
    expect(disagreements).toEqual([]);
    // Every exported Pod Security check is exercised by fixtures it must deny.
    expect(denied).toBeGreaterThan(exported.filter((r) => r.pss).length * 3);
  });
});
