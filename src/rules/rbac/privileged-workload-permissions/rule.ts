import { defineRule } from '../../../core/rule.js';
import type { PathSegment } from '../../../core/types.js';
import { podTemplateOf } from '../../../core/workload.js';
import { bindingsFor, identityFor } from '../../../rbac/authorizer.js';
import { namesInclude, roleCapabilities, type CapabilityId } from '../../../rbac/capabilities.js';
import { formatRule } from '../../../rbac/matcher.js';
import { saUsername } from '../../../rbac/model.js';
import { nodeTakeover } from '../../../rbac/paths.js';
import { whereOfResource } from '../../../rbac/query.js';
import { isDefaultSubject } from '../defaults.js';
import { bindingGrants, bindingName, modelFor, pathsFor, tokenMounted, workloadFields } from '../shared.js';
import { RBAC_READS } from '../../kinds.js';

/** What each capability lets a thief of the pod's token do (the permissions the other rbac rules report). */
const POWERS: Partial<Record<CapabilityId, string>> = {
  all: 'do everything',
  'secrets-read': 'read Secrets',
  'secrets-list': 'read Secrets',
  'pods-create': 'create pods',
  'workloads-create': 'create pod controllers',
  'workloads-update': 'change pod controllers',
  'pods-exec': 'exec into pods',
  'pods-attach': 'attach to pods',
  'pods-ephemeral': 'add ephemeral containers to pods',
  'sa-token-create': 'mint service-account tokens',
  'impersonate-users': 'impersonate users',
  'impersonate-groups': 'impersonate groups',
  'impersonate-serviceaccounts': 'impersonate service accounts',
  'bind-clusterroles': 'bind ClusterRoles',
  'bind-roles': 'bind Roles',
  'escalate-clusterroles': 'escalate ClusterRoles',
  'escalate-roles': 'escalate Roles',
  'nodes-proxy': 'use the kubelet API (nodes/proxy)',
  'signers-approve': 'approve certificate requests',
  'mutating-webhooks-write': 'write mutating webhook configurations',
  'validating-webhooks-write': 'write validating webhook configurations',
  'pv-create': 'create PersistentVolumes',
};

function powerText(what: string, list: { scope: string; names: '*' | string[] }[]): string {
  const wide = list.find((p) => p.names === '*') ?? list[0]!;
  const scope = list.some((p) => p.scope === 'cluster-wide' && p.names === wide.names) ? 'cluster-wide' : wide.scope;
  return `${what}${wide.names === '*' ? '' : ` named ${wide.names.join(',')}`} ${scope}`;
}

export default defineRule({
  id: 'rbac-privileged-workload-permissions',
  title: 'Workload that can take over its node and whose service account holds dangerous permissions',
  severity: 'critical',
  area: 'rbac',
  target: 'inventory',
  kinds: RBAC_READS,
  description:
    "A pod that is privileged (or adds SYS_ADMIN, or mounts the host's system directories) and mounts the token of a service account that may read Secrets, run pods, mint tokens or bind roles is one story: whoever compromises the container owns its node and acts with those permissions. Pod Security rules report the host access, rbac permission rules report the grant; this finding tells them together, once, on the workload, and names both (properties.related lists the fields, evidence.permissions the role rules). Workloads that reach cluster-admin are told by rbac-escalation-path instead.",
  remediation: "Split the duties: run the privileged part without a token (automountServiceAccountToken: false) or under a service account without these permissions, and give the permissions to an unprivileged workload.",
  references: ['https://kubernetes.io/docs/concepts/security/rbac-good-practices/', 'https://kubernetes.io/docs/concepts/security/pod-security-standards/'],
  messages: {
    story: '{{workload}} can take over its node ({{host}}) and mounts the token of ServiceAccount {{sa}}, which may {{powers}}',
  },
  check(ctx) {
    const model = modelFor(ctx);
    let onPath: Set<string> | undefined;
    const seen = new Set<string>();
    for (const w of model.workloads) {
      const takeover = nodeTakeover(w);
      if (!tokenMounted(model, w) || takeover.length === 0 || w.resource.source.origin === 'builtin') continue;
      const id = `${w.resource.kind}/${w.namespace}/${w.resource.name}`;
      if (seen.has(id)) continue;
      seen.add(id);
      const powers = new Map<string, { scope: string; names: '*' | string[]; binding: string; role: string; rule: string; file?: string; line?: number }[]>();
      for (const { binding: b, subject } of bindingsFor(model, identityFor(saUsername(w.namespace, w.serviceAccount)))) {
        if (!b.role || isDefaultSubject(b, subject)) continue;
        for (const c of roleCapabilities(b.role)) {
          const what = POWERS[c.id];
          if (!what || !bindingGrants(b, c)) continue;
          // The same filters as the permission rules: named reads and custom signers are not dangerous.
          if ((c.id === 'secrets-read' || c.id === 'secrets-list') && c.names !== '*') continue;
          if (c.id === 'signers-approve' && !['kubernetes.io/kube-apiserver-client', 'kubernetes.io/kube-apiserver-client-kubelet', 'kubernetes.io/*'].some((n) => namesInclude(c.names, n))) continue;
          const origin = b.role.origins[c.ruleIndex]!;
          const where = whereOfResource(origin.resource, ['rules', origin.index]);
          const scope = b.kind === 'ClusterRoleBinding' ? 'cluster-wide' : `in namespace ${b.namespace}`;
          const list = powers.get(what) ?? [];
          list.push({ scope, names: c.names, binding: bindingName(b), role: `${origin.resource.kind} ${origin.resource.name} rules[${origin.index}]`, rule: formatRule(b.role.rules[c.ruleIndex]!), ...(where.file ? { file: where.file } : {}), ...(where.line ? { line: where.line } : {}) });
          powers.set(what, list);
        }
      }
      if (powers.size === 0) continue;
      // A workload with a path to cluster-admin is told by rbac-escalation-path.
      onPath ??= new Set(pathsFor(model).paths.filter((p) => p.workload).map((p) => p.from));
      if (onPath.has(`workload:${id}`)) continue;
      const template = podTemplateOf(w.resource);
      const base: PathSegment[] = template ? [...template.path, 'spec'] : [];
      // Critical when some permission is cluster-wide and not limited to named objects.
      const clusterWide = [...powers.values()].some((l) => l.some((p) => p.scope === 'cluster-wide' && p.names === '*'));
      ctx.report(
        'story',
        {
          workload: `${w.resource.kind} ${w.namespace}/${w.resource.name}`,
          host: takeover.join(', '),
          sa: `${w.namespace}/${w.serviceAccount}`,
          powers: [...powers].map(([what, l]) => powerText(what, l)).join(', '),
        },
        {
          resource: w.resource,
          path: template && typeof template.spec.serviceAccountName === 'string' ? [...base, 'serviceAccountName'] : base,
          severity: clusterWide ? 'critical' : 'high',
          evidence: { hostAccess: takeover, serviceAccount: `${w.namespace}/${w.serviceAccount}`, permissions: Object.fromEntries(powers) },
          properties: { workload: id, serviceAccount: `${w.namespace}/${w.serviceAccount}`, related: workloadFields(w.resource, takeover) },
        },
      );
    }
  },
});
