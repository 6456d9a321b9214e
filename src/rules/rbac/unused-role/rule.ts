import { defineRule } from '../../../core/rule.js';
import { isDefaultRole } from '../defaults.js';
import { effectiveBindings, modelFor } from '../shared.js';
import { RBAC_READS } from '../../kinds.js';

export default defineRule({
  id: 'rbac-unused-role',
  title: 'Role bound to nothing',
  severity: 'info',
  area: 'rbac',
  target: 'inventory',
  kinds: RBAC_READS,
  description:
    'A Role or ClusterRole that no binding references (directly, or through an aggregated ClusterRole) grants nothing; it is clutter that reviewers still have to read, and it is granted the day someone binds it by name.',
  remediation: 'Delete the role, or bind it where it is meant to be used.',
  messages: {
    unused: '{{kind}} {{name}} is referenced by no binding{{aggregated}}',
  },
  check(ctx) {
    const model = modelFor(ctx);
    for (const role of model.roles.values()) {
      // Upstream's roles (admin, edit, view...) are there to be bound when needed.
      if (isDefaultRole(role)) continue;
      // Roles made only to be aggregated, and aggregated roles (bound by users later), are in use by design.
      if (Object.keys(role.labels).some((l) => l.includes('aggregate-to-'))) continue;
      if (effectiveBindings(model, role).length > 0) continue;
      ctx.report(
        'unused',
        { kind: role.kind, name: role.namespace ? `${role.namespace}/${role.name}` : role.name, aggregated: role.aggregation ? ' (an aggregated ClusterRole)' : '' },
        { resource: role.resource, path: ['metadata', 'name'] },
      );
    }
  },
});
