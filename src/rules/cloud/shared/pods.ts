import type { Inventory, Resource } from '../../../core/types.js';
import { imdsReachability, type ImdsReachability } from '../../../cloud/imds.js';
import { PolicyIndex } from '../../../cloud/network-policy.js';
import { ofKind } from '../../cluster/shared/cluster-info.js';

/** Pods that run or will run: finished pods have no network to judge. */
export function livePods(inventory: Inventory): Resource[] {
  return ofKind(inventory, 'Pod').filter((p) => p.apiVersion === 'v1' && !['Succeeded', 'Failed'].includes(p.object.status?.phase));
}

const cache = new WeakMap<Inventory, Map<Resource, ImdsReachability>>();

/** IMDS reachability of every live pod, computed once per inventory (two rules read it). */
export function imdsByPod(inventory: Inventory): Map<Resource, ImdsReachability> {
  let map = cache.get(inventory);
  if (map) return map;
  const index = new PolicyIndex(ofKind(inventory, 'NetworkPolicy').map((p) => p.object));
  map = new Map();
  for (const pod of livePods(inventory)) {
    map.set(
      pod,
      imdsReachability(index, {
        namespace: pod.namespace ?? '',
        name: pod.name,
        labels: pod.object.metadata?.labels ?? {},
        hostNetwork: pod.object.spec?.hostNetwork === true,
      }),
    );
  }
  cache.set(inventory, map);
  return map;
}
