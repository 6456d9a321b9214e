import { defineRule } from '../../../core/rule.js';
import { formatRule } from '../../../rbac/matcher.js';
import { describeRoleRef } from '../../../rbac/model.js';
import { modelFor } from '../shared.js';
import { RBAC_READS } from '../../kinds.js';

const BROAD: Record<string, string> = {
  'system:anonymous': 'every unauthenticated request',
  'system:unauthenticated': 'every unauthenticated request',
  'system:authenticated': 'every authenticated identity (every user and every service account of every namespace)',
};

export default defineRule({
  id: 'rbac-anonymous-grant',
  title: 'Permissions granted to anonymous or to every authenticated identity',
  severity: 'critical',
  area: 'rbac',
  target: 'inventory',
  kinds: RBAC_READS,
  description:
    'system:anonymous and system:unauthenticated are whoever reaches the API server without credentials; system:authenticated is everyone with any credential, including every service-account token of every pod. Anything granted to them is granted to an attacker with the least foothold.',
  remediation: 'Bind the role to the users, groups or service accounts that need it instead of these built-in groups.',
  messages: {
    broad: '{{binding}} grants {{role}} to {{subject}}: {{who}}',
  },
  check(ctx) {
    const model = modelFor(ctx);
    for (const b of model.bindings) {
      if (b.builtin) continue;
      for (const s of b.subjects) {
        const who = BROAD[s.name];
        if (!who || (s.kind === 'User' && s.name !== 'system:anonymous') || s.kind === 'ServiceAccount') continue;
        const rules = b.role?.rules ?? [];
        ctx.report(
          'broad',
          { binding: `${b.kind} ${b.namespace ? `${b.namespace}/` : ''}${b.name}`, role: describeRoleRef(b), subject: `${s.kind} ${s.name}`, who },
          { resource: b.resource, path: ['subjects', s.index], severity: s.name === 'system:authenticated' ? 'high' : 'critical', evidence: { rules: rules.map(formatRule), roleExists: Boolean(b.role) } },
        );
      }
    }
  },
});
