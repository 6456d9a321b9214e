import type { InventoryContext } from '../../../core/rule.js';
import type { Inventory, Resource } from '../../../core/types.js';

/**
 * A cluster or snapshot scan adds one `ClusterInfo` resource: the server version, what could not
 * be read, the scope. Rules that judge the cluster as a whole (absence of a policy, the version)
 * run only when it is there, since a folder of manifests is not the whole cluster.
 */
export const CLUSTER_INFO_API_VERSION = 'rampart.dev/v1';
export const CLUSTER_INFO_KIND = 'ClusterInfo';

export interface ForbiddenInfo {
  resource: string;
  namespace?: string;
  code: number;
  reason: string;
  message: string;
}

export function clusterInfoOf(inventory: Inventory): Resource | undefined {
  return inventory.resources.find((r) => r.kind === CLUSTER_INFO_KIND && r.apiVersion === CLUSTER_INFO_API_VERSION);
}

/** The entries of `forbidden` that concern any of these resources (`pods`, `networkpolicies.networking.k8s.io`). */
export function unreadable(info: Resource | undefined, resources: readonly string[]): ForbiddenInfo[] {
  const list: ForbiddenInfo[] = Array.isArray(info?.object.forbidden) ? info!.object.forbidden : [];
  return list.filter((f) => resources.includes(f.resource));
}

/**
 * Reports `skipped` on the ClusterInfo when data the rule needs could not be read, naming what and
 * why, and returns true so that the rule stops: a check without its data must not pass silently.
 */
export function skipIfUnreadable(
  ctx: Pick<InventoryContext<'skipped'>, 'report'>,
  info: Resource,
  resources: readonly string[],
): boolean {
  const missing = unreadable(info, resources);
  if (missing.length === 0) return false;
  ctx.report(
    'skipped',
    { resources: missing.map((m) => `${m.resource}${m.namespace ? ` in ${m.namespace}` : ''} (${m.code} ${m.reason})`).join(', ') },
    {
      resource: info,
      status: 'skipped',
      evidence: { unreadable: missing.map((m) => ({ resource: m.resource, namespace: m.namespace, code: m.code, reason: m.reason, message: m.message })) },
    },
  );
  return true;
}

export const SKIPPED_MESSAGE = 'Not checked: could not read {{resources}}';

/** Resources of a kind, in inventory order. */
export function ofKind(inventory: Inventory, kind: string): Resource[] {
  return inventory.resources.filter((r) => r.kind === kind);
}

/** True for objects a controller owns (a Pod of a ReplicaSet, a ReplicaSet of a Deployment, a mirror pod). */
export function isControlled(obj: Record<string, any>): boolean {
  const refs = obj.metadata?.ownerReferences;
  return Array.isArray(refs) && refs.some((r: any) => r?.controller === true);
}
