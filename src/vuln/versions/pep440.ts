/**
 * PEP 440 version ordering (Python packages): `[N!]N(.N)*[{a|b|rc}N][.postN][.devN][+local]`,
 * with the normalisations the spec allows (case, `alpha`/`c`/`pre`/`preview` spellings,
 * separators, implicit numbers, `-N` for post). Trailing zeros in the release do not count
 * (1.0 == 1.0.0). dev < pre < release < post; a local label sorts after the same public version.
 */
export interface Pep440 {
  epoch: number;
  release: number[];
  pre?: [number, number];
  post?: number;
  dev?: number;
  local: (string | number)[];
}

const RE =
  /^\s*v?(?:(\d+)!)?(\d+(?:\.\d+)*)(?:[-_.]?(a|b|c|rc|alpha|beta|pre|preview)[-_.]?(\d+)?)?(?:(?:-(\d+))|(?:[-_.]?(post|rev|r)[-_.]?(\d+)?))?(?:[-_.]?(dev)[-_.]?(\d+)?)?(?:\+([a-z0-9]+(?:[-_.][a-z0-9]+)*))?\s*$/i;

const PRE_RANK: Record<string, number> = { a: 0, alpha: 0, b: 1, beta: 1, c: 2, rc: 2, pre: 2, preview: 2 };

export function parsePep440(text: string): Pep440 | undefined {
  const m = RE.exec(text);
  if (!m) return undefined;
  const v: Pep440 = { epoch: m[1] ? Number(m[1]) : 0, release: m[2]!.split('.').map(Number), local: [] };
  if (m[3]) v.pre = [PRE_RANK[m[3].toLowerCase()]!, m[4] ? Number(m[4]) : 0];
  if (m[5] !== undefined) v.post = Number(m[5]);
  else if (m[6]) v.post = m[7] ? Number(m[7]) : 0;
  if (m[8]) v.dev = m[9] ? Number(m[9]) : 0;
  if (m[10]) v.local = m[10].toLowerCase().split(/[-_.]/).map((p) => (/^\d+$/.test(p) ? Number(p) : p));
  return v;
}

function cmp(a: number, b: number): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function compareParsedPep440(a: Pep440, b: Pep440): number {
  if (a.epoch !== b.epoch) return cmp(a.epoch, b.epoch);
  const n = Math.max(a.release.length, b.release.length);
  for (let i = 0; i < n; i++) {
    const c = cmp(a.release[i] ?? 0, b.release[i] ?? 0);
    if (c) return c;
  }
  // A dev release without pre or post sorts before every pre-release of the same release.
  const preKey = (v: Pep440): [number, number] => (v.pre ? [v.pre[0], v.pre[1]] : v.post === undefined && v.dev !== undefined ? [-1, 0] : [3, 0]);
  const pa = preKey(a);
  const pb = preKey(b);
  if (pa[0] !== pb[0]) return cmp(pa[0], pb[0]);
  if (pa[1] !== pb[1]) return cmp(pa[1], pb[1]);
  const post = cmp(a.post ?? -1, b.post ?? -1);
  if (post) return post;
  const dev = cmp(a.dev ?? Infinity, b.dev ?? Infinity);
  if (dev) return dev;
  for (let i = 0; i < Math.max(a.local.length, b.local.length); i++) {
    const x = a.local[i];
    const y = b.local[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    if (typeof x === 'number' && typeof y === 'number') {
      if (x !== y) return cmp(x, y);
    } else if (typeof x === 'number') return 1;
    else if (typeof y === 'number') return -1;
    else if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

export function comparePep440(a: string, b: string): number {
  const pa = parsePep440(a);
  const pb = parsePep440(b);
  if (pa && pb) return compareParsedPep440(pa, pb);
  if (pa) return -1;
  if (pb) return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}
