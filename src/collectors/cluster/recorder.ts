import { promises as fs } from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import type { ApiResponse, ApiTransport } from './client.js';
import { redactEnvCredentials, redactValues } from './redact.js';

/**
 * API traffic on disk: `rampart cluster --record FILE` writes every exchange, and tests replay a
 * recording from a real HTTPS server on 127.0.0.1, so the live path is exercised on the API's wire
 * format (Lists with continue tokens, Status objects for 403/404/410). Secret and ConfigMap values
 * are redacted before they are written.
 */
export interface Exchange {
  method: 'GET';
  /** Path and query as sent. */
  path: string;
  accept?: string;
  status: number;
  /** The JSON body (or a string when the server did not answer JSON). */
  body: unknown;
}

export interface Recording {
  apiVersion: 'rampart.dev/recording/v1';
  /** Free text: where and how it was recorded. */
  description?: string;
  exchanges: Exchange[];
}

function bodyOf(res: ApiResponse): unknown {
  const text = res.body.toString('utf8');
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function redactBody(path: string, body: unknown): unknown {
  if (!body || typeof body !== 'object') return body;
  const list = body as { items?: unknown[]; kind?: string };
  if (!Array.isArray(list.items)) return body;
  if (!/\/(secrets|configmaps)(\?|$)/.test(path)) {
    // Workload lists: plain env values holding credentials are redacted as in a snapshot.
    const kind = typeof list.kind === 'string' ? list.kind.replace(/List$/, '') : '';
    const items = list.items.map((i) => ({ kind, ...(i as object) }) as Record<string, any>);
    items.forEach((i) => redactEnvCredentials(i));
    return { ...list, items: items.map(({ kind: _k, ...rest }) => rest) };
  }
  const kind = /\/secrets(\?|$)/.test(path) ? 'Secret' : 'ConfigMap';
  return { ...list, items: list.items.map((i) => redactValues({ kind, ...(i as object) })) };
}

/** Wraps a transport and keeps every exchange, for {@link saveRecording}. */
export class RecordingTransport implements ApiTransport {
  readonly exchanges: Exchange[] = [];
  constructor(private readonly inner: ApiTransport) {}

  async get(path: string, accept?: string): Promise<ApiResponse> {
    const res = await this.inner.get(path, accept);
    this.exchanges.push({ method: 'GET', path, accept, status: res.status, body: redactBody(path, bodyOf(res)) });
    return res;
  }

  close(): void {
    this.inner.close();
  }

  recording(description?: string): Recording {
    return { apiVersion: 'rampart.dev/recording/v1', description, exchanges: this.exchanges };
  }
}

export async function saveRecording(file: string, recording: Recording): Promise<void> {
  await fs.writeFile(file, `${JSON.stringify(recording, null, 1)}\n`);
}

export async function loadRecording(file: string): Promise<Recording> {
  const parsed = JSON.parse(await fs.readFile(file, 'utf8')) as Recording;
  if (parsed?.apiVersion !== 'rampart.dev/recording/v1' || !Array.isArray(parsed.exchanges)) throw new Error(`${file} is not a rampart API recording`);
  return parsed;
}

/** Requests are matched on path and `continue`; `limit` is the client's choice and is not part of the key. */
export function exchangeKey(pathAndQuery: string): string {
  const [path, query = ''] = pathAndQuery.split('?') as [string, string?];
  const token = new URLSearchParams(query).get('continue');
  return token ? `${path}?continue=${token}` : path;
}

/**
 * Answers from a recording. Several exchanges under one key are served in order, the last one
 * repeating (a 410 for an expired continue token, then the page on retry). Unknown paths get the
 * API server's 404 Status.
 */
export class Replayer {
  private readonly queues = new Map<string, Exchange[]>();
  /** Every request received, for tests to assert on (`limit` sent, order, count). */
  readonly requests: { path: string; accept?: string; authorization?: string }[] = [];

  constructor(recording: Recording) {
    for (const e of recording.exchanges) {
      const key = exchangeKey(e.path);
      const q = this.queues.get(key) ?? [];
      q.push(e);
      this.queues.set(key, q);
    }
  }

  answer(path: string, accept?: string, authorization?: string): { status: number; body: string } {
    this.requests.push({ path, accept, authorization });
    const q = this.queues.get(exchangeKey(path));
    if (!q || q.length === 0) {
      return {
        status: 404,
        body: JSON.stringify({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'the server could not find the requested resource', reason: 'NotFound', details: {}, code: 404 }),
      };
    }
    const e = q.length > 1 ? q.shift()! : q[0]!;
    return { status: e.status, body: typeof e.body === 'string' ? e.body : JSON.stringify(e.body) };
  }
}

export interface ReplayServer {
  url: string;
  replayer: Replayer;
  close(): Promise<void>;
}

/**
 * Serves a recording over HTTPS on 127.0.0.1 (an ephemeral port), as an API server would. When
 * `token` is set, requests without `Authorization: Bearer <token>` get the API's 401 Status.
 */
export async function serveRecording(recording: Recording, tls: { cert: string | Buffer; key: string | Buffer }, token?: string): Promise<ReplayServer> {
  const replayer = new Replayer(recording);
  const server = https.createServer({ cert: tls.cert, key: tls.key }, (req, res) => {
    const auth = req.headers.authorization;
    if (token && auth !== `Bearer ${token}`) {
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'Unauthorized', reason: 'Unauthorized', code: 401 }));
      return;
    }
    const { status, body } = replayer.answer(req.url ?? '/', req.headers.accept, auth);
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(body);
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `https://127.0.0.1:${port}`,
    replayer,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
