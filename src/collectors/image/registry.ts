import { createHash } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { INDEX_TYPES, MANIFEST_TYPES, MEDIA, parseJsonBlob, selectFromIndex, verifyDigest, type Descriptor, type ImageIndex, type ImageManifest, type Platform } from './manifest.js';
import type { ResolvedImage } from './source.js';
import { ImageError } from './walker.js';

/**
 * A client for the OCI distribution API (registry HTTP API v2): anonymous or docker config.json
 * credentials, bearer-token challenges, manifest lists, digest checks on everything, timeouts and
 * retries with backoff. Credential helpers are not run (that would execute a program).
 */
export interface ImageReference {
  registry: string;
  repository: string;
  tag?: string;
  digest?: string;
  /** The reference as written. */
  text: string;
}

export interface RegistryOptions {
  /** Allow plain HTTP, for registries on localhost only. */
  insecure?: boolean;
  /** Per-request timeout (no response, or no data for this long), in ms. */
  timeoutMs?: number;
  /** Attempts for a request that times out or answers 5xx/429. */
  attempts?: number;
  /** First backoff delay in ms (doubled each retry). */
  backoffMs?: number;
  /** docker config.json to read credentials from (default $DOCKER_CONFIG/config.json or ~/.docker/config.json). */
  dockerConfig?: string;
  platform?: Platform;
}

const DOCKER_HUB = 'docker.io';

/** Parses `[registry/]repository[:tag][@digest]` as docker does (docker.io and library/ by default). */
export function parseReference(text: string): ImageReference {
  let rest = text.trim();
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at !== -1) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let tag: string | undefined;
  const slash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  if (colon > slash) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  const parts = rest.split('/');
  let registry = DOCKER_HUB;
  if (parts.length > 1 && (parts[0]!.includes('.') || parts[0]!.includes(':') || parts[0] === 'localhost')) registry = parts.shift()!;
  let repository = parts.join('/');
  if (registry === DOCKER_HUB && parts.length === 1) repository = `library/${repository}`;
  if (!/^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$/.test(repository)) {
    throw new ImageError(`"${text}" is not a valid image reference (repository "${repository}")`);
  }
  if (tag !== undefined && !/^[\w][\w.-]{0,127}$/.test(tag)) throw new ImageError(`"${text}" has an invalid tag "${tag}"`);
  if (digest !== undefined && !/^sha256:[a-f0-9]{64}$/.test(digest)) throw new ImageError(`"${text}" has an invalid digest "${digest}"`);
  if (tag === undefined && digest === undefined) tag = 'latest';
  return { registry, repository, tag, digest, text };
}

function isLocalhost(host: string): boolean {
  const h = host.replace(/:\d+$/, '').replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '127.0.0.1' || h === '::1';
}

async function readCredentials(registry: string, file: string | undefined): Promise<{ user: string; password: string } | undefined> {
  const cfg = file ?? path.join(process.env.DOCKER_CONFIG ?? path.join(os.homedir(), '.docker'), 'config.json');
  let json: any;
  try {
    json = JSON.parse(await fsp.readFile(cfg, 'utf8'));
  } catch {
    return undefined;
  }
  const keys = registry === DOCKER_HUB ? ['https://index.docker.io/v1/', 'index.docker.io', 'docker.io', 'registry-1.docker.io'] : [registry, `https://${registry}`, `http://${registry}`];
  for (const k of keys) {
    const a = json?.auths?.[k];
    if (typeof a?.auth === 'string') {
      const decoded = Buffer.from(a.auth, 'base64').toString('utf8');
      const i = decoded.indexOf(':');
      if (i > 0) return { user: decoded.slice(0, i), password: decoded.slice(i + 1) };
    }
    if (typeof a?.username === 'string' && typeof a?.password === 'string') return { user: a.username, password: a.password };
  }
  return undefined;
}

function parseChallenge(header: string | null): { scheme: string; params: Record<string, string> } | undefined {
  if (!header) return undefined;
  const m = /^(\w+)\s*(.*)$/.exec(header.trim());
  if (!m) return undefined;
  const params: Record<string, string> = {};
  for (const p of m[2]!.matchAll(/(\w+)="([^"]*)"/g)) params[p[1]!.toLowerCase()] = p[2]!;
  return { scheme: m[1]!.toLowerCase(), params };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class RegistryClient {
  private authHeader: string | undefined;
  private readonly base: string;
  private readonly timeoutMs: number;
  private readonly attempts: number;
  private readonly backoffMs: number;
  private creds: { user: string; password: string } | undefined | null = null;

  constructor(
    readonly ref: ImageReference,
    private readonly options: RegistryOptions = {},
  ) {
    const host = ref.registry === DOCKER_HUB ? 'registry-1.docker.io' : ref.registry;
    if (options.insecure && !isLocalhost(host)) throw new ImageError(`--insecure (plain HTTP) is only allowed for registries on localhost, not ${host}`);
    this.base = `${options.insecure ? 'http' : 'https'}://${host}`;
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.attempts = Math.max(1, options.attempts ?? 3);
    this.backoffMs = options.backoffMs ?? 500;
  }

  private async credentials() {
    if (this.creds === null) this.creds = await readCredentials(this.ref.registry, this.options.dockerConfig);
    return this.creds;
  }

  /** One GET with timeout and retries; the body is left unread. The timer stays armed for streaming bodies. */
  private async get(url: string, headers: Record<string, string>, what: string): Promise<{ res: Response; controller: AbortController; arm: () => void; disarm: () => void }> {
    let lastError = '';
    for (let attempt = 1; attempt <= this.attempts; attempt++) {
      if (attempt > 1) await sleep(this.backoffMs * 2 ** (attempt - 2));
      const controller = new AbortController();
      let timer: NodeJS.Timeout | undefined;
      const arm = () => {
        clearTimeout(timer);
        timer = setTimeout(() => controller.abort(new Error('timeout')), this.timeoutMs);
      };
      const disarm = () => clearTimeout(timer);
      arm();
      try {
        const auth: Record<string, string> = this.authHeader ? { authorization: this.authHeader } : {};
        const res = await fetch(url, { headers: { ...headers, ...auth }, signal: controller.signal, redirect: 'follow' });
        if (res.status === 401 && !this.authHeader) {
          await res.body?.cancel().catch(() => undefined);
          disarm();
          await this.authenticate(res.headers.get('www-authenticate'), what);
          attempt--;
          if (!this.authHeader) throw new ImageError(`${what}: the registry asks for authentication (401) and no credentials were found for ${this.ref.registry} in docker config.json`);
          continue;
        }
        if (res.status >= 500 || res.status === 429) {
          await res.body?.cancel().catch(() => undefined);
          disarm();
          lastError = `HTTP ${res.status}`;
          continue;
        }
        return { res, controller, arm, disarm };
      } catch (err) {
        disarm();
        if (err instanceof ImageError) throw err;
        const e = err as Error & { cause?: { code?: string; message?: string } };
        // A name that does not resolve will not resolve on a retry either.
        if (e.cause?.code === 'ENOTFOUND') throw new ImageError(`${what}: cannot resolve the registry host ${this.ref.registry} (ENOTFOUND)`);
        lastError = controller.signal.aborted ? `no answer within ${this.timeoutMs} ms` : (e.cause?.code ?? e.cause?.message ?? e.message);
      }
    }
    throw new ImageError(`${what}: registry ${this.ref.registry} failed after ${this.attempts} attempts (${lastError})`);
  }

  private authenticating = false;

  private async authenticate(header: string | null, what: string): Promise<void> {
    if (this.authenticating) return;
    this.authenticating = true;
    try {
      const ch = parseChallenge(header);
      const creds = await this.credentials();
      if (ch?.scheme === 'basic') {
        if (!creds) throw new ImageError(`${what}: the registry wants basic authentication and no credentials for ${this.ref.registry} were found in docker config.json`);
        if (this.base.startsWith('http:')) throw new ImageError(`${what}: refusing to send credentials over plain HTTP`);
        this.authHeader = `Basic ${Buffer.from(`${creds.user}:${creds.password}`).toString('base64')}`;
        return;
      }
      if (ch?.scheme !== 'bearer' || !ch.params.realm) throw new ImageError(`${what}: the registry answered 401 without a usable WWW-Authenticate challenge`);
      const url = new URL(ch.params.realm);
      if (ch.params.service) url.searchParams.set('service', ch.params.service);
      url.searchParams.set('scope', ch.params.scope ?? `repository:${this.ref.repository}:pull`);
      if (url.protocol === 'http:' && !isLocalhost(url.host)) throw new ImageError(`${what}: the token service ${url.origin} is plain HTTP; refusing to send credentials`);
      const headers: Record<string, string> = {};
      if (creds) headers.authorization = `Basic ${Buffer.from(`${creds.user}:${creds.password}`).toString('base64')}`;
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), this.timeoutMs);
      let res: Response;
      try {
        res = await fetch(url, { headers, signal: controller.signal });
      } catch {
        throw new ImageError(`${what}: the token service ${url.origin} did not answer`);
      } finally {
        clearTimeout(timer);
      }
      if (res.status === 401 || res.status === 403) throw new ImageError(`${what}: the token service refused ${creds ? 'the credentials from docker config.json' : 'anonymous access'} (HTTP ${res.status})`);
      if (!res.ok) throw new ImageError(`${what}: the token service answered HTTP ${res.status}`);
      const body = (await res.json().catch(() => ({}))) as { token?: string; access_token?: string };
      const token = body.token ?? body.access_token;
      if (token) this.authHeader = `Bearer ${token}`;
      if (!token) throw new ImageError(`${what}: the token service gave no token`);
    } finally {
      this.authenticating = false;
    }
  }

  private async fetchBytes(url: string, accept: string | undefined, what: string, maxBytes: number): Promise<{ bytes: Buffer; headers: Headers; contentType: string }> {
    const { res, arm, disarm } = await this.get(url, accept ? { accept } : {}, what);
    try {
      this.checkStatus(res, what);
      const chunks: Buffer[] = [];
      let n = 0;
      for await (const c of res.body as unknown as AsyncIterable<Uint8Array>) {
        arm();
        n += c.length;
        if (n > maxBytes) throw new ImageError(`${what}: larger than ${maxBytes} bytes; refusing`);
        chunks.push(Buffer.from(c));
      }
      return { bytes: Buffer.concat(chunks), headers: res.headers, contentType: (res.headers.get('content-type') ?? '').split(';')[0]!.trim() };
    } catch (err) {
      if (err instanceof ImageError) throw err;
      throw new ImageError(`${what}: the transfer failed (${(err as Error).message})`);
    } finally {
      disarm();
    }
  }

  private checkStatus(res: Response, what: string): void {
    if (res.ok) return;
    if (res.status === 404) throw new ImageError(`${what}: not found (HTTP 404) in ${this.ref.registry}/${this.ref.repository}`);
    if (res.status === 401 || res.status === 403) throw new ImageError(`${what}: access denied (HTTP ${res.status}); check the credentials for ${this.ref.registry} in docker config.json`);
    throw new ImageError(`${what}: the registry answered HTTP ${res.status}`);
  }

  async manifest(reference: string): Promise<{ bytes: Buffer; mediaType: string; digest: string }> {
    const what = `manifest ${this.ref.repository}:${reference}`;
    const accept = [MEDIA.ociIndex, MEDIA.ociManifest, MEDIA.dockerList, MEDIA.dockerManifest].join(', ');
    const { bytes, headers, contentType } = await this.fetchBytes(`${this.base}/v2/${this.ref.repository}/manifests/${reference}`, accept, what, 4 * 1024 * 1024);
    const actual = `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
    const claimed = reference.startsWith('sha256:') ? reference : (headers.get('docker-content-digest') ?? undefined);
    if (claimed && claimed !== actual) throw new ImageError(`${what}: digest mismatch: expected ${claimed}, the content hashes to ${actual}; refusing it`);
    const parsed = parseJsonBlob<{ mediaType?: string }>(bytes, what);
    return { bytes, mediaType: parsed.mediaType ?? contentType, digest: actual };
  }

  async blob(d: Descriptor, what: string): Promise<Buffer> {
    const { bytes } = await this.fetchBytes(`${this.base}/v2/${this.ref.repository}/blobs/${d.digest}`, undefined, what, 64 * 1024 * 1024);
    verifyDigest(bytes, d.digest, what);
    return bytes;
  }

  /** Streams a layer blob; the walker checks its digest as it goes. */
  async *streamBlob(d: Descriptor): AsyncIterable<Buffer> {
    const what = `layer ${d.digest}`;
    const { res, arm, disarm, controller } = await this.get(`${this.base}/v2/${this.ref.repository}/blobs/${d.digest}`, {}, what);
    try {
      this.checkStatus(res, what);
      for await (const c of res.body as unknown as AsyncIterable<Uint8Array>) {
        arm();
        yield Buffer.from(c.buffer, c.byteOffset, c.byteLength);
      }
    } catch (err) {
      if (err instanceof ImageError) throw err;
      throw new ImageError(`${what}: the transfer failed (${controller.signal.aborted ? `no data for ${this.timeoutMs} ms` : (err as Error).message})`);
    } finally {
      disarm();
    }
  }
}

export async function resolveRegistryImage(ref: ImageReference, options: RegistryOptions = {}): Promise<ResolvedImage> {
  const client = new RegistryClient(ref, options);
  let m = await client.manifest(ref.digest ?? ref.tag!);
  for (let depth = 0; INDEX_TYPES.has(m.mediaType); depth++) {
    if (depth > 4) throw new ImageError(`${ref.text}: indexes nested too deeply`);
    const index = parseJsonBlob<ImageIndex>(m.bytes, `index of ${ref.text}`);
    const d = selectFromIndex(index, options.platform, undefined, `${ref.text}`);
    m = await client.manifest(d.digest);
  }
  if (!MANIFEST_TYPES.has(m.mediaType)) throw new ImageError(`${ref.text}: unknown media type ${m.mediaType || '(none)'} for the manifest`);
  const manifest = parseJsonBlob<ImageManifest>(m.bytes, `manifest of ${ref.text}`);
  const configBytes = await client.blob(manifest.config, `config ${manifest.config.digest}`);
  return {
    kind: 'registry',
    input: ref.text,
    registry: ref.registry,
    repository: ref.repository,
    tag: ref.tag,
    manifestDigest: m.digest,
    manifest,
    configBytes,
    openLayer: (d) => client.streamBlob(d),
  };
}
