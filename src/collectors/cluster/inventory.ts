import type { Inventory, Provenance, Resource } from '../../core/types.js';
import { CLUSTER_INFO_API_VERSION, CLUSTER_INFO_KIND } from '../../rules/cluster/shared/cluster-info.js';
import { rulesNeeding } from '../../rules/cluster/shared/needs.js';
import { emptyInventory } from '../manifests/collect.js';
import type { Collection } from './types.js';

export interface InventorySource {
  origin: 'cluster' | 'snapshot';
  /** The snapshot file, for a snapshot. */
  file?: string;
  bytes?: number;
}

/**
 * Turns a collection into an inventory. The live scan and a scan of its snapshot both go through
 * here, which is what makes their findings the same.
 */
export function inventoryFromCollection(collection: Collection, source: InventorySource): Inventory {
  const inventory = emptyInventory();
  const base: Provenance = { origin: source.origin, cluster: collection.cluster.name };
  if (source.file) base.file = source.file;
  if (source.origin === 'snapshot') {
    inventory.stats.files = 1;
    inventory.stats.bytes = source.bytes ?? 0;
  }
  const forbidden = collection.forbidden.map((f) => ({ ...f, skippedChecks: rulesNeeding([f.resource]) }));
  const info: Resource = {
    apiVersion: CLUSTER_INFO_API_VERSION,
    kind: CLUSTER_INFO_KIND,
    name: collection.cluster.name,
    object: {
      apiVersion: CLUSTER_INFO_API_VERSION,
      kind: CLUSTER_INFO_KIND,
      metadata: { name: collection.cluster.name },
      server: collection.cluster.server,
      context: collection.cluster.context,
      serverVersion: collection.serverVersion,
      namespace: collection.namespace,
      readSecrets: collection.readSecrets,
      collectedAt: collection.collectedAt,
      forbidden: collection.forbidden,
      notServed: collection.notServed,
    },
    source: base,
  };
  inventory.resources.push(info);
  for (const list of collection.lists) {
    for (const obj of list.items) {
      const meta = obj.metadata ?? {};
      const r: Resource = {
        apiVersion: String(obj.apiVersion),
        kind: String(obj.kind),
        name: typeof meta.name === 'string' ? meta.name : '(unnamed)',
        object: obj,
        source: typeof meta.uid === 'string' ? { ...base, uid: meta.uid } : base,
      };
      if (typeof meta.namespace === 'string' && meta.namespace !== '') r.namespace = meta.namespace;
      inventory.resources.push(r);
    }
  }
  inventory.stats.resources = inventory.resources.length;
  inventory.stats.documents = inventory.resources.length;
  for (const f of forbidden) {
    inventory.diagnostics.push({
      level: 'warning',
      code: f.code === 403 || f.code === 401 ? 'cluster-forbidden' : 'cluster-unreadable',
      message: `could not list ${f.resource}${f.namespace ? ` in ${f.namespace}` : ''}: ${f.code ? `${f.code} ${f.reason}` : f.reason}: ${f.message}${
        f.skippedChecks.length ? `; checks skipped or partial: ${f.skippedChecks.join(', ')}` : ''
      }`,
    });
  }
  for (const r of collection.notServed) inventory.diagnostics.push({ level: 'info', code: 'cluster-not-served', message: `the API server does not serve ${r}` });
  if (!collection.readSecrets) {
    inventory.diagnostics.push({
      level: 'info',
      code: 'secrets-metadata-only',
      message: 'Secret values and ConfigMaps were not read (metadata only); cloud credentials were looked for in container env only. Add --read-secrets to scan them in memory.',
    });
  }
  inventory.context = {
    cluster: collection.cluster.name,
    server: collection.cluster.server,
    kubeContext: collection.cluster.context,
    serverVersion: collection.serverVersion?.gitVersion,
    collectedAt: collection.collectedAt,
    namespace: collection.namespace,
    readSecrets: collection.readSecrets,
    partial: forbidden.length > 0,
    forbidden,
    skippedChecks: [...new Set(forbidden.flatMap((f) => f.skippedChecks))],
  };
  return inventory;
}
