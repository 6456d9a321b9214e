/**
 * Alpine package version ordering, after apk-tools' version.c: `1.2.3[letter][_suffixN...][-rN]`.
 * Numbers compare numerically (a leading-zero part after the first compares as a fraction),
 * a single letter follows the numbers, the suffixes `_alpha _beta _pre _rc` sort before the
 * release and `_cvs _svn _git _hg _p` after it, and `-rN` is the package release.
 */
const PRE_SUFFIXES = ['alpha', 'beta', 'pre', 'rc'];
const POST_SUFFIXES = ['cvs', 'svn', 'git', 'hg', 'p'];

type Token = { kind: 'num'; value: string; first: boolean } | { kind: 'letter'; value: string } | { kind: 'suffix'; rank: number; num: number } | { kind: 'rev'; num: number } | { kind: 'end' } | { kind: 'invalid'; text: string };

function tokenize(v: string): Token[] {
  const out: Token[] = [];
  const m = /^(\d+(?:\.\d+)*)([a-z]?)((?:_[a-z]+\d*)*)(?:-r(\d+))?$/.exec(v.trim());
  if (!m) return [{ kind: 'invalid', text: v }];
  m[1]!.split('.').forEach((n, i) => out.push({ kind: 'num', value: n, first: i === 0 }));
  if (m[2]) out.push({ kind: 'letter', value: m[2] });
  for (const s of m[3]!.split('_').filter(Boolean)) {
    const sm = /^([a-z]+)(\d*)$/.exec(s)!;
    const pre = PRE_SUFFIXES.indexOf(sm[1]!);
    const post = POST_SUFFIXES.indexOf(sm[1]!);
    const rank = pre !== -1 ? pre - PRE_SUFFIXES.length : post !== -1 ? post + 1 : 0;
    out.push({ kind: 'suffix', rank, num: sm[2] ? Number(sm[2]) : 0 });
  }
  if (m[4] !== undefined) out.push({ kind: 'rev', num: Number(m[4]) });
  out.push({ kind: 'end' });
  return out;
}

// How each token kind ranks against a different kind at the same position (apk's token order).
const KIND_RANK: Record<string, number> = { suffixPre: 0, end: 1, rev: 2, suffixPost: 3, letter: 4, num: 5 };
function kindRank(t: Token): number {
  if (t.kind === 'suffix') return t.rank < 0 ? KIND_RANK.suffixPre! : KIND_RANK.suffixPost!;
  return KIND_RANK[t.kind] ?? 1;
}

function compareNum(a: string, b: string, fractional: boolean): number {
  if (fractional && (a.startsWith('0') || b.startsWith('0'))) {
    // "1.01" vs "1.1": compared as decimal fractions, as apk does for leading zeros.
    const n = Math.max(a.length, b.length);
    const pa = a.padEnd(n, '0');
    const pb = b.padEnd(n, '0');
    return pa < pb ? -1 : pa > pb ? 1 : 0;
  }
  const x = BigInt(a);
  const y = BigInt(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

export function isValidApkVersion(v: string): boolean {
  return tokenize(v)[0]!.kind !== 'invalid';
}

export function compareApk(a: string, b: string): number {
  const ta = tokenize(a);
  const tb = tokenize(b);
  if (ta[0]!.kind === 'invalid' || tb[0]!.kind === 'invalid') return a < b ? -1 : a > b ? 1 : 0;
  for (let i = 0; i < Math.max(ta.length, tb.length); i++) {
    const x = ta[i] ?? { kind: 'end' };
    const y = tb[i] ?? { kind: 'end' };
    if (x.kind === 'num' && y.kind === 'num') {
      const c = compareNum(x.value, y.value, !x.first);
      if (c) return c;
      continue;
    }
    if (x.kind === 'letter' && y.kind === 'letter') {
      if (x.value !== y.value) return x.value < y.value ? -1 : 1;
      continue;
    }
    if (x.kind === 'suffix' && y.kind === 'suffix') {
      if (x.rank !== y.rank) return x.rank - y.rank;
      if (x.num !== y.num) return x.num - y.num;
      continue;
    }
    if (x.kind === 'rev' && y.kind === 'rev') {
      if (x.num !== y.num) return x.num - y.num;
      continue;
    }
    if (x.kind === 'end' && y.kind === 'end') return 0;
    const d = kindRank(x) - kindRank(y);
    if (d) return d;
  }
  return 0;
}
