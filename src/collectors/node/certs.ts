import { X509Certificate, createPrivateKey } from 'node:crypto';

/**
 * Certificate facts. Node's X509Certificate gives validity, SANs, CA flag and the key; it does not
 * expose the signature algorithm, which is the second element of the outer Certificate SEQUENCE
 * (RFC 5280 §4.1): a short DER walk reads it without a dependency.
 */

export interface CertificateFacts {
  file: string;
  /** Index of the certificate within the file (bundles hold several). */
  index: number;
  subject: string;
  issuer: string;
  serialNumber: string;
  notBefore: string;
  notAfter: string;
  isCA: boolean;
  selfSigned: boolean;
  keyType?: string;
  keyBits?: number;
  curve?: string;
  signatureAlgorithm?: string;
  subjectAltNames: string[];
  keyUsage?: string[];
}

export interface KeyFacts {
  file: string;
  keyType?: string;
  keyBits?: number;
  curve?: string;
  /** Present when the key could not be read (encrypted, malformed). */
  error?: string;
}

const SIGNATURE_OIDS: Record<string, string> = {
  '1.2.840.113549.1.1.4': 'md5WithRSAEncryption',
  '1.2.840.113549.1.1.5': 'sha1WithRSAEncryption',
  '1.2.840.113549.1.1.10': 'rsassaPss',
  '1.2.840.113549.1.1.11': 'sha256WithRSAEncryption',
  '1.2.840.113549.1.1.12': 'sha384WithRSAEncryption',
  '1.2.840.113549.1.1.13': 'sha512WithRSAEncryption',
  '1.2.840.10045.4.1': 'ecdsa-with-SHA1',
  '1.2.840.10045.4.3.2': 'ecdsa-with-SHA256',
  '1.2.840.10045.4.3.3': 'ecdsa-with-SHA384',
  '1.2.840.10045.4.3.4': 'ecdsa-with-SHA512',
  '1.3.101.112': 'Ed25519',
  '1.3.101.113': 'Ed448',
};

/** Signature algorithms no longer acceptable for certificates (collision attacks). */
export const WEAK_SIGNATURES = new Set(['md5WithRSAEncryption', 'sha1WithRSAEncryption', 'ecdsa-with-SHA1']);

interface Tlv {
  tag: number;
  start: number;
  end: number;
  next: number;
}

function readTlv(buf: Uint8Array, at: number): Tlv {
  if (at + 2 > buf.length) throw new Error('truncated DER');
  const tag = buf[at]!;
  let len = buf[at + 1]!;
  let p = at + 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    if (n === 0 || n > 4 || p + n > buf.length) throw new Error('bad DER length');
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + buf[p + i]!;
    p += n;
  }
  if (p + len > buf.length) throw new Error('truncated DER');
  return { tag, start: p, end: p + len, next: p + len };
}

function decodeOid(bytes: Uint8Array): string {
  const parts: number[] = [];
  let v = 0;
  for (const b of bytes) {
    v = v * 128 + (b & 0x7f);
    if (!(b & 0x80)) {
      parts.push(v);
      v = 0;
    }
  }
  const first = parts.shift() ?? 0;
  const a = first < 80 ? Math.floor(first / 40) : 2;
  return [a, first - a * 40, ...parts].join('.');
}

/** The OID of `Certificate.signatureAlgorithm`, by name when known. */
export function signatureAlgorithmOf(der: Uint8Array): string {
  const cert = readTlv(der, 0);
  if (cert.tag !== 0x30) throw new Error('not a DER certificate');
  const tbs = readTlv(der, cert.start);
  const alg = readTlv(der, tbs.next);
  if (alg.tag !== 0x30) throw new Error('no signature algorithm');
  const oid = readTlv(der, alg.start);
  if (oid.tag !== 0x06) throw new Error('no signature algorithm OID');
  const dotted = decodeOid(der.subarray(oid.start, oid.end));
  return SIGNATURE_OIDS[dotted] ?? dotted;
}

const PEM_CERT = /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g;

/** Reads every certificate of a PEM file. Throws when the file holds none that parses. */
export function inspectCertificates(file: string, text: string): CertificateFacts[] {
  const blocks = text.match(PEM_CERT) ?? [];
  if (blocks.length === 0) throw new Error('no PEM certificate in the file');
  return blocks.map((pem, index) => {
    const c = new X509Certificate(pem);
    const details = c.publicKey.asymmetricKeyDetails ?? {};
    let signatureAlgorithm: string | undefined;
    try {
      signatureAlgorithm = signatureAlgorithmOf(c.raw);
    } catch {
      signatureAlgorithm = undefined;
    }
    return {
      file,
      index,
      subject: c.subject.replace(/\n/g, ', '),
      issuer: c.issuer.replace(/\n/g, ', '),
      serialNumber: c.serialNumber,
      notBefore: new Date(c.validFrom).toISOString(),
      notAfter: new Date(c.validTo).toISOString(),
      isCA: c.ca,
      selfSigned: c.checkIssued(c),
      keyType: c.publicKey.asymmetricKeyType,
      keyBits: details.modulusLength,
      curve: details.namedCurve,
      signatureAlgorithm,
      subjectAltNames: c.subjectAltName ? c.subjectAltName.split(/,\s*/) : [],
      keyUsage: c.keyUsage,
    };
  });
}

const CURVE_OIDS: Record<string, string> = {
  '1.2.840.10045.3.1.7': 'prime256v1',
  '1.3.132.0.34': 'secp384r1',
  '1.3.132.0.35': 'secp521r1',
  '1.3.132.0.10': 'secp256k1',
  '1.2.840.10045.3.1.1': 'prime192v1',
};
const KEY_OIDS: Record<string, string> = { '1.2.840.113549.1.1.1': 'rsa', '1.2.840.113549.1.1.10': 'rsa-pss', '1.2.840.10045.2.1': 'ec', '1.3.101.112': 'ed25519', '1.3.101.113': 'ed448' };

function children(der: Uint8Array, seq: Tlv): Tlv[] {
  const out: Tlv[] = [];
  for (let at = seq.start; at < seq.end; ) {
    const t = readTlv(der, at);
    out.push(t);
    at = t.next;
  }
  return out;
}

function integerBits(der: Uint8Array, t: Tlv): number {
  let i = t.start;
  while (i < t.end && der[i] === 0) i++;
  if (i === t.end) return 0;
  return (t.end - i - 1) * 8 + (32 - Math.clz32(der[i]!));
}

/**
 * Type and size from the key's DER (PKCS#8, PKCS#1, SEC1) without loading it into OpenSSL, which
 * validates RSA keys and costs about a millisecond each; falls back to createPrivateKey.
 */
function describeKeyDer(pem: string): Omit<KeyFacts, 'file'> | undefined {
  const m = /-----BEGIN (RSA |EC )?PRIVATE KEY-----([\s\S]*?)-----END \1?PRIVATE KEY-----/.exec(pem);
  if (!m || /Proc-Type:\s*4,ENCRYPTED/.test(m[2]!)) return undefined;
  const der = Buffer.from(m[2]!.replace(/\s+/g, ''), 'base64');
  const top = readTlv(der, 0);
  const parts = children(der, top);
  if (m[1] === 'RSA ') return { keyType: 'rsa', keyBits: integerBits(der, parts[1]!) };
  if (m[1] === 'EC ') {
    const params = parts.find((p) => p.tag === 0xa0);
    const oid = params ? readTlv(der, params.start) : undefined;
    return { keyType: 'ec', curve: oid ? (CURVE_OIDS[decodeOid(der.subarray(oid.start, oid.end))] ?? decodeOid(der.subarray(oid.start, oid.end))) : undefined };
  }
  const alg = children(der, parts[1]!);
  const type = KEY_OIDS[decodeOid(der.subarray(alg[0]!.start, alg[0]!.end))];
  if (type === 'rsa' || type === 'rsa-pss') {
    const inner = readTlv(der, parts[2]!.start);
    return { keyType: type, keyBits: integerBits(der, children(der, inner)[1]!) };
  }
  if (type === 'ec') {
    const curve = alg[1] && alg[1].tag === 0x06 ? decodeOid(der.subarray(alg[1].start, alg[1].end)) : undefined;
    return { keyType: 'ec', curve: curve ? (CURVE_OIDS[curve] ?? curve) : undefined };
  }
  return type ? { keyType: type } : undefined;
}

/** Key type and size of a private key; the key material is never kept. */
export function inspectKey(file: string, text: string): KeyFacts {
  try {
    const fast = describeKeyDer(text);
    if (fast) return { file, keyBits: undefined, curve: undefined, ...fast };
  } catch {
    // Malformed DER: let OpenSSL have the last word below.
  }
  try {
    const k = createPrivateKey(text);
    const d = k.asymmetricKeyDetails ?? {};
    return { file, keyType: k.asymmetricKeyType, keyBits: d.modulusLength, curve: d.namedCurve };
  } catch (err) {
    const msg = (err as Error).message;
    return { file, error: /passphrase/i.test(msg) || /ENCRYPTED/.test(text) ? 'encrypted key (needs a passphrase)' : 'not a readable private key' };
  }
}
