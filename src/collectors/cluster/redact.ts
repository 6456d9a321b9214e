import { decodeSecretValue, detectCredentials, redactedMarker, REDACTED_PREFIX } from '../../cloud/credentials.js';
import type { KubeObject } from '../../core/types.js';

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
