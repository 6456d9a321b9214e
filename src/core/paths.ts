import type { PathSegment } from './types.js';

const PLAIN_KEY = /^[A-Za-z_$][\w$-]*$/;

/** `['spec','containers',0,'image']` → `spec.containers[0].image`; keys with dots or slashes are bracketed. */
export function formatPath(path: readonly PathSegment[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (PLAIN_KEY.test(seg)) out += out === '' ? seg : `.${seg}`;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out;
}

/** Inverse of {@link formatPath}. Throws on text it cannot read (used by tests and configuration). */
export function parsePath(text: string): PathSegment[] {
  const out: PathSegment[] = [];
  const re = /([A-Za-z_$][\w$-]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]|(\.)/gy;
  let m: RegExpExecArray | null;
  let last = 0;
  while (last < text.length && (m = re.exec(text)) !== null) {
    if (m[1] !== undefined) out.push(m[1]);
    else if (m[2] !== undefined) out.push(Number(m[2]));
    else if (m[3] !== undefined) out.push(JSON.parse(m[3]) as string);
    last = re.lastIndex;
  }
  if (last !== text.length) throw new Error(`cannot read path "${text}" at character ${last + 1}`);
  return out;
}
