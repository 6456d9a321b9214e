import { defineRule } from '../../../core/rule.js';
import { roleCapabilities } from '../../../rbac/capabilities.js';
import { describeSubject } from '../../../rbac/model.js';
import { isDefaultSubject } from '../defaults.js';
import { bindingName, modelFor, runByText, workloadsRunningAs } from '../shared.js';
import { RBAC_READS } from '../../kinds.js';

/** System identities (control-plane components, built-in groups) hold cluster-admin by design. */
const isSystem = (name: string) => name.startsWith('system:');

export default defineRule({
  id: 'rbac-cluster-admin-binding',
  title: 'cluster-admin (or equivalent) bound to a non-system subject',
  severity: 'critical',
  area: 'rbac',
  target: 'inventory',
  kinds: RBAC_READS,
  description:
    'A binding to cluster-admin, or to any role that allows every verb on every resource of every API group, gives its subjects full control of the cluster (or of the namespace, for a RoleBinding): every Secret, every workload, every node through privileged pods.',
  remediation: 'Bind a role with only the permissions the subject needs; keep cluster-admin for break-glass accounts (system:masters certificates are not even revocable).',
  references: ['https://kubernetes.io/docs/reference/access-authn-authz/rbac/#user-facing-roles'],
  messages: {
    admin: '{{binding}} gives {{subject}} {{role}}, which allows every verb on every resource {{scope}}{{runBy}}',
  },
  check(ctx) {
    const model = modelFor(ctx);
    for (const b of model.bindings) {
      if (b.builtin || !b.role) continue;
      if (!roleCapabilities(b.role).some((c) => c.id === 'all')) continue;
      for (const s of b.subjects) {
        if ((isSystem(s.name) && s.kind !== 'ServiceAccount') || isDefaultSubject(b, s)) continue;
        const runBy = workloadsRunningAs(model, [s]);
        ctx.report(
          'admin',
          {
            binding: bindingName(b),
            subject: describeSubject(s),
            role: `${b.roleRef.kind} ${b.roleRef.name}`,
            scope: b.kind === 'ClusterRoleBinding' ? 'cluster-wide' : `in namespace ${b.namespace}`,
            runBy: runByText(runBy),
          },
          { resource: b.resource, path: ['subjects', s.index], severity: b.kind === 'ClusterRoleBinding' ? 'critical' : 'high', evidence: { roleRef: b.roleRef, subject: describeSubject(s), ...(runBy.length ? { usedBy: runBy } : {}) }, ...(runBy.length ? { properties: { workloads: runBy.map((w) => w.workload) } } : {}) },
        );
      }
    }
  },
});
