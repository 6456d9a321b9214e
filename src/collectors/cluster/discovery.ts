import type { ApiTransport } from './client.js';
import { statusOf } from './lister.js';
import type { ResourceType, ServerVersion } from './types.js';

export interface Discovery {
  version?: ServerVersion;
  /** Group versions the server serves (`v1`, `apps/v1`, ...); undefined when discovery could not be read. */
  groupVersions?: Set<string>;
  problems: { path: string; code: number; reason: string; message: string }[];
}

async function getJson(transport: ApiTransport, path: string, problems: Discovery['problems']): Promise<any> {
  const res = await transport.get(path);
  if (res.status !== 200) {
    const st = statusOf(res.status, res.body);
    problems.push({ path, code: res.status, reason: st.reason ?? '', message: st.message ?? '' });
    return undefined;
  }
  try {
    return JSON.parse(res.body.toString('utf8'));
  } catch {
    problems.push({ path, code: res.status, reason: 'BadResponse', message: `${path} did not answer JSON` });
    return undefined;
  }
}

/**
 * `/version`, `/api` and `/apis`: the server version and the group versions it serves, so that a
 * type an older server lacks is reported as not served rather than as an error. Transport errors
 * propagate (nothing else will work either).
 */
export async function discover(transport: ApiTransport): Promise<Discovery> {
  const problems: Discovery['problems'] = [];
  const version = (await getJson(transport, '/version', problems)) as ServerVersion | undefined;
  const core = await getJson(transport, '/api', problems);
  const groups = await getJson(transport, '/apis', problems);
  let groupVersions: Set<string> | undefined;
  if (core && groups) {
    groupVersions = new Set<string>(Array.isArray(core.versions) ? core.versions : []);
    for (const g of Array.isArray(groups.groups) ? groups.groups : []) {
      for (const v of Array.isArray(g?.versions) ? g.versions : []) if (typeof v?.groupVersion === 'string') groupVersions.add(v.groupVersion);
    }
  }
  return { version: version && typeof version.gitVersion === 'string' ? version : undefined, groupVersions, problems };
}

export function isServed(discovery: Discovery, t: ResourceType): boolean {
  if (!discovery.groupVersions) return true;
  return discovery.groupVersions.has(t.group ? `${t.group}/${t.version}` : t.version);
}
