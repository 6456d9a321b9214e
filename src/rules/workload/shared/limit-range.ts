import type { Inventory } from '../../../core/types.js';
import { isObject } from '../../../core/workload.js';

/** Per-container defaults that LimitRanges in a namespace inject at admission. */
export interface ContainerDefaults {
  /** Resource names that get a default limit (`cpu`, `memory`, ...). */
  limits: Set<string>;
  /** Resource names that get a default request. */
  requests: Set<string>;
}

/**
 * Container defaults of every LimitRange in the input, by namespace name. Mirrors the API server's
 * defaulting of `LimitRangeItem` (type Container): a missing `default` takes `max`, a missing
 * `defaultRequest` takes the (defaulted) `default`, then `min`. The LimitRanger admission plugin
 * then fills the container's missing limits and requests from these.
 */
export function containerDefaultsByNamespace(inventory: Inventory): Map<string, ContainerDefaults> {
  const map = new Map<string, ContainerDefaults>();
  for (const r of inventory.resources) {
    if (r.kind !== 'LimitRange' || r.apiVersion !== 'v1') continue;
    const items = r.object.spec?.limits;
    if (!Array.isArray(items)) continue;
    const ns = r.namespace ?? '';
    const entry = map.get(ns) ?? { limits: new Set<string>(), requests: new Set<string>() };
    for (const item of items) {
      if (!isObject(item) || item.type !== 'Container') continue;
      const keys = (v: unknown) => (isObject(v) ? Object.keys(v) : []);
      const limits = new Set([...keys(item.max), ...keys(item.default)]);
      const requests = new Set([...limits, ...keys(item.defaultRequest), ...keys(item.min)]);
      for (const k of limits) entry.limits.add(k);
      for (const k of requests) entry.requests.add(k);
    }
    map.set(ns, entry);
  }
  return map;
}
