import { celEnv, celMethod, celFunc, CelScalar, listType, isCelError, type CelEnv, type CelFunc, type CelValue } from '@bufbuild/cel';
import { strings } from '@bufbuild/cel/ext';

/**
 * The CEL environment of Rampart's rules: the CEL standard library, the strings extension, and
 * the Kubernetes list functions that admission policies commonly use (isSorted, sum, min, max,
 * indexOf, lastIndexOf). Kubernetes' quantity, url, ip/cidr and authorizer libraries are not
 * provided: an expression using them fails to compile with the function's name, not silently.
 */

const numericOrString = (v: CelValue) => typeof v === 'bigint' || typeof v === 'number' || typeof v === 'string';

function compare(a: CelValue, b: CelValue): number {
  if (typeof a === 'bigint' && typeof b === 'bigint') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  const x = Number(a as never);
  const y = Number(b as never);
  return x < y ? -1 : x > y ? 1 : 0;
}

const dynList = listType(CelScalar.DYN);

function listFuncs(): CelFunc[] {
  return [
    celMethod('isSorted', dynList, [], CelScalar.BOOL, function () {
      const items = [...this];
      for (let i = 1; i < items.length; i++) if (compare(items[i - 1]!, items[i]!) > 0) return false;
      return true;
    }),
    celMethod('sum', dynList, [], CelScalar.DYN, function () {
      let acc: bigint | number = 0n;
      for (const v of this) {
        if (typeof v === 'bigint' && typeof acc === 'bigint') acc += v;
        else acc = Number(acc) + Number(v as never);
      }
      return acc;
    }),
    celMethod('min', dynList, [], CelScalar.DYN, function () {
      const items = [...this];
      if (items.length === 0) throw new Error('min called on an empty list');
      if (!items.every(numericOrString)) throw new Error('min needs comparable elements');
      return items.reduce((m, v) => (compare(v, m) < 0 ? v : m));
    }),
    celMethod('max', dynList, [], CelScalar.DYN, function () {
      const items = [...this];
      if (items.length === 0) throw new Error('max called on an empty list');
      if (!items.every(numericOrString)) throw new Error('max needs comparable elements');
      return items.reduce((m, v) => (compare(v, m) > 0 ? v : m));
    }),
    celMethod('indexOf', dynList, [CelScalar.DYN], CelScalar.INT, function (x) {
      let i = 0;
      for (const v of this) {
        if (compare(v, x) === 0 && typeof v === typeof x) return BigInt(i);
        i++;
      }
      return -1n;
    }),
    celMethod('lastIndexOf', dynList, [CelScalar.DYN], CelScalar.INT, function (x) {
      const items = [...this];
      for (let i = items.length - 1; i >= 0; i--) if (compare(items[i]!, x) === 0 && typeof items[i] === typeof x) return BigInt(i);
      return -1n;
    }),
  ];
}

let cached: CelEnv | undefined;

export function rampartCelEnv(): CelEnv {
  return (cached ??= celEnv({ funcs: [...strings, ...listFuncs()] }));
}

export { isCelError, celFunc };
