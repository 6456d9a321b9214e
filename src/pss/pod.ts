import type { KubeObject, PathSegment } from '../core/types.js';

/**
 * Reading a pod the way the API server's typed objects see it: a field of the wrong type counts as
 * unset, a boolean is true only when it is the boolean `true`, a missing string is empty.
 */

export type Path = PathSegment[];

export interface Violation {
  reason: string;
  detail: string;
  /** Offending fields, relative to the pod template (`metadata`, `spec`). */
  paths: Path[];
}

export type CheckFn = (meta: KubeObject, spec: KubeObject) => Violation | undefined;

export function obj(v: unknown): KubeObject | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as KubeObject) : undefined;
}

export function list(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

export function str(v: unknown): string {
  if (v === undefined || v === null) return '';
  return typeof v === 'string' ? v : String(v);
}

export function isTrue(v: unknown): boolean {
  return v === true;
}

export interface VisitedContainer {
  container: KubeObject;
  name: string;
  path: Path;
  securityContext: KubeObject | undefined;
}

const CONTAINER_FIELDS = ['initContainers', 'containers', 'ephemeralContainers'] as const;

/** Init, regular, then ephemeral containers, the order upstream's visitContainers walks them. */
export function containers(spec: KubeObject): VisitedContainer[] {
  const out: VisitedContainer[] = [];
  for (const field of CONTAINER_FIELDS) {
    list(spec[field]).forEach((c, i) => {
      const container = obj(c);
      if (!container) return;
      out.push({ container, name: str(container.name), path: ['spec', field, i], securityContext: obj(container.securityContext) });
    });
  }
  return out;
}

export function podSecurityContext(spec: KubeObject): KubeObject | undefined {
  return obj(spec.securityContext);
}

export function annotations(meta: KubeObject): Record<string, string> {
  const a = obj(meta.annotations);
  if (!a) return {};
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(a)) out[k] = str(v);
  return out;
}

/** True when a pod runs in its own user namespace (`hostUsers: false`), which relaxes some checks from v1.35. */
export function usesUserNamespace(spec: KubeObject): boolean {
  return spec.hostUsers === false;
}

export function isWindowsPod(spec: KubeObject): boolean {
  return str(obj(spec.os)?.name) === 'windows';
}

export function joinQuote(items: readonly string[]): string {
  return items.length ? `"${items.join('", "')}"` : '';
}

export function pluralize(singular: string, plural: string, count: number): string {
  return count === 1 ? singular : plural;
}

/** `container "a"` / `containers "a", "b"`. */
export function containersPhrase(names: readonly string[]): string {
  return `${pluralize('container', 'containers', names.length)} ${joinQuote(names)}`;
}

/** Sorted distinct values, as Go's sets.List returns them (byte order). */
export function sortedSet(values: Iterable<string>): string[] {
  return [...new Set(values)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Go's %q for the plain strings that occur here. */
export function goQuote(s: string): string {
  return JSON.stringify(s);
}
