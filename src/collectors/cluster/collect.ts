import type { ApiTransport } from './client.js';
import { ClusterError, describeTransportError } from './client.js';
import { discover, isServed } from './discovery.js';
import { listAll, mapLimit } from './lister.js';
import { redactEnvCredentials, redactValues } from './redact.js';
import { resourceTypesFor } from './resources.js';
import { resourceName, type Collection, type ResourceType } from './types.js';

export interface ProgressEvent {
  resource: string;
  /** Items listed so far for this resource. */
  items: number;
  /** Resource types finished, and in all. */
  done: number;
  total: number;
}

export interface CollectClusterOptions {
  transport: ApiTransport;
  cluster: Collection['cluster'];
  namespace?: string;
  readSecrets?: boolean;
  /** Lists running at once (default 4): enough to hide latency, few enough not to load the server. */
  concurrency?: number;
  pageSize?: number;
  onProgress?: (event: ProgressEvent) => void;
  /** Overrides the resource types (tests, benchmarks). */
  types?: readonly ResourceType[];
  now?: Date;
  toolVersion?: string;
}

export const DEFAULT_CONCURRENCY = 4;

/**
 * Reads a cluster: discovery, then every resource type, paginated, a few at a time. Permission
 * errors become `forbidden` entries and the rest is still read; only an unreachable or
 * unauthenticated server is an error.
 */
export async function collectCluster(options: CollectClusterOptions): Promise<Collection> {
  const { transport } = options;
  const readSecrets = Boolean(options.readSecrets);
  const server = options.cluster.server ?? options.cluster.name;
  let discovery;
  try {
    discovery = await discover(transport);
  } catch (err) {
    throw new ClusterError(`cannot reach the API server: ${describeTransportError(err, server)}`, 'unreachable');
  }
  const unauthorized = discovery.problems.find((p) => p.code === 401);
  if (unauthorized) throw new ClusterError(`the API server at ${server} does not accept the kubeconfig's credentials (401 ${unauthorized.reason}: ${unauthorized.message})`, 'unauthorized');
  const collection: Collection = {
    cluster: options.cluster,
    collectedAt: (options.now ?? new Date()).toISOString(),
    readSecrets,
    lists: [],
    forbidden: [],
    notServed: [],
  };
  if (options.toolVersion) collection.tool = { name: 'rampart', version: options.toolVersion };
  if (discovery.version) collection.serverVersion = discovery.version;
  if (options.namespace) collection.namespace = options.namespace;
  for (const p of discovery.problems) {
    collection.forbidden.push({ resource: p.path === '/version' ? 'version' : `discovery ${p.path}`, code: p.code, reason: p.reason, message: p.message });
  }
  const types = (options.types ?? resourceTypesFor(readSecrets)).filter((t) => {
    if (isServed(discovery, t)) return true;
    collection.notServed.push(resourceName(t));
    return false;
  });
  let done = 0;
  const outcomes = await mapLimit(types, options.concurrency ?? DEFAULT_CONCURRENCY, async (t) => {
    const name = resourceName(t);
    // With -n, cluster-scoped types are still read cluster-wide (nodes, webhooks), except the
    // Namespace list, which is narrowed to the one namespace below.
    const outcome = await listAll(transport, t, {
      namespace: options.namespace,
      pageSize: options.pageSize,
      onPage: (items) => options.onProgress?.({ resource: name, items, done, total: types.length }),
    });
    done++;
    options.onProgress?.({ resource: name, items: outcome.ok ? outcome.list.items.length : 0, done, total: types.length });
    return outcome;
  });
  for (const outcome of outcomes) {
    if (!outcome.ok) {
      collection.forbidden.push(outcome.error);
      continue;
    }
    const list = outcome.list;
    if (list.valuesRead) list.items = list.items.map(redactValues);
    for (const item of list.items) redactEnvCredentials(item);
    if (options.namespace && list.resource === 'namespaces' && list.group === '') {
      list.items = list.items.filter((n) => n.metadata?.name === options.namespace);
    }
    collection.lists.push(list);
  }
  return collection;
}
