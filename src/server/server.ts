import { existsSync, readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Store } from '../store/types.js';
import { apiRoutes } from './api.js';
import { tokenOf, type TokenVerifier } from './auth.js';
import { renderMetrics } from './metrics.js';
import { HttpError, Router, type Route } from './router.js';

/** Dashboard files: `src/server/assets`, found from both `src/server/` and `dist/server/`. */
export function assetsDir(): string {
  return path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../src/server/assets');
}

function chartJsPath(): string {
  const require = createRequire(import.meta.url);
  return path.join(path.dirname(require.resolve('chart.js')), 'chart.umd.min.js');
}

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.svg': 'image/svg+xml' };

const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'content-security-policy': "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'",
};

/** The dashboard page and its scripts; public (they hold no data), loaded once per visit. */
export function dashboardRoutes(): Route[] {
  const dir = assetsDir();
  const serve = (file: string, type: string): Route['handler'] => ({ res }) => {
    const body = readFileSync(file);
    res.writeHead(200, { 'content-type': type, 'cache-control': 'no-cache', ...SECURITY_HEADERS });
    res.end(body);
  };
  return [
    { method: 'GET', path: '/', auth: false, handler: serve(path.join(dir, 'index.html'), TYPES['.html']!) },
    {
      method: 'GET',
      path: '/favicon.ico',
      auth: false,
      handler: ({ res }) => {
        res.writeHead(204);
        res.end();
      },
    },
    { method: 'GET', path: '/assets/chart.umd.min.js', auth: false, handler: serve(chartJsPath(), TYPES['.js']!) },
    {
      method: 'GET',
      path: '/assets/*',
      auth: false,
      handler: (ctx) => {
        const name = ctx.params.rest ?? '';
        if (!/^[\w-]+\.(js|css|svg)$/.test(name)) throw new HttpError(404, 'no such asset');
        const file = path.join(dir, name);
        if (!existsSync(file)) throw new HttpError(404, 'no such asset');
        return serve(file, TYPES[path.extname(name)]!)(ctx);
      },
    },
  ];
}

export interface ServerOptions {
  store: Store;
  /** Checks the access token; `undefined` turns authentication off (only with --no-auth). */
  verify?: TokenVerifier;
  tls?: { cert: string | Buffer; key: string | Buffer };
  /** More routes (e.g. the admission webhook); they are matched after the built-in ones. */
  extraRoutes?: Route[];
}

/** The route table of `rampart serve`: health, metrics, API, dashboard, then extras. */
export function buildRouter(options: ServerOptions): Router {
  const router = new Router([
    { method: 'GET', path: '/healthz', auth: false, handler: () => ({ ok: true }) },
    {
      method: 'GET',
      path: '/metrics',
      handler: async ({ res }) => {
        const text = await renderMetrics(options.store);
        res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' });
        res.end(text);
      },
    },
    ...apiRoutes(options.store),
    ...dashboardRoutes(),
  ]);
  for (const r of options.extraRoutes ?? []) router.add(r);
  return router;
}

function sendJson(res: http.ServerResponse, status: number, body: unknown) {
  if (res.headersSent) return res.end();
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...SECURITY_HEADERS });
  res.end(JSON.stringify(body));
}

/** The request handler: routing, authentication, JSON responses, errors as JSON (never a stack). */
export function requestHandler(router: Router, options: Pick<ServerOptions, 'verify'>, log: (line: string) => void = () => undefined): http.RequestListener {
  return async (req, res) => {
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://localhost');
    } catch {
      return sendJson(res, 400, { error: 'malformed request URL' });
    }
    try {
      const { route, params, allowed } = router.match(req.method ?? 'GET', url.pathname);
      if (!route) {
        if (allowed.length) {
          res.setHeader('allow', allowed.join(', '));
          return sendJson(res, 405, { error: `${req.method} is not allowed here; use ${allowed.join(', ')}` });
        }
        return sendJson(res, 404, { error: `no such endpoint: ${url.pathname}` });
      }
      if (route.auth !== false && options.verify) {
        const token = tokenOf(req.headers);
        if (!token || !options.verify(token)) {
          res.setHeader('www-authenticate', 'Bearer realm="rampart"');
          return sendJson(res, 401, { error: 'missing or wrong access token (Authorization: Bearer <token>)' });
        }
      }
      const out = await route.handler({ req, res, url, params });
      if (!res.writableEnded) sendJson(res, 200, out ?? null);
    } catch (err) {
      if (err instanceof HttpError) return sendJson(res, err.status, { error: err.message });
      log(`error on ${req.method} ${url.pathname}: ${(err as Error).message}`);
      sendJson(res, 500, { error: 'internal error; see the server log' });
    }
  };
}

export function createRampartServer(options: ServerOptions, log?: (line: string) => void): http.Server | https.Server {
  const handler = requestHandler(buildRouter(options), options, log);
  const server = options.tls ? https.createServer({ cert: options.tls.cert, key: options.tls.key }, handler) : http.createServer(handler);
  server.headersTimeout = 20_000;
  server.requestTimeout = 30_000;
  return server;
}
