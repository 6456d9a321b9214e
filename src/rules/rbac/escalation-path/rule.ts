import { defineRule } from '../../../core/rule.js';
import { escalationPaths, nodeLabel } from '../../../rbac/paths.js';
import { resourceOf } from '../../../rbac/query.js';
import { modelFor } from '../shared.js';
import { RBAC_READS } from '../../kinds.js';

export default defineRule({
  id: 'rbac-escalation-path',
  title: 'Privilege-escalation path to cluster-admin',
  severity: 'critical',
  area: 'rbac',
  target: 'inventory',
  kinds: RBAC_READS,
  description:
    'Some identity, or a compromised pod, can become cluster-admin-equivalent in a few steps that RBAC allows: running a pod as a more powerful service account, minting or reading its token, impersonation, bind/escalate, the kubelet API, certificate approval, admission webhooks. Each hop of the finding names the binding and rule that allow it.',
  remediation: 'Break the weakest hop: usually the permission of the first hop (pod creation, token creation, secret reads), or the power of the service account it reaches.',
  references: ['https://kubernetes.io/docs/concepts/security/rbac-good-practices/#privilege-escalation-risks'],
  messages: {
    path: '{{from}} can become cluster-admin in {{count}} hop(s): {{summary}}',
  },
  check(ctx) {
    const model = modelFor(ctx);
    const result = escalationPaths(model);
    for (const p of result.paths) {
      if (!p.fromInput) continue;
      // The finding sits on the workload, or on the input object of the first hop that has one.
      const anchor = p.workload ?? p.hops.flatMap((h) => h.evidence).find((w) => !w.builtin);
      const target = anchor && resourceOf(anchor);
      if (!target) continue;
      ctx.report(
        'path',
        {
          from: p.fromLabel,
          count: p.hops.length,
          summary: p.hops.map((h) => `${h.technique} → ${nodeLabel(h.to)}`).join('; '),
        },
        {
          resource: target,
          severity: p.hops.length <= 2 ? 'critical' : 'high',
          evidence: { from: p.from, hops: p.hops },
          properties: { rbacPath: { from: p.from, length: p.hops.length } },
        },
      );
    }
  },
});
