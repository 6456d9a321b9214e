import { decodeSecretValue, detectCredentials, redactedMarker, REDACTED_PREFIX } from '../../cloud/credentials.js';
import type { KubeObject } from '../../core/types.js';
import { containersOf, podTemplateOf } from '../../core/workload.js';

/**
 * Replaces every value of a Secret (`data`, `stringData`) or ConfigMap (`data`, `binaryData`) by a
 * marker naming the credentials found in it. Runs right after listing, before anything else keeps
 * the object: values exist only for the duration of this call.
 */
export function redactValues(obj: KubeObject): KubeObject {
  const out: KubeObject = { ...obj };
  const isSecret = obj.kind === 'Secret';
  for (const field of ['data', 'stringData', 'binaryData']) {
    const map = obj[field];
    if (!map || typeof map !== 'object') continue;
    const redacted: Record<string, string> = {};
    for (const [key, value] of Object.entries(map as Record<string, unknown>)) {
      if (typeof value !== 'string') {
        redacted[key] = REDACTED_PREFIX;
        continue;
      }
      const text = field === 'binaryData' ? '' : isSecret && field === 'data' ? decodeSecretValue(value) : value;
      redacted[key] = redactedMarker(detectCredentials(key, text));
    }
    out[field] = redacted;
  }
  return out;
}

/**
 * Plain env values of a workload that hold credentials are replaced by the marker too (in place),
 * so that a snapshot does not carry an AWS key someone put in a Deployment.
 */
export function redactEnvCredentials(obj: KubeObject): number {
  const template = podTemplateOf({ apiVersion: String(obj.apiVersion), kind: String(obj.kind), name: '', object: obj, source: { origin: 'cluster' } });
  if (!template) return 0;
  let n = 0;
  for (const { container } of containersOf(template.spec)) {
    for (const e of Array.isArray(container.env) ? container.env : []) {
      if (typeof e?.value !== 'string' || e.value.startsWith(REDACTED_PREFIX)) continue;
      const types = detectCredentials(String(e.name ?? ''), e.value);
      if (types.length === 0) continue;
      e.value = redactedMarker(types);
      n++;
    }
  }
  return n;
}
