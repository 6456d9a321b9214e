import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Where the hash of the server's access token is kept: `$XDG_CONFIG_HOME/rampart/server-token.json`. */
export function defaultTokenFile(): string {
  const config = process.env.XDG_CONFIG_HOME || path.join(os.homedir(), '.config');
  return path.join(config, 'rampart', 'server-token.json');
}

interface TokenRecord {
  algorithm: 'sha256';
  salt: string;
  hash: string;
  created: string;
}

function hashToken(token: string, salt: string): string {
  return createHash('sha256').update(salt).update('\0').update(token).digest('hex');
}

/**
 * The token is 256 random bits, so a salted SHA-256 is enough to keep it unrecoverable from the
 * file; only the hash is stored. Returns the token in clear only when it was just made.
 */
export function ensureToken(file: string = defaultTokenFile(), reset = false): { verifier: TokenVerifier; newToken?: string } {
  if (!reset && existsSync(file)) {
    let rec: TokenRecord;
    try {
      rec = JSON.parse(readFileSync(file, 'utf8')) as TokenRecord;
    } catch (err) {
      throw new Error(`cannot read the token file ${file}: ${(err as Error).message}; remove it or start with --reset-token`);
    }
    if (rec.algorithm !== 'sha256' || typeof rec.salt !== 'string' || typeof rec.hash !== 'string') throw new Error(`${file} is not a Rampart token file; remove it or start with --reset-token`);
    return { verifier: verifierFor(rec) };
  }
  const token = randomBytes(32).toString('base64url');
  const salt = randomBytes(16).toString('hex');
  const rec: TokenRecord = { algorithm: 'sha256', salt, hash: hashToken(token, salt), created: new Date().toISOString() };
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  writeFileSync(file, `${JSON.stringify(rec, null, 2)}\n`, { mode: 0o600 });
  return { verifier: verifierFor(rec), newToken: token };
}

export type TokenVerifier = (token: string) => boolean;

export function verifierFor(rec: { salt: string; hash: string }): TokenVerifier {
  const expected = Buffer.from(rec.hash, 'hex');
  return (token) => {
    const got = Buffer.from(hashToken(token, rec.salt), 'hex');
    return got.length === expected.length && timingSafeEqual(got, expected);
  };
}

/** A verifier for a token known in clear (tests, or a token given by the environment). */
export function verifierForToken(token: string): TokenVerifier {
  const salt = randomBytes(16).toString('hex');
  return verifierFor({ salt, hash: hashToken(token, salt) });
}

/** The token a request carries: `Authorization: Bearer …` or the `rampart_token` cookie. */
export function tokenOf(headers: Record<string, string | string[] | undefined>): string | undefined {
  const auth = headers.authorization;
  if (typeof auth === 'string') {
    const m = /^Bearer\s+(\S+)$/i.exec(auth);
    if (m) return m[1];
  }
  const cookie = headers.cookie;
  if (typeof cookie === 'string') {
    for (const part of cookie.split(';')) {
      const [k, ...v] = part.trim().split('=');
      if (k === 'rampart_token') return decodeURIComponent(v.join('='));
    }
  }
  return undefined;
}
