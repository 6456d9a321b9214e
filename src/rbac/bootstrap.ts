import jsyaml from 'js-yaml';
import type { KubeObject, Resource } from '../core/types.js';
import { readPackageFile } from '../core/package-files.js';

/**
 * The default roles and bindings an upstream API server creates at start-up (its bootstrap
 * policy), read from `data/rbac/bootstrap-policy.yaml` (source commits are noted in that file).
 * They are returned as resources of origin `builtin`, so that the model treats them like
 * objects read from a cluster, and rules never report findings on them.
 */

const BOOTSTRAP_LABELS = { 'kubernetes.io/bootstrapping': 'rbac-defaults' };
const RBAC_V1 = 'rbac.authorization.k8s.io/v1';
export const BOOTSTRAP_SOURCE = 'rampart:bootstrap-policy';

interface BootstrapFile {
  clusterRoles: { name: string; labels?: Record<string, string>; rules?: unknown[]; aggregationRule?: unknown }[];
  clusterRoleBindings: { name: string; roleRef: string; subjects: KubeObject[] }[];
  roles: { name: string; namespace: string; rules: unknown[] }[];
  roleBindings: { name: string; namespace: string; roleRef: { kind: string; name: string }; subjects: KubeObject[] }[];
  controllerRoles: { name: string; rules: unknown[] }[];
}

let cached: Resource[] | undefined;

function withApiGroup(subjects: KubeObject[]): KubeObject[] {
  return subjects.map((s) => (s.kind === 'ServiceAccount' ? { ...s } : { apiGroup: 'rbac.authorization.k8s.io', ...s }));
}

function resource(object: KubeObject, index: number): Resource {
  const r: Resource = {
    apiVersion: RBAC_V1,
    kind: object.kind,
    name: object.metadata.name,
    object,
    source: { origin: 'builtin', file: BOOTSTRAP_SOURCE, documentIndex: index },
  };
  if (object.metadata.namespace) r.namespace = object.metadata.namespace;
  return r;
}

/** The bootstrap objects (cached; callers must not mutate them). */
export function bootstrapResources(): Resource[] {
  if (cached) return cached;
  const text = readPackageFile('data/rbac/bootstrap-policy.yaml');
  const data = jsyaml.load(text) as BootstrapFile;
  const meta = (name: string, labels?: Record<string, string>, namespace?: string) => ({
    name,
    ...(namespace ? { namespace } : {}),
    labels: { ...BOOTSTRAP_LABELS, ...labels },
    annotations: { 'rbac.authorization.kubernetes.io/autoupdate': 'true' },
  });
  const objects: KubeObject[] = [
    ...data.clusterRoles.map((r) => ({
      apiVersion: RBAC_V1,
      kind: 'ClusterRole',
      metadata: meta(r.name, r.labels),
      ...(r.aggregationRule ? { aggregationRule: r.aggregationRule } : {}),
      rules: r.rules ?? [],
    })),
    ...data.clusterRoleBindings.map((b) => ({
      apiVersion: RBAC_V1,
      kind: 'ClusterRoleBinding',
      metadata: meta(b.name),
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: b.roleRef },
      subjects: withApiGroup(b.subjects),
    })),
    // Each controller's ClusterRole, and its binding to the controller's service account in kube-system.
    ...data.controllerRoles.map((r) => ({ apiVersion: RBAC_V1, kind: 'ClusterRole', metadata: meta(`system:controller:${r.name}`), rules: r.rules })),
    ...data.controllerRoles.map((r) => ({
      apiVersion: RBAC_V1,
      kind: 'ClusterRoleBinding',
      metadata: meta(`system:controller:${r.name}`),
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: `system:controller:${r.name}` },
      subjects: [{ kind: 'ServiceAccount', name: r.name, namespace: 'kube-system' }],
    })),
    ...data.roles.map((r) => ({ apiVersion: RBAC_V1, kind: 'Role', metadata: meta(r.name, undefined, r.namespace), rules: r.rules })),
    ...data.roleBindings.map((b) => ({
      apiVersion: RBAC_V1,
      kind: 'RoleBinding',
      metadata: meta(b.name, undefined, b.namespace),
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', ...b.roleRef },
      subjects: withApiGroup(b.subjects),
    })),
  ];
  cached = objects.map(resource);
  return cached;
}
