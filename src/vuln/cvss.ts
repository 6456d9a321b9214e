import type { Severity } from '../core/types.js';

/**
 * CVSS v3.0/v3.1 base score from a vector string, with the specification's formula and its
 * Roundup (FIRST, CVSS v3.1 specification §7.1 and Appendix A).
 */
const W = {
  AV: { N: 0.85, A: 0.62, L: 0.55, P: 0.2 },
  AC: { L: 0.77, H: 0.44 },
  UI: { N: 0.85, R: 0.62 },
  CIA: { H: 0.56, L: 0.22, N: 0 },
} as const;

function roundup(x: number): number {
  const i = Math.round(x * 100000);
  return i % 10000 === 0 ? i / 100000 : (Math.floor(i / 10000) + 1) / 10;
}

export function cvss3BaseScore(vector: string): number | undefined {
  const m = /^CVSS:3\.[01]\/(.*)$/.exec(vector.trim());
  if (!m) return undefined;
  const metrics: Record<string, string> = {};
  for (const part of m[1]!.split('/')) {
    const [k, v] = part.split(':');
    if (k && v) metrics[k] = v;
  }
  const { AV, AC, PR, UI, S, C, I, A } = metrics;
  const av = W.AV[AV as keyof typeof W.AV];
  const ac = W.AC[AC as keyof typeof W.AC];
  const ui = W.UI[UI as keyof typeof W.UI];
  const c = W.CIA[C as keyof typeof W.CIA];
  const i = W.CIA[I as keyof typeof W.CIA];
  const a = W.CIA[A as keyof typeof W.CIA];
  if (S !== 'U' && S !== 'C') return undefined;
  const changed = S === 'C';
  const pr = PR === 'N' ? 0.85 : PR === 'L' ? (changed ? 0.68 : 0.62) : PR === 'H' ? (changed ? 0.5 : 0.27) : undefined;
  if ([av, ac, ui, c, i, a, pr].some((x) => x === undefined)) return undefined;
  const iss = 1 - (1 - c!) * (1 - i!) * (1 - a!);
  const impact = changed ? 7.52 * (iss - 0.029) - 3.25 * (iss - 0.02) ** 15 : 6.42 * iss;
  const exploitability = 8.22 * av! * ac! * pr! * ui!;
  if (impact <= 0) return 0;
  return changed ? roundup(Math.min(1.08 * (impact + exploitability), 10)) : roundup(Math.min(impact + exploitability, 10));
}

/** The CVSS qualitative rating; `none` (0.0) maps to info. */
export function severityOfScore(score: number): Severity {
  if (score >= 9) return 'critical';
  if (score >= 7) return 'high';
  if (score >= 4) return 'medium';
  if (score > 0) return 'low';
  return 'info';
}

/** Words advisories use (GHSA `MODERATE`, Ubuntu priorities, Debian urgencies) mapped to severities. */
export function severityOfWord(word: string | undefined): Severity | undefined {
  switch ((word ?? '').toLowerCase()) {
    case 'critical':
      return 'critical';
    case 'high':
    case 'important':
      return 'high';
    case 'moderate':
    case 'medium':
      return 'medium';
    case 'low':
      return 'low';
    case 'negligible':
    case 'unimportant':
      return 'info';
    default:
      return undefined;
  }
}
