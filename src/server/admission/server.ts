import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { AdmissionInputError, decide, type AdmissionContext } from '../../enforce/admission.js';

/**
 * The validating admission webhook over HTTPS. Routes: `POST /validate` (also `/`), `GET /healthz`,
 * `GET /readyz` (false while shutting down), `GET /metrics` (Prometheus text).
 */
export interface AdmissionServerOptions {
  context: AdmissionContext;
  /** PEM certificate and key; without them the server speaks plain HTTP (tests, behind a mesh). */
  tls?: { cert: string | Buffer; key: string | Buffer };
  host?: string;
  port?: number;
  /** Largest request body accepted, in bytes (the API server sends at most ~3 MiB objects). */
  maxBodyBytes?: number;
  /** A request whose body has not arrived within this time is answered 408 and closed. */
  requestTimeoutMs?: number;
  /** Called after every decision (audit log, store); must not throw. */
  onDecision?: (outcome: ReturnType<typeof decide>) => void;
}

export interface AdmissionMetrics {
  requests: number;
  allowed: number;
  denied: number;
  warned: number;
  audited: number;
  exempt: number;
  unmatched: number;
  badRequests: number;
  tooLarge: number;
  errors: number;
}

export interface RunningAdmissionServer {
  url: string;
  port: number;
  metrics: AdmissionMetrics;
  /** Stops accepting, reports not-ready, lets requests in flight finish, then closes. */
  close(): Promise<void>;
}

export const DEFAULT_MAX_BODY_BYTES = 3 * 1024 * 1024;

function statusBody(code: number, reason: string, message: string) {
  return JSON.stringify({ apiVersion: 'v1', kind: 'Status', status: 'Failure', code, reason, message });
}

export function emptyMetrics(): AdmissionMetrics {
  return { requests: 0, allowed: 0, denied: 0, warned: 0, audited: 0, exempt: 0, unmatched: 0, badRequests: 0, tooLarge: 0, errors: 0 };
}

function send(res: http.ServerResponse, code: number, body: string, type = 'application/json') {
  res.writeHead(code, { 'content-type': type, 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

/**
 * The handler of `POST /validate` alone, so that `rampart serve --admission` can mount it in the
 * dashboard's route table; {@link startAdmissionServer} serves it with health and metrics.
 */
export function createValidateHandler(
  options: Pick<AdmissionServerOptions, 'context' | 'maxBodyBytes' | 'onDecision'>,
  metrics: AdmissionMetrics,
): (req: http.IncomingMessage, res: http.ServerResponse) => void {
  const maxBody = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  return (req, res) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > maxBody) {
      metrics.tooLarge++;
      res.setHeader('connection', 'close');
      send(res, 413, statusBody(413, 'RequestEntityTooLarge', `request body of ${declared} bytes is over the limit of ${maxBody}`));
      req.destroy();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let aborted = false;
    req.on('data', (c: Buffer) => {
      if (aborted) return;
      size += c.length;
      if (size > maxBody) {
        aborted = true;
        metrics.tooLarge++;
        res.setHeader('connection', 'close');
        send(res, 413, statusBody(413, 'RequestEntityTooLarge', `request body is over the limit of ${maxBody} bytes`));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => {
      if (aborted) return;
      metrics.requests++;
      let body: unknown;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch (err) {
        metrics.badRequests++;
        return send(res, 400, statusBody(400, 'BadRequest', `the body is not JSON: ${(err as Error).message}`));
      }
      try {
        const outcome = decide(body, options.context);
        metrics[outcome.decision]++;
        try {
          if (!outcome.dryRun) options.onDecision?.(outcome);
        } catch {
          // A failing audit sink must not turn into a failed admission.
        }
        send(res, 200, JSON.stringify(outcome.review));
      } catch (err) {
        if (err instanceof AdmissionInputError) {
          metrics.badRequests++;
          return send(res, 400, statusBody(400, 'BadRequest', err.message));
        }
        metrics.errors++;
        send(res, 500, statusBody(500, 'InternalError', `rampart could not decide: ${(err as Error).message}`));
      }
    });
    req.on('error', () => {
      aborted = true;
    });
  };
}

export async function startAdmissionServer(options: AdmissionServerOptions): Promise<RunningAdmissionServer> {
  const metrics = emptyMetrics();
  let ready = true;
  const validate = createValidateHandler(options, metrics);
  const handler = (req: http.IncomingMessage, res: http.ServerResponse) => {
    const url = req.url ?? '/';
    if (req.method === 'GET' && url === '/healthz') return send(res, 200, 'ok', 'text/plain');
    if (req.method === 'GET' && url === '/readyz') return send(res, ready ? 200 : 503, ready ? 'ok' : 'shutting down', 'text/plain');
    if (req.method === 'GET' && url === '/metrics') return send(res, 200, renderMetrics(metrics), 'text/plain; version=0.0.4');
    if (url !== '/validate' && url !== '/') return send(res, 404, statusBody(404, 'NotFound', `no route ${url}`));
    if (req.method !== 'POST') return send(res, 405, statusBody(405, 'MethodNotAllowed', 'POST an AdmissionReview'));
    validate(req, res);
  };

  const requestTimeout = options.requestTimeoutMs ?? 10_000;
  // Slow clients: the TLS handshake and then the whole request must arrive within the timeout.
  const server = options.tls
    ? https.createServer({ cert: options.tls.cert, key: options.tls.key, handshakeTimeout: requestTimeout }, handler)
    : http.createServer(handler);
  const sockets = new Set<import('node:net').Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  server.requestTimeout = requestTimeout;
  server.headersTimeout = Math.min(server.requestTimeout, 10_000);
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 8443, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `${options.tls ? 'https' : 'http'}://${host}:${address.port}`,
    port: address.port,
    metrics,
    close: () =>
      new Promise<void>((resolve) => {
        ready = false;
        server.close(() => resolve());
        server.closeIdleConnections();
        // Requests in flight get a few seconds to finish, then connections are cut.
        setTimeout(() => {
          server.closeAllConnections();
          for (const socket of sockets) socket.destroy();
        }, 5000).unref();
      }),
  };
}

export function renderMetrics(m: AdmissionMetrics): string {
  const lines = ['# HELP rampart_admission_requests_total Admission requests by outcome.', '# TYPE rampart_admission_requests_total counter'];
  for (const k of ['allowed', 'denied', 'warned', 'audited', 'exempt', 'unmatched', 'badRequests', 'tooLarge', 'errors'] as const) {
    lines.push(`rampart_admission_requests_total{outcome="${k}"} ${m[k]}`);
  }
  return `${lines.join('\n')}\n`;
}
