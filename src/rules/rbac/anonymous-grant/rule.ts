import { defineRule } from '../../../core/rule.js';
import type { Severity } from '../../../core/types.js';
import { roleCapabilities } from '../../../rbac/capabilities.js';
import { formatRule } from '../../../rbac/matcher.js';
import { describeRoleRef, type BindingRec } from '../../../rbac/model.js';
import { isDefaultSubject } from '../defaults.js';
import { bindingName, modelFor } from '../shared.js';
import { RBAC_READS } from '../../kinds.js';

const BROAD: Record<string, { who: string; anonymous: boolean }> = {
  'system:anonymous': { who: 'every unauthenticated request', anonymous: true },
  'system:unauthenticated': { who: 'every unauthenticated request', anonymous: true },
  'system:authenticated': { who: 'every authenticated identity (every user and every service account of every namespace)', anonymous: false },
  'system:serviceaccounts': { who: 'every service account of every namespace (every pod that mounts its token)', anonymous: false },
};

/** Built-in roles that only expose API discovery, version and health: upstream gives them to everyone. */
const DISCOVERY_ONLY = new Set(['system:discovery', 'system:basic-user', 'system:public-info-viewer']);

function severityOf(b: BindingRec, anonymous: boolean): Severity {
  if (!b.role) return 'medium'; // grants nothing until a role of that name appears
  if (b.role.builtin && DISCOVERY_ONLY.has(b.role.name)) return 'low';
  if (roleCapabilities(b.role).length > 0) return 'critical'; // a dangerous permission (secrets, pods, tokens, bind...)
  return anonymous ? 'high' : 'medium';
}

export default defineRule({
  id: 'rbac-anonymous-grant',
  title: 'Permissions granted to anonymous, to every authenticated identity, or to every service account',
  severity: 'critical',
  area: 'rbac',
  target: 'inventory',
  kinds: RBAC_READS,
  description:
    'system:anonymous and system:unauthenticated are whoever reaches the API server without credentials; system:authenticated is everyone with any credential, including every service-account token of every pod; system:serviceaccounts is every pod. Anything granted to them is granted to an attacker with the least foothold. Severity follows what the role grants: critical when it holds a permission other rules report (Secrets, pods, tokens, bind...), low for the built-in discovery roles.',
  remediation: 'Bind the role to the users, groups or service accounts that need it instead of these built-in groups.',
  references: ['https://kubernetes.io/docs/reference/access-authn-authz/rbac/#discovery-roles', 'https://kubernetes.io/docs/concepts/security/rbac-good-practices/'],
  messages: {
    broad: '{{binding}} grants {{role}} to {{subject}}, i.e. to {{who}}{{scope}}: {{grants}}',
  },
  check(ctx) {
    const model = modelFor(ctx);
    for (const b of model.bindings) {
      if (b.builtin) continue;
      for (const s of b.subjects) {
        const broad = BROAD[s.name];
        if (!broad || s.kind === 'ServiceAccount' || (s.kind === 'User' && s.name !== 'system:anonymous')) continue;
        // Upstream's own grants (system:public-info-viewer to system:unauthenticated...), read from a cluster.
        if (isDefaultSubject(b, s)) continue;
        const rules = b.role?.rules ?? [];
        ctx.report(
          'broad',
          {
            binding: bindingName(b),
            role: describeRoleRef(b),
            subject: `${s.kind} ${s.name}`,
            who: broad.who,
            scope: b.kind === 'RoleBinding' ? ` in namespace ${b.namespace}` : '',
            grants: b.role ? (rules.length ? rules.slice(0, 3).map(formatRule).join('; ') + (rules.length > 3 ? ` and ${rules.length - 3} more rule(s)` : '') : 'no rules today') : 'the role does not exist yet',
          },
          { resource: b.resource, path: ['subjects', s.index], severity: severityOf(b, broad.anonymous), evidence: { rules: rules.map(formatRule), roleExists: Boolean(b.role), dangerous: b.role ? [...new Set(roleCapabilities(b.role).map((c) => c.id))] : [] } },
        );
      }
    }
  },
});
