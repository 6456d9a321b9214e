import { SEVERITIES, STATUSES } from '../core/types.js';
import { frameworksOf } from '../frameworks/assess.js';
import { diffReports } from '../store/diff.js';
import type { Store } from '../store/types.js';
import { openApiDocument } from './openapi.js';
import { HttpError, type Route, type RouteContext } from './router.js';

const MAX_LIMIT = 1000;

function intParam(url: URL, name: string, def: number, min: number, max: number): number {
  const raw = url.searchParams.get(name);
  if (raw === null || raw === '') return def;
  if (!/^\d+$/.test(raw)) throw new HttpError(400, `${name} must be a whole number (got "${raw}")`);
  const n = Number(raw);
  if (n < min || n > max) throw new HttpError(400, `${name} must be between ${min} and ${max} (got ${n})`);
  return n;
}

function idParam(ctx: RouteContext, name = 'id'): number {
  const raw = ctx.params[name] ?? '';
  if (!/^\d{1,15}$/.test(raw)) throw new HttpError(400, `scan id must be a positive whole number (got "${raw}")`);
  return Number(raw);
}

function listParam(url: URL, name: string, allowed: readonly string[]): string[] | undefined {
  const raw = url.searchParams.getAll(name).flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
  if (!raw.length) return undefined;
  for (const v of raw) if (!allowed.includes(v)) throw new HttpError(400, `${name} must be one of ${allowed.join(', ')} (got "${v}")`);
  return raw;
}

function textParam(url: URL, name: string, max = 200): string | undefined {
  const v = url.searchParams.get(name);
  if (v === null || v === '') return undefined;
  if (v.length > max) throw new HttpError(400, `${name} is longer than ${max} characters`);
  return v;
}

const KNOWN_QUERY: Record<string, string[]> = {
  scans: ['cluster', 'limit', 'offset'],
  findings: ['severity', 'status', 'rule', 'namespace', 'kind', 'q', 'waived', 'limit', 'offset'],
  trend: ['cluster', 'framework', 'limit'],
  diff: ['from', 'to', 'force'],
};

/** Unknown query parameters are refused, so that a typo does not silently return everything. */
function onlyKnown(url: URL, key: keyof typeof KNOWN_QUERY) {
  for (const k of url.searchParams.keys()) if (!KNOWN_QUERY[key]!.includes(k)) throw new HttpError(400, `unknown query parameter "${k}"; this endpoint takes ${KNOWN_QUERY[key]!.join(', ')}`);
}

async function reportOr404(store: Store, id: number) {
  const r = await store.getReport(id);
  if (!r) throw new HttpError(404, `no scan ${id}`);
  return r;
}

/** The dashboard's JSON API; the page uses nothing else. Documented in /api/openapi.json. */
export function apiRoutes(store: Store): Route[] {
  return [
    { method: 'GET', path: '/api/openapi.json', auth: false, handler: () => openApiDocument() },
    { method: 'GET', path: '/api/clusters', handler: () => store.listClusters() },
    {
      method: 'GET',
      path: '/api/scans',
      handler: ({ url }) => {
        onlyKnown(url, 'scans');
        return store.listScans({ cluster: textParam(url, 'cluster'), limit: intParam(url, 'limit', 50, 1, MAX_LIMIT), offset: intParam(url, 'offset', 0, 0, 1e9) });
      },
    },
    {
      method: 'GET',
      path: '/api/scans/:id',
      handler: async (ctx) => {
        const id = idParam(ctx);
        const meta = await store.getScan(id);
        if (!meta) throw new HttpError(404, `no scan ${id}`);
        const report = await reportOr404(store, id);
        return {
          ...meta,
          summary: report.summary,
          target: report.target,
          diagnostics: report.diagnostics,
          frameworks: frameworksOf(report).map(({ controls: _c, ...f }) => f),
        };
      },
    },
    {
      method: 'GET',
      path: '/api/scans/:id/findings',
      handler: async (ctx) => {
        const { url } = ctx;
        onlyKnown(url, 'findings');
        const id = idParam(ctx);
        if (!(await store.getScan(id))) throw new HttpError(404, `no scan ${id}`);
        const waived = url.searchParams.get('waived');
        if (waived !== null && waived !== 'true' && waived !== 'false') throw new HttpError(400, `waived must be true or false (got "${waived}")`);
        return store.findings(id, {
          severity: listParam(url, 'severity', SEVERITIES),
          status: listParam(url, 'status', STATUSES),
          rule: textParam(url, 'rule'),
          namespace: url.searchParams.has('namespace') ? (url.searchParams.get('namespace') ?? '') : undefined,
          kind: textParam(url, 'kind'),
          q: textParam(url, 'q'),
          waived: waived === null ? undefined : waived === 'true',
          limit: intParam(url, 'limit', 100, 1, MAX_LIMIT),
          offset: intParam(url, 'offset', 0, 0, 1e9),
        });
      },
    },
    {
      method: 'GET',
      path: '/api/scans/:id/findings/:fingerprint',
      handler: async (ctx) => {
        const fp = ctx.params.fingerprint ?? '';
        if (!/^[0-9a-f]{6,64}$/.test(fp)) throw new HttpError(400, `fingerprint must be hexadecimal (got "${fp}")`);
        const report = await reportOr404(store, idParam(ctx));
        const f = report.findings.find((x) => x.fingerprint === fp);
        if (!f) throw new HttpError(404, `scan ${ctx.params.id} has no finding ${fp}`);
        const rule = report.rules.find((r) => r.ruleId === f.ruleId);
        const controls = frameworksOf(report).flatMap((fw) =>
          fw.controls.filter((c) => c.failing.includes(fp) || c.waived.includes(fp)).map((c) => ({ framework: fw.id, control: c.id, title: c.title, status: c.status })),
        );
        const sameResource = report.findings.filter(
          (x) => x !== f && x.resource.kind === f.resource.kind && x.resource.name === f.resource.name && x.resource.namespace === f.resource.namespace && x.status !== 'pass',
        );
        return { finding: f, rule, controls, sameResource: sameResource.map((x) => ({ fingerprint: x.fingerprint, ruleId: x.ruleId, severity: x.severity, message: x.message })) };
      },
    },
    {
      method: 'GET',
      path: '/api/scans/:id/frameworks',
      handler: async (ctx) => frameworksOf(await reportOr404(store, idParam(ctx))),
    },
    {
      method: 'GET',
      path: '/api/scans/:id/waivers',
      handler: async (ctx) => {
        const report = await reportOr404(store, idParam(ctx));
        return {
          exceptions: report.exceptions,
          waived: report.findings.filter((f) => f.waiver).map((f) => ({ fingerprint: f.fingerprint, ruleId: f.ruleId, resource: f.resource, waiver: f.waiver })),
        };
      },
    },
    {
      method: 'GET',
      path: '/api/trend',
      handler: ({ url }) => {
        onlyKnown(url, 'trend');
        return store.trend({ cluster: textParam(url, 'cluster'), framework: textParam(url, 'framework'), limit: intParam(url, 'limit', 500, 1, 5000) });
      },
    },
    {
      method: 'GET',
      path: '/api/diff',
      handler: async ({ url }) => {
        onlyKnown(url, 'diff');
        const from = intParam(url, 'from', -1, 1, 1e15);
        const to = intParam(url, 'to', -1, 1, 1e15);
        if (from < 0 || to < 0) throw new HttpError(400, 'from and to (scan ids) are both required');
        const d = diffReports(await reportOr404(store, from), await reportOr404(store, to), { from: String(from), to: String(to) });
        if (!d.sameCluster && url.searchParams.get('force') !== 'true')
          throw new HttpError(400, `scan ${from} is of "${d.from.cluster}" and scan ${to} of "${d.to.cluster}"; add force=true to compare different clusters`);
        return d;
      },
    },
  ];
}
