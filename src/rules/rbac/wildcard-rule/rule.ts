import { defineRule } from '../../../core/rule.js';
import { ruleCapabilities } from '../../../rbac/capabilities.js';
import { formatRule } from '../../../rbac/matcher.js';
import { isDefaultRule } from '../defaults.js';
import { modelFor, needsClusterBinding } from '../shared.js';
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
    wildcard: '{{kind}} {{name}} rules[{{index}}] uses * in {{fields}}{{reaches}}',
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
        // What the wildcard reaches decides how much it matters: everything (high), a permission the
        // other rbac rules report (medium), or only the named group's or resource's own objects (low).
        const reaches = [...new Set(ruleCapabilities(rule, index).filter((c) => role.kind === 'ClusterRole' || !needsClusterBinding(c)).map((c) => c.id))];
        const severity = all && rule.resourceNames.length === 0 ? 'high' : reaches.length || rule.nonResourceURLs.includes('*') ? 'medium' : 'low';
        ctx.report(
          'wildcard',
          { kind: role.kind, name: role.namespace ? `${role.namespace}/${role.name}` : role.name, index, fields: fields.join(', '), reaches: all ? ', which allows everything in its scope' : reaches.length ? ` (it reaches: ${reaches.join(', ')})` : '' },
          { resource: role.resource, path: ['rules', index, fields[0]!], severity, evidence: { rule: formatRule(rule), fields, reaches } },
        );
      });
    }
  },
});
