import { defineRule } from '../../../core/rule.js';
import { CATALOGUE, type ManualCheck } from '../catalogue.js';
import { benchmarkIdOf, checkProperties, componentFacts, messagesFor, nodeView, reportCheck } from '../common.js';
import { NODE_FACT_KINDS } from '../../kinds.js';

const MANUAL_CHECKS = CATALOGUE.filter((c): c is ManualCheck => c.kind === 'manual');

export default defineRule({
  id: 'node-manual-checks',
  title: 'Benchmark checks a person must review',
  severity: 'medium',
  area: 'node',
  target: 'inventory',
  kinds: NODE_FACT_KINDS,
  description:
    'Some benchmark controls cannot be decided from the node files: how users authenticate, or whether a setting suits the cluster. They are listed as manual with what to check, and the facts that help, so that a report never passes them silently.',
  remediation: 'Review each manual finding and record the decision (an exception in .rampart.yaml keeps it in the report).',
  messages: messagesFor(MANUAL_CHECKS),
  check({ inventory, report }) {
    const view = nodeView(inventory);
    if (!view) return;
    const { facts, benchmark } = view;
    for (const check of MANUAL_CHECKS) {
      const checkId = benchmarkIdOf(check, benchmark);
      if (!checkId) continue;
      const props = checkProperties(benchmark, checkId, check.ids, { manualInBenchmark: true });
      if (check.controlPlane && facts.role === 'worker') {
        reportCheck(report, view, check.key, props, { severity: check.severity, status: 'not-applicable', detail: 'worker node', evidence: { role: facts.role } });
        continue;
      }
      const observed = check.observe ? componentFacts(facts, check.observe.component)?.flags[check.observe.flag] : undefined;
      reportCheck(report, view, check.key, props, { severity: check.severity,
        status: 'manual',
        detail: check.instructions,
        evidence: check.observe
          ? { component: check.observe.component, flag: check.observe.flag, actual: observed?.value ?? null, source: observed?.source ?? 'unset', file: observed?.file, line: observed?.line }
          : { instructions: check.instructions },
        resource: check.observe ? view.components.get(check.observe.component) : undefined,
        path: check.observe && view.components.get(check.observe.component) ? ['flags', check.observe.flag] : undefined,
      });
    }
  },
});
