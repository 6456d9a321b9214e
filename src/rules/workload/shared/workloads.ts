import type { Inventory, KubeObject, PathSegment, Resource } from '../../../core/types.js';
import { containersOf, getPath, isObject, podTemplateOf, type ContainerRef, type PodTemplate } from '../../../core/workload.js';

/** A workload found in an inventory, for inventory-level rules that must also see other objects. */
export interface WorkloadEntry {
  resource: Resource;
  template: PodTemplate;
  containers: ContainerRef[];
  /** The namespace name as written (`''` when the manifest names none). */
  namespace: string;
}

/** Every resource of the inventory that carries a pod template, in input order. */
export function workloadsOf(inventory: Inventory): WorkloadEntry[] {
  const out: WorkloadEntry[] = [];
  for (const resource of inventory.resources) {
    const template = podTemplateOf(resource);
    if (!template) continue;
    out.push({ resource, template, containers: containersOf(template.spec), namespace: resource.namespace ?? '' });
  }
  return out;
}

/**
 * The longest prefix of `path` that exists in `root`, so that a finding about a missing field points
 * at its nearest written parent (the line a person would edit).
 */
export function nearestExisting(root: unknown, path: readonly PathSegment[]): PathSegment[] {
  let cur: unknown = root;
  const out: PathSegment[] = [];
  for (const seg of path) {
    if (!isObject(cur) && !Array.isArray(cur)) break;
    const next = (cur as any)[seg];
    if (next === undefined || next === null) break;
    out.push(seg);
    cur = next;
  }
  return out;
}

/** Windows pods ignore Linux-only settings (UIDs, read-only root filesystem). */
export function isWindowsPod(spec: KubeObject): boolean {
  return getPath(spec, ['os', 'name']) === 'windows';
}

