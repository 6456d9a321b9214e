import { defineRule } from '../../../core/rule.js';
import { formatRule } from '../../../rbac/matcher.js';
import { isDefaultRule } from '../defaults.js';
import { modelFor } from '../shared.js';
import { RBAC_READS } from '../../kinds.js';

export default defineRule({
  id: 'rbac-wildcard-rule',
  title: 'Wildcard in verbs, resources or apiGroups',
  severity: 'medium',
  area: 'rbac',
  target: 'inventory',
  kinds: RBAC_READS,
  description:
    '`*` grants everything that exists now and everything added later: a new subresource, a new verb, a CRD installed next month (e.g. one whose objects are credentials). Wildcards also hide what a role really allows from reviewers.',
  remediation: 'List the verbs, resources and API groups the subject needs.',
  messages: {
    wildcard: '{{kind}} {{name}} rules[{{index}}] uses * in {{fields}}',
  },
  check(ctx) {
    const model = modelFor(ctx);
    for (const role of model.roles.values()) {
      if (role.builtin) continue;
      role.rules.forEach((rule, index) => {
        const origin = role.origins[index]!;
        if (origin.roleKey !== role.key) return; // reported on the role it is aggregated from
        if (isDefaultRule(role, index)) return; // upstream's own (cluster-admin...), as read from a cluster
        const fields = (['verbs', 'resources', 'apiGroups', 'nonResourceURLs'] as const).filter((f) => rule[f].includes('*'));
        if (fields.length === 0) return;
        const all = rule.verbs.includes('*') && rule.resources.includes('*') && rule.apiGroups.includes('*');
        ctx.report(
          'wildcard',
          { kind: role.kind, name: role.namespace ? `${role.namespace}/${role.name}` : role.name, index, fields: fields.join(', ') },
          { resource: role.resource, path: ['rules', index, fields[0]!], severity: all ? 'high' : 'medium', evidence: { rule: formatRule(rule), fields } },
        );
      });
    }
  },
});
