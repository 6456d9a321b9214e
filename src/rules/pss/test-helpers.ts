import { pod } from '../../testing/vitest.js';

/** Builders shared by the PSS rule tests: a pod that passes restricted, and variations of it. */

export const SAFE_CONTAINER_SC = { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } };

export function container(securityContext: Record<string, unknown> = {}, extra: Record<string, unknown> = {}, name = 'app') {
  return { name, image: 'registry.example/app:1.0', ...extra, securityContext: { ...SAFE_CONTAINER_SC, ...securityContext } };
}

/** A pod that passes restricted at every version; `spec` replaces top-level fields. */
export function restrictedPod(spec: Record<string, unknown> = {}, metadata: Record<string, unknown> = {}) {
  return pod({ securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } }, containers: [container()], ...spec }, metadata);
}

/** The Namespace `app` (where test pods live) with Pod Security labels, e.g. `{ enforce: 'baseline' }`. */
export function namespace(labels: Record<string, string>) {
  const full: Record<string, string> = {};
  for (const [k, v] of Object.entries(labels)) full[`pod-security.kubernetes.io/${k}`] = v;
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'app', labels: full } };
}
