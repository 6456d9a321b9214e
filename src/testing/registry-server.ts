import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

/**
 * A small OCI distribution (registry v2) server on 127.0.0.1 that serves the images of OCI
 * layout directories, for tests of the registry client: anonymous or bearer-token access, and
 * injected failures (status codes, hangs, corrupted blobs). Real HTTP, real bytes.
 */
export interface TestRegistryOptions {
  /** repository name → OCI layout directory */
  repos: Record<string, string>;
  /** Require a bearer token from /token, given for these basic credentials. */
  auth?: { user: string; password: string };
  /** Answer this status for requests whose path matches. */
  fail?: { match: RegExp; status: number; times?: number }[];
  /** Never answer requests whose path matches. */
  hang?: RegExp;
  /** Flip a byte in blobs whose digest matches. */
  corrupt?: string;
  /** Extra manifests (e.g. an index) served by tag: repo → tag → {mediaType, body}. */
  extraManifests?: Record<string, Record<string, { mediaType: string; body: string }>>;
}

export interface TestRegistry {
  host: string;
  requests: string[];
  close(): Promise<void>;
}

export async function startTestRegistry(options: TestRegistryOptions): Promise<TestRegistry> {
  const requests: string[] = [];
  const failures = (options.fail ?? []).map((f) => ({ ...f, left: f.times ?? Infinity }));
  const token = 'test-token-' + createHash('sha256').update(String(Math.random())).digest('hex').slice(0, 16);
  const hanging = new Set<http.ServerResponse>();
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    requests.push(`${req.method} ${url.pathname}`);
    if (options.hang?.test(url.pathname)) {
      hanging.add(res);
      return;
    }
    for (const f of failures) {
      if (f.left > 0 && f.match.test(url.pathname)) {
        f.left--;
        res.writeHead(f.status).end();
        return;
      }
    }
    if (url.pathname === '/token') {
      const expected = options.auth && `Basic ${Buffer.from(`${options.auth.user}:${options.auth.password}`).toString('base64')}`;
      if (req.headers.authorization !== expected) {
        res.writeHead(401).end();
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ token }));
      return;
    }
    if (options.auth && req.headers.authorization !== `Bearer ${token}`) {
      const host = req.headers.host;
      res.writeHead(401, { 'www-authenticate': `Bearer realm="http://${host}/token",service="test-registry",scope="repository:x:pull"` }).end();
      return;
    }
    if (url.pathname === '/v2/') {
      res.writeHead(200).end('{}');
      return;
    }
    const m = /^\/v2\/(.+)\/(manifests|blobs)\/([^/]+)$/.exec(url.pathname);
    const dir = m && options.repos[m[1]!];
    if (!m || !dir) {
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"errors":[{"code":"NAME_UNKNOWN"}]}');
      return;
    }
    const [, repo, kind, ref] = m;
    const blob = (digest: string) => {
      try {
        return readFileSync(path.join(dir, 'blobs', 'sha256', digest.replace(/^sha256:/, '')));
      } catch {
        return undefined;
      }
    };
    if (kind === 'manifests') {
      const extra = options.extraManifests?.[repo!]?.[ref!];
      if (extra) {
        res.writeHead(200, { 'content-type': extra.mediaType }).end(extra.body);
        return;
      }
      const index = JSON.parse(readFileSync(path.join(dir, 'index.json'), 'utf8'));
      const desc = ref!.startsWith('sha256:') ? { digest: ref, mediaType: undefined } : index.manifests.find((d: any) => d.annotations?.['org.opencontainers.image.ref.name'] === ref);
      const bytes = desc && blob(desc.digest);
      if (!bytes) {
        res.writeHead(404).end('{"errors":[{"code":"MANIFEST_UNKNOWN"}]}');
        return;
      }
      const mediaType = desc.mediaType ?? JSON.parse(bytes.toString('utf8')).mediaType ?? 'application/vnd.oci.image.manifest.v1+json';
      res.writeHead(200, { 'content-type': mediaType, 'docker-content-digest': desc.digest }).end(bytes);
      return;
    }
    const bytes = blob(ref!);
    if (!bytes) {
      res.writeHead(404).end('{"errors":[{"code":"BLOB_UNKNOWN"}]}');
      return;
    }
    let body = bytes;
    if (options.corrupt === ref) {
      body = Buffer.from(bytes);
      body[body.length - 10] ^= 0xff;
    }
    res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(body.length) }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    host: `127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const r of hanging) r.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
