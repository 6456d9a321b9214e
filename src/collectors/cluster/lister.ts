import type { KubeObject } from '../../core/types.js';
import type { ApiTransport } from './client.js';
import { listPath } from './resources.js';
import { resourceName, type CollectedList, type ForbiddenEntry, type ResourceType } from './types.js';

/** Metadata only: the server leaves out everything but `metadata`, so Secret values never travel. */
export const ACCEPT_METADATA = 'application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1,application/json';

export interface ListOptions {
  /** Items per page (`limit`); the server returns a `continue` token while more remain. */
  pageSize?: number;
  namespace?: string;
  /** Called after each page with the number of items so far. */
  onPage?: (count: number) => void;
}

export type ListOutcome = { ok: true; list: CollectedList } | { ok: false; error: ForbiddenEntry };

export const DEFAULT_PAGE_SIZE = 500;
/** A continue token that expired (410) restarts the list from the start, this many times at most. */
const MAX_RESTARTS = 2;

interface Status {
  kind?: string;
  reason?: string;
  message?: string;
  code?: number;
}

function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    return undefined;
  }
}

/** The API's `Status` object for an error answer, or a stand-in when the body is not one (a proxy's HTML page). */
export function statusOf(code: number, body: Buffer): Status {
  const parsed = parseJson(body) as Status | undefined;
  if (parsed && parsed.kind === 'Status') return parsed;
  const text = body.toString('utf8').trim().slice(0, 200);
  return { kind: 'Status', code, reason: code === 401 ? 'Unauthorized' : code === 403 ? 'Forbidden' : code === 404 ? 'NotFound' : `HTTP${code}`, message: text || `HTTP ${code}` };
}

/**
 * Lists every object of one type, page by page (`limit` / `continue`). Errors are results, not
 * exceptions: a 403 on one type must not stop the scan of the others.
 */
export async function listAll(transport: ApiTransport, type: ResourceType, options: ListOptions = {}): Promise<ListOutcome> {
  const pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
  const name = resourceName(type);
  const base = listPath(type, options.namespace);
  const accept = type.sensitive === 'metadata' ? ACCEPT_METADATA : 'application/json';
  const fail = (code: number, reason: string, message: string): ListOutcome => ({
    ok: false,
    error: { resource: name, ...(options.namespace && type.namespaced ? { namespace: options.namespace } : {}), code, reason, message },
  });
  let restarts = 0;
  let items: KubeObject[] = [];
  let pages = 0;
  let token: string | undefined;
  let resourceVersion: string | undefined;
  for (;;) {
    const query = new URLSearchParams({ limit: String(pageSize) });
    if (token) query.set('continue', token);
    let res;
    try {
      res = await transport.get(`${base}?${query}`, accept);
    } catch (err) {
      const e = err as NodeJS.ErrnoException;
      return fail(0, e.code ?? 'TransportError', e.message);
    }
    if (res.status === 410 && token && restarts < MAX_RESTARTS) {
      // The continue token expired (etcd compacted past it): the only consistent answer is to list again.
      restarts++;
      items = [];
      pages = 0;
      token = undefined;
      continue;
    }
    if (res.status !== 200) {
      const st = statusOf(res.status, res.body);
      return fail(res.status, st.reason ?? `HTTP${res.status}`, st.message ?? `HTTP ${res.status}`);
    }
    const body = parseJson(res.body) as { items?: unknown; metadata?: { continue?: string; resourceVersion?: string } } | undefined;
    if (!body || !Array.isArray(body.items)) return fail(res.status, 'BadResponse', `the answer to ${base} is not a List`);
    pages++;
    for (const raw of body.items) if (raw && typeof raw === 'object') items.push(normalizeItem(raw as KubeObject, type));
    options.onPage?.(items.length);
    resourceVersion = body.metadata?.resourceVersion ?? resourceVersion;
    token = body.metadata?.continue || undefined;
    if (!token) break;
  }
  const list: CollectedList = {
    group: type.group,
    version: type.version,
    resource: type.resource,
    kind: type.kind,
    namespaced: type.namespaced,
    pages,
    items,
  };
  if (options.namespace && type.namespaced) list.namespace = options.namespace;
  if (resourceVersion) list.resourceVersion = resourceVersion;
  if (type.sensitive === 'values') list.valuesRead = true;
  return { ok: true, list };
}

/**
 * List items come without `apiVersion` and `kind` (the List carries them); rules need both. Managed
 * fields are dropped (large, never judged). For Secrets and ConfigMaps the last-applied annotation
 * goes too: kubectl apply writes the whole object into it, values included.
 */
export function normalizeItem(raw: KubeObject, type: ResourceType): KubeObject {
  const apiVersion = type.group ? `${type.group}/${type.version}` : type.version;
  const { apiVersion: _a, kind: _k, ...rest } = raw;
  const obj: KubeObject = { apiVersion, kind: type.kind, ...rest };
  if (obj.metadata && typeof obj.metadata === 'object') {
    const { managedFields: _m, ...meta } = obj.metadata as KubeObject;
    if (type.sensitive && meta.annotations && typeof meta.annotations === 'object') {
      const { 'kubectl.kubernetes.io/last-applied-configuration': _l, ...annotations } = meta.annotations as Record<string, string>;
      meta.annotations = annotations;
    }
    obj.metadata = meta;
  }
  if (type.sensitive === 'metadata') return { apiVersion, kind: type.kind, metadata: obj.metadata };
  return obj;
}

/** Runs `fn` over the items with at most `limit` at a time, keeping the input order in the result. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return out;
}
