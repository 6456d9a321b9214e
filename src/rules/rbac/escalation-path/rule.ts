import { defineRule } from '../../../core/rule.js';
import { podTemplateOf } from '../../../core/workload.js';
import { roleKey, type BindingRec, type RbacModel } from '../../../rbac/model.js';
import { nodeLabel, nodeTakeover, type EscalationPath } from '../../../rbac/paths.js';
import { resourceOf, type Where } from '../../../rbac/query.js';
import { isDefaultBinding, isDefaultRole } from '../defaults.js';
import { modelFor, pathsFor, tokenMounted, workloadFields } from '../shared.js';
import { RBAC_READS } from '../../kinds.js';

const bindingIndex = new WeakMap<RbacModel, Map<string, BindingRec>>();

/** True when the evidence is upstream's default policy (built in, or as read from a cluster). */
function isDefaultEvidence(model: RbacModel, w: Where): boolean {
  if (w.builtin) return true;
  if (w.kind === 'Role' || w.kind === 'ClusterRole') {
    const role = model.roles.get(roleKey(w.kind, w.name, w.namespace));
    return role ? isDefaultRole(role) : false;
  }
  if (w.kind === 'RoleBinding' || w.kind === 'ClusterRoleBinding') {
    let index = bindingIndex.get(model);
    if (!index) bindingIndex.set(model, (index = new Map(model.bindings.map((b) => [b.key, b]))));
    const b = index.get(`${w.kind}/${w.namespace ?? ''}/${w.name}`);
    return b ? isDefaultBinding(b) : false;
  }
  return false;
}

export default defineRule({
  id: 'rbac-escalation-path',
  title: 'Privilege-escalation path to cluster-admin',
  severity: 'critical',
  area: 'rbac',
  target: 'inventory',
  kinds: RBAC_READS,
  description:
    'Some identity, or a compromised pod, can become cluster-admin-equivalent in a few steps that RBAC allows: running a pod as a more powerful service account, minting or reading its token, impersonation, bind/escalate, the kubelet API, certificate approval, admission webhooks. Each hop of the finding names the binding and rule that allow it. A path from a workload is told once, on the workload: its host access and its service account are the first hop, and properties.related lists the fields that the Pod Security and workload rules report on the same object.',
  remediation: 'Break the weakest hop: usually the permission of the first hop (pod creation, token creation, secret reads), or the power of the service account it reaches.',
  references: ['https://kubernetes.io/docs/concepts/security/rbac-good-practices/#privilege-escalation-risks'],
  messages: {
    path: '{{from}} can become cluster-admin in {{count}} hop(s): {{summary}}',
  },
  check(ctx) {
    const model = modelFor(ctx);
    const result = pathsFor(model);
    for (const p of result.paths as EscalationPath[]) {
      if (!p.fromInput) continue;
      // Paths through upstream's policy alone (read from a cluster) are the control plane's design.
      if (!p.workload && p.hops.every((h) => h.evidence.every((w) => isDefaultEvidence(model, w)))) continue;
      // The finding sits on the workload, or on the input object of the first hop that has one.
      const anchor = p.workload ?? p.hops.flatMap((h) => h.evidence).find((w) => !isDefaultEvidence(model, w));
      const target = anchor && resourceOf(anchor);
      if (!target) continue;
      const w = p.workload ? model.workloads.find((x) => x.resource === target) : undefined;
      // The model reads automountServiceAccountToken from the pod only: a ServiceAccount that opts
      // out (and a pod that does not opt back in) mounts no token, so that first hop does not exist.
      if (w && p.hops[0]?.technique === 'pod-token' && !tokenMounted(model, w)) continue;
      const takeover = w ? nodeTakeover(w) : [];
      const related = p.workload ? workloadFields(target, takeover) : [];
      const template = p.workload ? podTemplateOf(target) : undefined;
      ctx.report(
        'path',
        {
          from: `${p.fromLabel}${takeover.length ? ` (${takeover.join(', ')})` : ''}`,
          count: p.hops.length,
          summary: p.hops.map((h) => `${h.technique} → ${nodeLabel(h.to)}`).join('; '),
        },
        {
          resource: target,
          ...(template ? { path: [...template.path, 'spec'] } : {}),
          severity: p.hops.length <= 2 ? 'critical' : 'high',
          evidence: { from: p.from, hops: p.hops, ...(takeover.length ? { hostAccess: takeover } : {}) },
          properties: {
            rbacPath: { from: p.from, length: p.hops.length },
            ...(w ? { workload: `${target.kind}/${w.namespace}/${target.name}`, serviceAccount: `${w.namespace}/${w.serviceAccount}`, related } : {}),
          },
        },
      );
    }
  },
});
