import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { UserError } from '../errors.js';
import { stderr } from '../io.js';

interface ServeFlags {
  host: string;
  port: string;
  store?: string;
  tlsCert?: string;
  tlsKey?: string;
  tokenFile?: string;
  resetToken?: boolean;
  auth: boolean;
  admission?: boolean;
  customRules: string[];
  config?: string | false;
}

const collect = (value: string, previous: string[]) => [...previous, value];

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost)$/;

export function register(program: Command): void {
  program
    .command('serve')
    .summary('web dashboard and JSON API over the stored scans')
    .description(
      `Serve the dashboard (clusters, scans, score trends, frameworks, findings, waivers), its JSON API
(OpenAPI at /api/openapi.json) and Prometheus metrics at /metrics. Listens on 127.0.0.1 unless told
otherwise. Access needs a token: made at first start, printed once, and stored only as a hash.`,
    )
    .option('--host <address>', 'address to listen on', '127.0.0.1')
    .option('-p, --port <port>', 'port', '8080')
    .option('--store <url>', 'the store (default: $RAMPART_STORE or the SQLite file under the XDG data folder)')
    .option('--tls-cert <file>', 'serve HTTPS with this certificate (PEM)')
    .option('--tls-key <file>', 'private key of --tls-cert (PEM)')
    .option('--token-file <file>', 'where the token hash is kept (default: $XDG_CONFIG_HOME/rampart/server-token.json)')
    .option('--reset-token', 'make and print a new token, replacing the old one')
    .option('--no-auth', 'no token (only for a dashboard behind your own authenticating proxy)')
    .option('--admission', 'also serve the validating admission webhook at POST /validate (see rampart admission serve)')
    .option('--custom-rules <path>', 'with --admission: file or folder of CelRule documents; repeatable', collect, [])
    .option('-c, --config <file>', 'with --admission: configuration file (default: .rampart.yaml in this folder or above)')
    .action(async (flags: ServeFlags) => {
      const port = Number(flags.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UserError(`--port must be 0–65535 (got "${flags.port}")`);
      if (Boolean(flags.tlsCert) !== Boolean(flags.tlsKey)) throw new UserError('--tls-cert and --tls-key go together');
      let tls: { cert: Buffer; key: Buffer } | undefined;
      if (flags.tlsCert && flags.tlsKey) {
        try {
          tls = { cert: readFileSync(flags.tlsCert), key: readFileSync(flags.tlsKey) };
        } catch (err) {
          throw new UserError(`cannot read the TLS certificate or key: ${(err as Error).message}`);
        }
      }
      if (!LOOPBACK.test(flags.host) && !tls) stderr(`rampart: warning: listening on ${flags.host} without TLS; the token crosses the network in clear (give --tls-cert and --tls-key)`);
      const { ensureToken, defaultTokenFile } = await import('../../server/auth.js');
      let verify;
      if (flags.auth) {
        try {
          const t = ensureToken(flags.tokenFile ?? defaultTokenFile(), flags.resetToken);
          verify = t.verifier;
          if (t.newToken) {
            stderr(`rampart: access token (shown this once; only its hash is kept in ${flags.tokenFile ?? defaultTokenFile()}):`);
            process.stdout.write(`${t.newToken}\n`);
          }
        } catch (err) {
          throw new UserError((err as Error).message);
        }
      } else stderr('rampart: warning: --no-auth: anyone who can reach the port can read the scans');
      const { openStore, defaultStoreUrl, StoreError } = await import('../../store/index.js');
      let store;
      try {
        store = await openStore(flags.store ?? defaultStoreUrl());
      } catch (err) {
        if (err instanceof StoreError) throw new UserError(err.message);
        throw err;
      }
      const extraRoutes = [];
      if (flags.admission) {
        // The API server authenticates the webhook by its TLS certificate, not by the dashboard token.
        const { admissionContextFromFlags } = await import('./admission.js');
        const context = await admissionContextFromFlags({ ...flags, host: flags.host, port: flags.port });
        const { createValidateHandler, emptyMetrics, renderMetrics } = await import('../../server/admission/server.js');
        const metrics = emptyMetrics();
        const validate = createValidateHandler({ context }, metrics);
        extraRoutes.push(
          { method: 'POST' as const, path: '/validate', auth: false, handler: ({ req, res }: { req: import('node:http').IncomingMessage; res: import('node:http').ServerResponse }) =>
              // The router answers for handlers that return; this one answers itself once the body has arrived.
              new Promise<void>((resolve) => {
                res.once('finish', resolve);
                res.once('close', resolve);
                validate(req, res);
              }),
          },
          {
            method: 'GET' as const,
            path: '/admission/metrics',
            handler: ({ res }: { res: import('node:http').ServerResponse }) => {
              res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' });
              res.end(renderMetrics(metrics));
            },
          },
        );
        stderr(`rampart: admission webhook at POST /validate with ${context.rules.length} rules`);
      }
      const { createRampartServer } = await import('../../server/server.js');
      const server = createRampartServer({ store, verify, tls, extraRoutes }, (line) => stderr(`rampart: ${line}`));
      await new Promise<void>((resolve, reject) => {
        server.once('error', (err: NodeJS.ErrnoException) =>
          reject(new UserError(err.code === 'EADDRINUSE' ? `port ${port} on ${flags.host} is in use (choose another with --port)` : `cannot listen on ${flags.host}:${port}: ${err.message}`)),
        );
        server.listen(port, flags.host, () => resolve());
      });
      const addr = server.address();
      const actual = typeof addr === 'object' && addr ? addr.port : port;
      const host = flags.host.includes(':') ? `[${flags.host}]` : flags.host;
      stderr(`rampart: dashboard at ${tls ? 'https' : 'http'}://${host}:${actual}/ (store: ${store.location}); Ctrl-C stops`);
      await new Promise<void>((resolve) => {
        const stop = () => server.close(() => resolve());
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      await store.close();
    });
}
