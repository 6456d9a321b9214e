import { CREDENTIAL_LABELS, decodeSecretValue, detectCredentials, REDACTED_PREFIX, type CredentialType } from '../../../cloud/credentials.js';
import { defineRule } from '../../../core/rule.js';
import type { PathSegment, Resource } from '../../../core/types.js';
import { containersOf, isObject, podTemplateOf } from '../../../core/workload.js';
import { clusterInfoOf, isControlled, ofKind, skipIfUnreadable, SKIPPED_MESSAGE, unreadable } from '../../cluster/shared/cluster-info.js';
import { CLOUD_READS } from '../../kinds.js';

const describe = (types: readonly CredentialType[]) => types.map((t) => CREDENTIAL_LABELS[t]).join(', ');

export default defineRule({
  id: 'cloud-credentials-in-cluster',
  title: 'Cloud credentials stored in Secrets, ConfigMaps or container env',
  severity: 'high',
  area: 'cloud',
  target: 'inventory',
  kinds: CLOUD_READS,
  description:
    'Long-lived cloud keys (AWS access keys, GCP service account keys, Azure client secrets) and kubeconfigs with embedded credentials in the cluster are readable by anyone who can read the Secret, ConfigMap or pod spec, and by every process of the pods that mount them; they do not expire and are rarely rotated. Only locations are reported; values are never read into a report.',
  remediation:
    'Replace long-lived keys with workload identity (IRSA or EKS Pod Identity, GKE Workload Identity, Azure Workload Identity), rotate the exposed key, and never put credentials in ConfigMaps or plain env values.',
  references: ['https://kubernetes.io/docs/concepts/security/secrets-good-practices/'],
  messages: {
    inSecret: 'Secret {{name}} key "{{key}}" holds {{what}}{{usedBy}}',
    inConfigMap: 'ConfigMap {{name}} key "{{key}}" holds {{what}} in plain text{{usedBy}}',
    inEnv: 'Container "{{container}}" has {{what}} in the plain env value {{env}}',
    mounted: 'Container "{{container}}" gets {{what}} from {{source}} {{name}} {{how}}',
    skipped: SKIPPED_MESSAGE,
  },
  check({ inventory, report }) {
    const info = clusterInfoOf(inventory);
    if (info) skipIfUnreadable({ report }, info, ['pods', 'secrets', 'configmaps'].filter((r) => r !== 'configmaps' || info.object.readSecrets));

    // Credentials per Secret/ConfigMap key, so that pods using them can be named.
    const stores = new Map<string, Map<string, CredentialType[]>>();
    const storeFindings: { resource: Resource; field: string; key: string; types: CredentialType[] }[] = [];
    for (const kind of ['Secret', 'ConfigMap'] as const) {
      for (const r of ofKind(inventory, kind)) {
        const keys = new Map<string, CredentialType[]>();
        for (const field of kind === 'Secret' ? ['data', 'stringData'] : ['data']) {
          const map = r.object[field];
          if (!isObject(map)) continue;
          for (const [key, raw] of Object.entries(map)) {
            if (typeof raw !== 'string') continue;
            const value = kind === 'Secret' && field === 'data' ? decodeSecretValue(raw) : raw;
            const types = detectCredentials(key, value);
            if (types.length === 0) continue;
            keys.set(key, types);
            storeFindings.push({ resource: r, field, key, types });
          }
        }
        if (keys.size) stores.set(`${kind}/${r.namespace ?? ''}/${r.name}`, keys);
      }
    }

    const usedBy = new Map<string, string[]>();
    // In a cluster, running Pods show what really runs (webhooks inject env); their controllers are
    // judged only when Pods could not be read. In manifests, every workload is judged.
    const podsOnly = Boolean(info) && !unreadable(info, ['pods']).length;
    for (const r of inventory.resources) {
      const template = podTemplateOf(r);
      if (!template || (podsOnly && r.kind !== 'Pod') || (info && !podsOnly && isControlled(r.object))) continue;
      const ns = r.namespace ?? '';
      const volumes = new Map<string, { kind: 'Secret' | 'ConfigMap'; name: string }>();
      for (const v of Array.isArray(template.spec.volumes) ? template.spec.volumes : []) {
        if (typeof v?.secret?.secretName === 'string') volumes.set(v.name, { kind: 'Secret', name: v.secret.secretName });
        else if (typeof v?.configMap?.name === 'string') volumes.set(v.name, { kind: 'ConfigMap', name: v.configMap.name });
      }
      for (const ref of containersOf(template.spec)) {
        const c = ref.container;
        const base: PathSegment[] = [...template.path, ...ref.path];
        (Array.isArray(c.env) ? c.env : []).forEach((e: any, j: number) => {
          if (typeof e?.value === 'string') {
            const types = detectCredentials(String(e.name ?? ''), e.value);
            if (types.length) report('inEnv', { container: c.name, what: describe(types), env: e.name }, { resource: r, path: [...base, 'env', j, 'value'], evidence: { types, env: e.name } });
          }
          const sel = e?.valueFrom?.secretKeyRef ?? e?.valueFrom?.configMapKeyRef;
          if (sel && typeof sel.name === 'string') {
            const kind = e.valueFrom.secretKeyRef ? 'Secret' : 'ConfigMap';
            const types = stores.get(`${kind}/${ns}/${sel.name}`)?.get(String(sel.key));
            if (types) {
              report('mounted', { container: c.name, what: describe(types), source: kind, name: sel.name, how: `as env ${e.name}` }, { resource: r, path: [...base, 'env', j, 'valueFrom'], evidence: { types, from: `${kind}/${sel.name}`, key: sel.key } });
              (usedBy.get(`${kind}/${ns}/${sel.name}`) ?? usedBy.set(`${kind}/${ns}/${sel.name}`, []).get(`${kind}/${ns}/${sel.name}`)!).push(`${r.kind}/${r.name}`);
            }
          }
        });
        (Array.isArray(c.envFrom) ? c.envFrom : []).forEach((e: any, j: number) => {
          const kind = e?.secretRef ? 'Secret' : e?.configMapRef ? 'ConfigMap' : undefined;
          const name = (e?.secretRef ?? e?.configMapRef)?.name;
          const keys = kind && stores.get(`${kind}/${ns}/${name}`);
          if (!keys) return;
          const types = [...new Set([...keys.values()].flat())];
          report('mounted', { container: c.name, what: describe(types), source: kind, name, how: 'as env (envFrom)' }, { resource: r, path: [...base, 'envFrom', j], evidence: { types, from: `${kind}/${name}`, keys: [...keys.keys()] } });
          (usedBy.get(`${kind}/${ns}/${name}`) ?? usedBy.set(`${kind}/${ns}/${name}`, []).get(`${kind}/${ns}/${name}`)!).push(`${r.kind}/${r.name}`);
        });
        (Array.isArray(c.volumeMounts) ? c.volumeMounts : []).forEach((m: any, j: number) => {
          const vol = volumes.get(m?.name);
          const keys = vol && stores.get(`${vol.kind}/${ns}/${vol.name}`);
          if (!vol || !keys) return;
          const types = [...new Set([...keys.values()].flat())];
          const files = [...keys.keys()].map((k) => `${String(m.mountPath).replace(/\/$/, '')}/${k}`);
          report('mounted', { container: c.name, what: describe(types), source: vol.kind, name: vol.name, how: `as file(s) ${files.join(', ')}` }, { resource: r, path: [...base, 'volumeMounts', j], evidence: { types, from: `${vol.kind}/${vol.name}`, files } });
          (usedBy.get(`${vol.kind}/${ns}/${vol.name}`) ?? usedBy.set(`${vol.kind}/${ns}/${vol.name}`, []).get(`${vol.kind}/${ns}/${vol.name}`)!).push(`${r.kind}/${r.name}`);
        });
      }
    }

    for (const f of storeFindings) {
      const users = [...new Set(usedBy.get(`${f.resource.kind}/${f.resource.namespace ?? ''}/${f.resource.name}`) ?? [])];
      report(f.resource.kind === 'Secret' ? 'inSecret' : 'inConfigMap', { name: f.resource.name, key: f.key, what: describe(f.types), usedBy: users.length ? `, used by ${users.join(', ')}` : '' }, {
        resource: f.resource,
        path: [f.field, f.key],
        severity: f.resource.kind === 'ConfigMap' ? 'critical' : undefined,
        evidence: { types: f.types, usedBy: users, redacted: String(f.resource.object[f.field]?.[f.key] ?? '').startsWith(REDACTED_PREFIX) },
      });
    }
  },
});
