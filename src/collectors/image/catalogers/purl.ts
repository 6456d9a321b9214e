import { PackageURL } from 'packageurl-js';

/** Package URLs (purl-spec) through packageurl-js, the reference implementation for JS. */
export function makePurl(type: string, name: string, version: string | undefined, qualifiers?: Record<string, string>, namespace?: string): string {
  let ns = namespace;
  let n = name;
  if (ns === undefined && (type === 'golang' || type === 'npm') && name.includes('/')) {
    const i = name.lastIndexOf('/');
    ns = name.slice(0, i);
    n = name.slice(i + 1);
  }
  if (type === 'pypi') n = n.toLowerCase().replace(/[-_.]+/g, '-');
  const q = qualifiers && Object.keys(qualifiers).length ? qualifiers : undefined;
  return new PackageURL(type, ns, n, version || undefined, q, undefined).toString();
}
