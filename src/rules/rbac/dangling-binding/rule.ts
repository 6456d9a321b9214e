import { defineRule } from '../../../core/rule.js';
import { describeRoleRef } from '../../../rbac/model.js';
import { isDefaultBinding } from '../defaults.js';
import { modelFor } from '../shared.js';
import { RBAC_READS } from '../../kinds.js';

export default defineRule({
  id: 'rbac-dangling-binding',
  title: 'Binding to a role or service account that does not exist',
  severity: 'low',
  area: 'rbac',
  target: 'inventory',
  kinds: RBAC_READS,
  description:
    'A binding whose role does not exist grants nothing today, and whatever role is created later under that name is granted at once, without review of the binding. A binding to a missing service account is granted to whoever creates an account of that name.',
  remediation: 'Delete the binding, or create the role or service account it is meant for (and check that the name is not a typo).',
  messages: {
    role: '{{binding}} references {{role}}, which does not exist{{hint}}',
    subject: '{{binding}} names ServiceAccount {{namespace}}/{{name}}, which the input does not define',
  },
  check(ctx) {
    const model = modelFor(ctx);
    // Service accounts can only be judged missing in namespaces whose accounts the input lists.
    const nsWithAccounts = new Set<string>();
    for (const sa of model.serviceAccounts.values()) if (sa.resource && sa.resource.source.origin !== 'builtin') nsWithAccounts.add(sa.namespace);
    for (const b of model.bindings) {
      if (isDefaultBinding(b)) continue;
      if (!b.role && b.roleRef.name) {
        ctx.report(
          'role',
          {
            binding: `${b.kind} ${b.namespace ? `${b.namespace}/` : ''}${b.name}`,
            role: describeRoleRef(b),
            hint: b.kind === 'ClusterRoleBinding' && b.roleRef.kind === 'Role' ? ' (a ClusterRoleBinding can only reference a ClusterRole)' : model.bootstrap ? '' : ' (built-in roles are not loaded: --no-bootstrap)',
          },
          { resource: b.resource, path: ['roleRef', 'name'], evidence: { roleRef: b.roleRef } },
        );
      }
      for (const s of b.subjects) {
        if (s.kind !== 'ServiceAccount' || s.name === 'default' || !nsWithAccounts.has(s.namespace!)) continue;
        if (model.serviceAccounts.get(`${s.namespace}/${s.name}`)?.resource) continue;
        ctx.report(
          'subject',
          { binding: `${b.kind} ${b.namespace ? `${b.namespace}/` : ''}${b.name}`, namespace: s.namespace, name: s.name },
          { resource: b.resource, path: ['subjects', s.index], status: 'warn', evidence: { subject: { kind: s.kind, name: s.name, namespace: s.namespace } } },
        );
      }
    }
  },
});
