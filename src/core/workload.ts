import type { KubeObject, PathSegment, Resource } from './types.js';

/**
 * Where the pod template lives in each kind that carries one. The template is the object
 * `{ metadata, spec }` of a Pod; for a Pod itself it is the resource's root.
 */
const TEMPLATE_PATHS: Record<string, readonly PathSegment[]> = {
  Pod: [],
  Deployment: ['spec', 'template'],
  ReplicaSet: ['spec', 'template'],
  StatefulSet: ['spec', 'template'],
  DaemonSet: ['spec', 'template'],
  Job: ['spec', 'template'],
  ReplicationController: ['spec', 'template'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template'],
  PodTemplate: ['template'],
};

export const WORKLOAD_KINDS: readonly string[] = Object.keys(TEMPLATE_PATHS);

export const CONTAINER_FIELDS = ['initContainers', 'containers', 'ephemeralContainers'] as const;
export type ContainerField = (typeof CONTAINER_FIELDS)[number];

export interface PodTemplate {
  /** Path of the template within the resource. */
  path: readonly PathSegment[];
  metadata: KubeObject;
  spec: KubeObject;
}

export interface ContainerRef {
  container: KubeObject;
  field: ContainerField;
  index: number;
  /** Path of the container relative to the pod template, e.g. `['spec','containers',0]`. */
  path: readonly PathSegment[];
}

export function isObject(v: unknown): v is KubeObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function getPath(root: unknown, path: readonly PathSegment[]): unknown {
  let cur: any = root;
  for (const seg of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = cur[seg as any];
  }
  return cur;
}

/** The pod template of a workload resource, or undefined when the kind has none or it is malformed. */
export function podTemplateOf(resource: Resource): PodTemplate | undefined {
  const path = TEMPLATE_PATHS[resource.kind];
  if (!path) return undefined;
  const template = path.length === 0 ? resource.object : getPath(resource.object, path);
  if (!isObject(template)) return undefined;
  const spec = template.spec;
  if (!isObject(spec)) return undefined;
  const metadata = isObject(template.metadata) ? template.metadata : {};
  return { path, metadata, spec };
}

/** Every container of a pod spec (init, regular, ephemeral) with its path, skipping malformed entries. */
export function containersOf(spec: KubeObject): ContainerRef[] {
  const out: ContainerRef[] = [];
  for (const field of CONTAINER_FIELDS) {
    const list = spec[field];
    if (!Array.isArray(list)) continue;
    list.forEach((container, index) => {
      if (isObject(container)) out.push({ container, field, index, path: ['spec', field, index] });
    });
  }
  return out;
}
