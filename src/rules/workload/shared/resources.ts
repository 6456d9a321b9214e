import type { Inventory, PathSegment } from '../../../core/types.js';
import type { ContainerRef } from '../../../core/workload.js';
import { isObject } from '../../../core/workload.js';
import { containerDefaultsByNamespace } from './limit-range.js';
import { nearestExisting, workloadsOf, type WorkloadEntry } from './workloads.js';

export interface ContainerResources {
  workload: WorkloadEntry;
  ref: ContainerRef;
  /** True when the container ends up with a limit for the resource (written, or from a LimitRange). */
  hasLimit(name: string): boolean;
  /** True when it ends up with a request: written, defaulted from its own limit, or from a LimitRange. */
  hasRequest(name: string): boolean;
  /** Path (relative to the resource) of `resources.<section>`, or of its nearest written parent. */
  pathTo(section: 'limits' | 'requests'): PathSegment[];
}

function written(section: unknown, name: string): boolean {
  return isObject(section) && section[name] !== undefined && section[name] !== null && section[name] !== '';
}

/**
 * The containers whose resources the API server lets users set (init and regular; ephemeral
 * containers cannot have resources), with what they effectively get after defaulting.
 */
export function containerResources(inventory: Inventory): ContainerResources[] {
  const defaults = containerDefaultsByNamespace(inventory);
  const out: ContainerResources[] = [];
  for (const workload of workloadsOf(inventory)) {
    const fromRange = defaults.get(workload.namespace);
    for (const ref of workload.containers) {
      if (ref.field === 'ephemeralContainers') continue;
      const resources = isObject(ref.container.resources) ? ref.container.resources : {};
      const base = [...workload.template.path, ...ref.path];
      const hasLimit = (name: string) => written(resources.limits, name) || (fromRange?.limits.has(name) ?? false);
      out.push({
        workload,
        ref,
        hasLimit,
        // The API server copies a limit into a missing request of the same resource.
        hasRequest: (name) => written(resources.requests, name) || hasLimit(name) || (fromRange?.requests.has(name) ?? false),
        pathTo: (section) => [...base, ...nearestExisting(ref.container, ['resources', section])],
      });
    }
  }
  return out;
}
