import type { Command } from 'commander';
import type { Collection } from '../collectors/cluster/types.js';
import { UserError } from './errors.js';
import { progressLine } from './progress.js';
import { toolVersion } from './version.js';

export interface ClusterFlags {
  kubeconfig?: string;
  context?: string;
  namespace?: string;
  readSecrets?: boolean;
  concurrency?: string;
  pageSize?: string;
  timeout?: string;
  record?: string;
  progress?: boolean;
}

/** The connection flags `cluster` and `snapshot` share. */
export function addClusterOptions(cmd: Command): Command {
  return cmd
    .option('--kubeconfig <file>', 'kubeconfig file (default: $KUBECONFIG, ~/.kube/config, else the in-cluster service account)')
    .option('--context <name>', 'kubeconfig context (default: the current context)')
    .option('-n, --namespace <ns>', 'only this namespace (cluster-scoped objects are still read)')
    .option('--read-secrets', 'read Secret and ConfigMap values to find cloud credentials (in memory only; values are redacted before anything is kept)')
    .option('--concurrency <n>', 'resource types listed at once', '4')
    .option('--page-size <n>', 'items per page (limit/continue pagination)', '500')
    .option('--timeout <seconds>', 'per-request timeout', '30')
    .option('--record <file>', 'also write the API traffic (redacted) to a recording file, for bug reports and tests')
    .option('--no-progress', 'no progress line on standard error');
}

function positive(text: string | undefined, flag: string): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isInteger(n) || n <= 0) throw new UserError(`${flag} takes a positive whole number (got "${text}")`);
  return n;
}

/** Connects with the flags and collects, showing progress on a terminal; connection problems become UserErrors. */
export async function collectWithFlags(flags: ClusterFlags): Promise<Collection> {
  const concurrency = positive(flags.concurrency, '--concurrency');
  const pageSize = positive(flags.pageSize, '--page-size');
  const timeout = positive(flags.timeout, '--timeout');
  const { connect, ClusterError } = await import('../collectors/cluster/client.js');
  const { collectCluster } = await import('../collectors/cluster/collect.js');
  const { RecordingTransport, saveRecording } = await import('../collectors/cluster/recorder.js');
  let target;
  try {
    target = await connect({ kubeconfig: flags.kubeconfig, context: flags.context, timeoutMs: timeout ? timeout * 1000 : undefined, maxSockets: concurrency });
  } catch (err) {
    if (err instanceof ClusterError) throw new UserError(err.message);
    throw err;
  }
  const transport = flags.record ? new RecordingTransport(target.transport) : target.transport;
  const progress = progressLine(flags.progress !== false && Boolean(process.stderr.isTTY));
  try {
    const collection = await collectCluster({
      transport,
      cluster: { name: target.clusterName, context: target.context, server: target.server },
      namespace: flags.namespace,
      readSecrets: flags.readSecrets,
      concurrency,
      pageSize,
      toolVersion: toolVersion(),
      onProgress: (e) => progress.update(`rampart: ${target.server}: ${e.done}/${e.total} resource types, listing ${e.resource} (${e.items})`),
    });
    const objects = collection.lists.reduce((n, l) => n + l.items.length, 0);
    progress.done(`rampart: read ${objects} objects of ${collection.lists.length} types from ${target.server}${collection.forbidden.length ? `; ${collection.forbidden.length} could not be read (see the report)` : ''}`);
    if (flags.record && transport instanceof RecordingTransport) await saveRecording(flags.record, transport.recording(`rampart ${toolVersion()} against ${target.server}`));
    return collection;
  } catch (err) {
    progress.done();
    if (err instanceof ClusterError) throw new UserError(err.message);
    throw err;
  } finally {
    transport.close();
  }
}
