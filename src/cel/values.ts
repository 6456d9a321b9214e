import { celUint, isCelList, isCelMap, isCelUint, type CelInput, type CelValue } from '@bufbuild/cel';

/**
 * JSON → CEL input as the Kubernetes API server binds objects: whole JSON numbers are `int`
 * (int64), others `double`; objects are maps; arrays are lists.
 */
export function toCel(value: unknown): CelInput {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return value.map(toCel);
  if (typeof value === 'number') return Number.isInteger(value) ? BigInt(value) : value;
  if (typeof value === 'object') {
    if (value instanceof Date) return value.toISOString();
    return new Map(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, toCel(v)]));
  }
  return value as CelInput;
}

/** CEL value → plain JSON-like value (int → number when safe, else string). */
export function fromCel(value: CelValue | unknown): unknown {
  if (typeof value === 'bigint') return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
  if (isCelUint(value)) return fromCel(value.value);
  if (isCelList(value)) return [...value].map(fromCel);
  if (isCelMap(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of value) out[String(isCelUint(k) ? k.value : k)] = fromCel(v);
    return out;
  }
  return value;
}

export { celUint };
