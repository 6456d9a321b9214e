import { defineRule } from '../../../core/rule.js';
import { describeRoleRef } from '../../../rbac/model.js';
import { isDefaultSubject } from '../defaults.js';
import { modelFor } from '../shared.js';
import { RBAC_READS } from '../../kinds.js';

export default defineRule({
  id: 'rbac-default-sa-bound',
  title: 'Permissions bound to a default service account',
  severity: 'medium',
  area: 'rbac',
  target: 'inventory',
  kinds: RBAC_READS,
  description:
    'Every pod that names no service account runs as its namespace\'s `default` account. A binding to `default` gives its permissions to all of them, including pods added later by anyone who can create pods there.',
  remediation: 'Create a dedicated service account for the workload that needs the permissions, bind the role to it, and set spec.serviceAccountName.',
  messages: {
    bound: '{{binding}} grants {{role}} to the default service account of namespace {{namespace}}{{pods}}',
  },
  check(ctx) {
    const model = modelFor(ctx);
    for (const b of model.bindings) {
      if (b.builtin) continue;
      for (const s of b.subjects) {
        if (s.kind !== 'ServiceAccount' || s.name !== 'default' || isDefaultSubject(b, s)) continue;
        const pods = model.serviceAccounts.get(`${s.namespace}/default`)?.workloads ?? [];
        ctx.report(
          'bound',
          {
            binding: `${b.kind} ${b.namespace ? `${b.namespace}/` : ''}${b.name}`,
            role: describeRoleRef(b),
            namespace: s.namespace,
            pods: pods.length ? `; ${pods.length} workload(s) of the input run as it` : '',
          },
          { resource: b.resource, path: ['subjects', s.index], evidence: { workloads: pods.map((w) => `${w.resource.kind} ${w.namespace}/${w.resource.name}`) } },
        );
      }
    }
  },
});
