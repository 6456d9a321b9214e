import { defineRule } from '../../../core/rule.js';
import { KUBELET_CONFIG_FIELDS } from '../../../collectors/node/layout.js';
import type { FlagFact, NodeFacts } from '../../../collectors/node/collect.js';
import { CATALOGUE, type FlagCheck, type FlagTest } from '../catalogue.js';
import {
  benchmarkIdOf,
  checkProperties,
  componentFacts,
  durationSeconds,
  explicit,
  flagRemediation,
  listOf,
  messagesFor,
  nodeView,
  reportCheck,
  sameValue,
} from '../common.js';
import { NODE_FACT_KINDS } from '../../kinds.js';

const FLAG_CHECKS = CATALOGUE.filter((c): c is FlagCheck => c.kind === 'flag');

interface TestResult {
  pass: boolean;
  actual?: string;
  why: string;
}

/** Evaluates one test against the effective flag (explicit value, else the Kubernetes default). */
export function evaluateTest(test: FlagTest, fact: FlagFact | undefined): TestResult {
  const isExplicit = explicit(fact);
  if ((test.passWhenUnset || test.explicitOnly) && !isExplicit) return { pass: true, actual: fact?.value, why: `${test.flag} is not set` };
  switch (test.op) {
    case 'set':
      return isExplicit ? { pass: true, actual: fact!.value, why: `${test.flag} is set` } : { pass: false, why: `${test.flag} is not set` };
    case 'unset':
      return isExplicit ? { pass: false, actual: fact!.value, why: `${test.flag} is set` } : { pass: true, why: `${test.flag} is not set` };
    default:
      break;
  }
  if (fact === undefined) return { pass: false, why: `${test.flag} is not set and has no default` };
  const v = fact.value;
  const from = isExplicit ? '' : ' (Kubernetes default)';
  const value = test.value ?? '';
  switch (test.op) {
    case 'eq':
      return { pass: sameValue(v, value), actual: v, why: `${test.flag} is "${v}"${from}, expected "${value}"` };
    case 'noteq':
      return { pass: !sameValue(v, value), actual: v, why: `${test.flag} is "${v}"${from}, must not be "${value}"` };
    case 'has': {
      const items = listOf(v);
      const any = listOf(value).some((x) => items.includes(x));
      return { pass: any, actual: v, why: any ? `${test.flag} includes ${value}` : `${test.flag} is "${v}"${from}, without ${listOf(value).join(' or ')}` };
    }
    case 'nothave': {
      const items = listOf(v);
      const found = listOf(value).filter((x) => items.includes(x));
      return { pass: found.length === 0, actual: v, why: found.length ? `${test.flag} includes ${found.join(', ')}` : `${test.flag} does not include ${value}` };
    }
    case 'gte': {
      const n = Number(v);
      return { pass: Number.isFinite(n) && n >= Number(value), actual: v, why: `${test.flag} is ${v}${from}, expected at least ${value}` };
    }
    case 'subset': {
      const allowed = new Set(listOf(value));
      const extra = listOf(v).filter((x) => !allowed.has(x));
      return { pass: extra.length === 0 && listOf(v).length > 0, actual: v, why: extra.length ? `${test.flag} includes weak suites: ${extra.join(', ')}` : `${test.flag} lists only strong suites` };
    }
    case 'oneof':
      return { pass: listOf(value).includes(v.trim()), actual: v, why: `${test.flag} is "${v}"${from}, expected one of ${listOf(value).join(', ')}` };
    case 'duration-nonzero': {
      const s = durationSeconds(v);
      return { pass: s !== undefined && s > 0, actual: v, why: s === undefined ? `${test.flag} "${v}" is not a duration` : `${test.flag} is ${v}${from}` };
    }
    case 'duration-lte': {
      const s = durationSeconds(v);
      const max = durationSeconds(value)!;
      return { pass: isExplicit && s !== undefined && s > 0 && s <= max, actual: v, why: `${test.flag} is ${v}${from}, expected at most ${value} and set explicitly` };
    }
  }
  return { pass: false, why: `unknown test ${String(test.op)}` };
}

function evaluateCheck(check: FlagCheck, facts: NodeFacts) {
  const c = componentFacts(facts, check.component)!;
  const results = check.tests.map((t) => ({ test: t, fact: c.flags[t.flag], ...evaluateTest(t, c.flags[t.flag]) }));
  const pass = check.bin === 'or' ? results.some((r) => r.pass) : results.every((r) => r.pass);
  return { pass, results };
}

export default defineRule({
  id: 'node-component-flags',
  title: 'Control-plane and kubelet flags meet the benchmark',
  severity: 'medium',
  area: 'node',
  target: 'inventory',
  kinds: NODE_FACT_KINDS,
  description:
    'The CIS Kubernetes Benchmark (sections 1.2–1.4, 2 and 4.2) and the DISA Kubernetes STIG set how the API server, controller manager, scheduler, etcd and kubelet must be started: authentication, authorization, admission plugins, TLS, audit logging, profiling, bind addresses. Each check reads the effective value: the running process, else the args file or static pod manifest, else the kubelet config file, else the Kubernetes default.',
  remediation: 'Set the flag as each finding says, in the file it names, and restart the component.',
  references: ['https://www.cisecurity.org/benchmark/kubernetes', 'https://documentation.ubuntu.com/canonical-kubernetes/latest/snap/reference/cis-audit/'],
  messages: messagesFor(FLAG_CHECKS),
  check({ inventory, report }) {
    const view = nodeView(inventory);
    if (!view) return;
    const { facts, benchmark } = view;
    for (const check of FLAG_CHECKS) {
      const checkId = benchmarkIdOf(check, benchmark);
      if (!checkId) continue;
      const props = checkProperties(benchmark, checkId, check.ids, { manualInBenchmark: Boolean(check.manualInBenchmark) });
      const c = componentFacts(facts, check.component);
      const flags = check.tests.map((t) => t.flag);
      if (check.etcdOnly && facts.datastore !== 'etcd' && !(check.component === 'etcd' && c?.present)) {
        const why = facts.role === 'worker' ? 'worker node: no datastore here' : `datastore is ${facts.datastore ?? 'not on this node'}, not etcd`;
        reportCheck(report, view, check.key, props, { severity: check.severity, status: 'not-applicable', detail: why, evidence: { component: check.component, flags, datastore: facts.datastore ?? null } });
        continue;
      }
      if (!c?.present) {
        const why = facts.role === 'worker' && check.component !== 'kubelet' && check.component !== 'kube-proxy' ? `worker node: ${check.component} does not run here` : `${check.component} was not found on this node`;
        reportCheck(report, view, check.key, props, { severity: check.severity, status: 'not-applicable', detail: why, evidence: { component: check.component, flags, role: facts.role } });
        continue;
      }
      if (c.error) {
        reportCheck(report, view, check.key, props, { severity: check.severity, status: 'error', detail: `cannot read the ${check.component} configuration: ${c.error}`, evidence: { component: check.component, file: c.configFile, error: c.error } });
        continue;
      }
      const { pass, results } = evaluateCheck(check, facts);
      const main = results.find((r) => !r.pass) ?? results[0]!;
      const fact = main.fact;
      // Point at the file the value came from: the args file, the manifest or the kubelet config file.
      const resource =
        (fact?.file && fact.file === c.configFileInUse ? view.components.get(`${check.component}:config`) : undefined) ?? view.components.get(check.component);
      const configField = check.component === 'kubelet' ? KUBELET_CONFIG_FIELDS[main.test.flag]?.join('.') : undefined;
      reportCheck(report, view, check.key, props, { severity: check.severity,
        status: pass ? 'pass' : 'fail',
        detail: results.map((r) => r.why).join('; '),
        resource,
        path: resource ? ['flags', main.test.flag] : undefined,
        evidence: {
          component: check.component,
          file: fact?.file ?? c.configFile,
          line: fact?.line,
          flag: main.test.flag,
          actual: fact?.value ?? null,
          source: fact?.source ?? 'unset',
          expected: `${main.test.op}${main.test.value !== undefined ? ` ${main.test.value}` : ''}`,
          ...(fact?.occurrences ? { occurrences: fact.occurrences } : {}),
          ...(results.length > 1 ? { tests: results.map((r) => ({ flag: r.test.flag, actual: r.fact?.value ?? null, pass: r.pass })) } : {}),
        },
        remediation: pass ? undefined : flagRemediation(facts, check.component, check.fix, configField),
      });
    }
  },
});
