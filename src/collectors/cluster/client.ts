import http from 'node:http';
import https from 'node:https';
import type { KubeConfig } from '@kubernetes/client-node';

/**
 * The one place that talks HTTP to an API server. Authentication comes from
 * @kubernetes/client-node's KubeConfig (client certificates, bearer tokens, token files, exec and
 * OIDC plugins, in-cluster service account), and each request asks it again for its headers, so a
 * token an exec plugin refreshes is picked up. Requests go over one keep-alive agent.
 */

export interface ApiResponse {
  status: number;
  body: Buffer;
  contentType?: string;
}

/** Anything that answers GETs against API paths: the live client, a recorder, a replay. */
export interface ApiTransport {
  get(path: string, accept?: string): Promise<ApiResponse>;
  close(): void;
}

/** A problem connecting or configuring, worded for the user (the CLI shows the message as is). */
export class ClusterError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
    this.name = 'ClusterError';
  }
}

export interface ConnectOptions {
  /** A kubeconfig file; default: $KUBECONFIG, ~/.kube/config, else the in-cluster service account. */
  kubeconfig?: string;
  context?: string;
  /** Per-request timeout. */
  timeoutMs?: number;
  /** Sockets kept open to the server (the lister's concurrency). */
  maxSockets?: number;
}

export interface ClusterTarget {
  transport: ApiTransport;
  server: string;
  context?: string;
  clusterName: string;
}

export const DEFAULT_TIMEOUT_MS = 30_000;

/** Loads the kubeconfig (or in-cluster configuration) and returns a transport to its current cluster. */
export async function connect(options: ConnectOptions = {}): Promise<ClusterTarget> {
  // Loaded here, not at the top: the library is large and only cluster commands need it.
  const { KubeConfig } = await import('@kubernetes/client-node');
  const kc = new KubeConfig();
  try {
    if (options.kubeconfig) kc.loadFromFile(options.kubeconfig);
    else kc.loadFromDefault();
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    const where = options.kubeconfig ?? process.env.KUBECONFIG ?? '~/.kube/config';
    throw new ClusterError(`cannot read the kubeconfig ${where}: ${e.code === 'ENOENT' ? 'no such file' : e.message}`, 'kubeconfig-unreadable');
  }
  if (options.context) {
    if (!kc.getContextObject(options.context)) {
      const names = kc.getContexts().map((c) => c.name);
      throw new ClusterError(`no context "${options.context}" in the kubeconfig (it has: ${names.join(', ') || 'none'})`, 'no-such-context');
    }
    kc.setCurrentContext(options.context);
  }
  const cluster = kc.getCurrentCluster();
  // loadFromDefault falls back to http://localhost:8080 when it finds nothing at all.
  if (!cluster || (!options.kubeconfig && cluster.name === 'cluster' && cluster.server === 'http://localhost:8080' && kc.getContexts().length <= 1)) {
    throw new ClusterError('no kubeconfig found ($KUBECONFIG, ~/.kube/config) and not running in a pod; pass --kubeconfig', 'no-kubeconfig');
  }
  return {
    transport: new KubeTransport(kc, cluster.server, options),
    server: cluster.server,
    context: kc.getCurrentContext() || undefined,
    clusterName: cluster.name,
  };
}

class KubeTransport implements ApiTransport {
  private readonly base: URL;
  private readonly agent: http.Agent;
  private readonly timeoutMs: number;

  constructor(
    private readonly kc: KubeConfig,
    server: string,
    options: ConnectOptions,
  ) {
    try {
      this.base = new URL(server);
    } catch {
      throw new ClusterError(`the kubeconfig's server "${server}" is not a URL`, 'bad-server');
    }
    const Agent = this.base.protocol === 'http:' ? http.Agent : https.Agent;
    this.agent = new Agent({ keepAlive: true, maxSockets: options.maxSockets ?? 8 });
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  }

  async get(path: string, accept = 'application/json'): Promise<ApiResponse> {
    const opts: https.RequestOptions = {};
    try {
      await this.kc.applyToHTTPSOptions(opts);
    } catch (err) {
      throw new ClusterError(`cannot authenticate to ${this.base.origin}: ${(err as Error).message}`, 'auth-failed');
    }
    const prefix = this.base.pathname.replace(/\/$/, '');
    const request: https.RequestOptions = {
      protocol: this.base.protocol,
      hostname: this.base.hostname.replace(/^\[|\]$/g, ''),
      port: this.base.port || undefined,
      path: prefix + path,
      method: 'GET',
      agent: this.agent,
      headers: { ...(opts.headers as Record<string, string>), Accept: accept, 'User-Agent': 'rampart' },
      ca: opts.ca,
      cert: opts.cert,
      key: opts.key,
      servername: opts.servername,
      auth: opts.auth,
    };
    if (opts.rejectUnauthorized === false) request.rejectUnauthorized = false;
    const mod = this.base.protocol === 'http:' ? http : https;
    return new Promise<ApiResponse>((resolve, reject) => {
      const req = mod.request(request, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks), contentType: res.headers['content-type'] }));
        res.on('error', reject);
      });
      req.setTimeout(this.timeoutMs, () => req.destroy(Object.assign(new Error(`no answer within ${this.timeoutMs} ms`), { code: 'ETIMEDOUT' })));
      req.on('error', reject);
      req.end();
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

/** A transport error in words: refused, unknown host, bad certificate, time-out. */
export function describeTransportError(err: unknown, server: string): string {
  const e = err as NodeJS.ErrnoException;
  switch (e.code) {
    case 'ECONNREFUSED':
      return `connection refused by ${server}`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `cannot resolve the host of ${server}`;
    case 'ETIMEDOUT':
      return `${server} did not answer in time`;
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
    case 'SELF_SIGNED_CERT_IN_CHAIN':
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
    case 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY':
    case 'ERR_TLS_CERT_ALTNAME_INVALID':
    case 'CERT_HAS_EXPIRED':
      return `the certificate of ${server} is not trusted (${e.code}); check certificate-authority-data in the kubeconfig`;
    default:
      return `${server}: ${e.message ?? String(err)}`;
  }
}
