import type { Severity } from '../../../core/types.js';

/**
 * Finds credentials written as literal values (environment variables now; ConfigMaps, Secrets and
 * image environments later). It answers with WHAT was found, never with any part of the value:
 * callers report the location only, so a report never carries the secret it warns about.
 *
 * Two stages: value patterns of well-known credential formats (high confidence, whatever the
 * name), then the variable name (PASSWORD, SECRET, TOKEN, API_KEY, ...) combined with checks that
 * the value looks like a real secret and not a placeholder, a reference, a path or a URL.
 */

export type CredentialKind =
  | 'private-key'
  | 'gcp-service-account-key'
  | 'aws-access-key-id'
  | 'aws-secret-access-key'
  | 'azure-storage-key'
  | 'azure-connection-string'
  | 'azure-client-secret'
  | 'github-token'
  | 'gitlab-token'
  | 'slack-token'
  | 'slack-webhook'
  | 'google-api-key'
  | 'stripe-key'
  | 'jwt'
  | 'url-password'
  | 'password'
  | 'generic-secret';

export interface CredentialMatch {
  kind: CredentialKind;
  /** Human-readable name of what was found, e.g. `AWS access key ID`. */
  label: string;
  severity: Severity;
  /** `high` for a recognised format, `medium` for a name plus a secret-looking value. */
  confidence: 'high' | 'medium';
}

/** Shannon entropy of the string's characters, in bits per character. */
export function shannonEntropy(s: string): number {
  if (s.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const ch of s) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let h = 0;
  const n = [...s].length;
  for (const c of counts.values()) {
    const p = c / n;
    h -= p * Math.log2(p);
  }
  return h;
}

const PLACEHOLDER_WORDS = new Set([
  'changeme', 'change-me', 'change_me', 'changeit', 'password', 'passw0rd', 'secret', 'mysecret', 'token', 'apikey', 'api-key',
  'example', 'sample', 'test', 'testing', 'dummy', 'fake', 'placeholder', 'redacted', 'none', 'null', 'nil', 'undefined',
  'todo', 'tbd', 'default', 'empty', 'unset', 'notset', 'not-set', 'true', 'false', 'yes', 'no', 'on', 'off', 'admin', 'root',
  'enabled', 'disabled', 'required', 'optional', 'random', 'generate', 'generated', 'auto',
]);

/**
 * True for values that stand for a secret rather than being one: template and environment
 * references, the usual filler words, masks and angle-bracket hints.
 */
export function isPlaceholder(value: string): boolean {
  const v = value.trim();
  if (v === '') return true;
  if (PLACEHOLDER_WORDS.has(v.toLowerCase())) return true;
  if (/\$\{[^}]*\}|\$\([A-Za-z_][A-Za-z0-9_]*\)|\{\{.*\}\}|^%[A-Za-z_][A-Za-z0-9_]*%$|^\$[A-Za-z_][A-Za-z0-9_]*$/.test(v)) return true;
  if (/^<[^>]*>$|^\[[^\]]*\]$/.test(v)) return true;
  if (/^(.)\1*$/.test(v)) return true; // xxxxxxxx, ********, 00000000
  if (/example|placeholder|change[-_ ]?me|replace[-_ ]?me|your[-_ ]|dummy|redacted|not[-_ ]?a[-_ ]?real/i.test(v)) return true;
  if (/^(your|my|some|the)[-_ ]?(password|passwd|pass|secret|token|api[-_ ]?key|key)$/i.test(v)) return true;
  return false;
}

interface Pattern {
  kind: CredentialKind;
  label: string;
  severity: Severity;
  re: RegExp;
  /** Index of the capture group that holds the secret part, checked against placeholders. */
  secretGroup?: number;
  /** Extra validation of the match (e.g. a JWT header must decode to JSON). */
  accept?: (m: RegExpExecArray, value: string) => boolean;
}

const PATTERNS: Pattern[] = [
  // Before the private key: a service-account JSON holds one, and is the more specific finding.
  {
    kind: 'gcp-service-account-key',
    label: 'GCP service account key',
    severity: 'critical',
    re: /"type"\s*:\s*"service_account"/,
    accept: (_m, value) => /"private_key"\s*:\s*"[^"]{40,}"/.test(value),
  },
  {
    kind: 'private-key',
    label: 'private key',
    severity: 'critical',
    re: /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----/,
    // A real key has a body; a bare header followed by "..." is documentation.
    accept: (m, value) => /[A-Za-z0-9+/=]{40,}/.test(value.slice(m.index + m[0].length).replace(/\\n|\s/g, '')),
  },
  {
    kind: 'aws-access-key-id',
    label: 'AWS access key ID',
    severity: 'high',
    re: /(?<![A-Z0-9])((?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16})(?![A-Z0-9])/,
    secretGroup: 1,
  },
  {
    kind: 'azure-storage-key',
    label: 'Azure storage account key',
    severity: 'critical',
    re: /AccountKey=([A-Za-z0-9+/]{86}==)/,
    secretGroup: 1,
  },
  {
    kind: 'azure-connection-string',
    label: 'Azure connection string with a shared access key',
    severity: 'high',
    re: /SharedAccessKey=([A-Za-z0-9+/]{43}=)/,
    secretGroup: 1,
  },
  {
    kind: 'azure-connection-string',
    label: 'Azure shared access signature',
    severity: 'high',
    re: /[?&;]sv=\d{4}-\d\d-\d\d.*[?&;]sig=([A-Za-z0-9%+/]{40,})/,
    secretGroup: 1,
  },
  {
    kind: 'azure-client-secret',
    label: 'Azure AD client secret',
    severity: 'high',
    re: /(?<![A-Za-z0-9_~.-])([A-Za-z0-9_~.]{3}\dQ~[A-Za-z0-9_~.-]{31,34})(?![A-Za-z0-9_~.-])/,
    secretGroup: 1,
  },
  { kind: 'github-token', label: 'GitHub token', severity: 'high', re: /(?<![A-Za-z0-9_])(gh[pousr]_[A-Za-z0-9]{36,251})(?![A-Za-z0-9_])/, secretGroup: 1 },
  { kind: 'github-token', label: 'GitHub fine-grained token', severity: 'high', re: /(?<![A-Za-z0-9_])(github_pat_[A-Za-z0-9_]{60,})/, secretGroup: 1 },
  { kind: 'gitlab-token', label: 'GitLab token', severity: 'high', re: /(?<![A-Za-z0-9_-])((?:glpat|glptt|gldt|glrt|glcbt|gloas)-[A-Za-z0-9_-]{20,})/, secretGroup: 1 },
  { kind: 'slack-token', label: 'Slack token', severity: 'high', re: /(?<![A-Za-z0-9])(xox[abposr]-[0-9A-Za-z-]{15,})/, secretGroup: 1 },
  {
    kind: 'slack-webhook',
    label: 'Slack webhook URL',
    severity: 'high',
    re: /https:\/\/hooks\.slack\.com\/(?:services|workflows)\/T[A-Z0-9]+\/[A-Z0-9]+\/([A-Za-z0-9]{20,})/,
    secretGroup: 1,
  },
  { kind: 'google-api-key', label: 'Google API key', severity: 'high', re: /(?<![A-Za-z0-9_-])(AIza[0-9A-Za-z_-]{35})(?![A-Za-z0-9_-])/, secretGroup: 1 },
  { kind: 'stripe-key', label: 'Stripe live key', severity: 'high', re: /(?<![A-Za-z0-9_])((?:sk|rk)_live_[0-9A-Za-z]{24,})/, secretGroup: 1 },
  {
    kind: 'jwt',
    label: 'JSON Web Token',
    severity: 'high',
    re: /(?<![A-Za-z0-9_-])(eyJ[A-Za-z0-9_-]{8,})\.(eyJ[A-Za-z0-9_-]{8,})\.([A-Za-z0-9_-]{16,})/,
    accept: (m) => {
      try {
        const header = JSON.parse(Buffer.from(m[1]!, 'base64url').toString('utf8'));
        return typeof header === 'object' && header !== null && ('alg' in header || 'typ' in header);
      } catch {
        return false;
      }
    },
  },
  {
    kind: 'url-password',
    label: 'password in a URL',
    severity: 'high',
    re: /^[A-Za-z][A-Za-z0-9+.-]*:\/\/[^\s:@/]*:([^\s@/]+)@/,
    secretGroup: 1,
  },
];

/** Splits `dbPassword`, `DB_PASSWORD`, `db.password` into upper-case words. */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w.toUpperCase());
}

const PASSWORD_WORDS = new Set(['PASSWORD', 'PASSWD', 'PASS', 'PWD', 'PASSPHRASE']);
const SECRET_WORDS = new Set(['SECRET', 'TOKEN', 'APIKEY', 'CREDENTIAL', 'CREDENTIALS', 'PRIVATEKEY', 'ACCESSKEY', 'SECRETKEY']);
/** `<word>_KEY` names that hold key material (`API_KEY`, `SIGNING_KEY`, ...), as opposed to `SORT_KEY`. */
const KEY_QUALIFIERS = new Set(['API', 'ACCESS', 'PRIVATE', 'SECRET', 'ENCRYPTION', 'SIGNING', 'MASTER', 'HMAC', 'ACCOUNT', 'STORAGE', 'SHARED', 'SESSION', 'CLIENT', 'AUTH', 'LICENSE', 'JWT']);
/**
 * Last words of names that hold something about a secret rather than the secret: where it is
 * (`PASSWORD_FILE`, `TOKEN_URL`), who it is for (`CLIENT_ID`), how it behaves (`TOKEN_TTL`).
 */
const NOT_A_VALUE = new Set([
  'FILE', 'FILES', 'PATH', 'DIR', 'DIRECTORY', 'URL', 'URI', 'ENDPOINT', 'HOST', 'HOSTNAME', 'PORT', 'ADDR', 'ADDRESS',
  'NAME', 'USER', 'USERNAME', 'LOGIN', 'ID', 'TYPE', 'KIND', 'MODE', 'ENABLED', 'ENABLE', 'DISABLED', 'DISABLE', 'REQUIRED',
  'LENGTH', 'LEN', 'SIZE', 'TTL', 'EXPIRY', 'EXPIRATION', 'EXPIRES', 'TIMEOUT', 'LIFETIME', 'DURATION', 'INTERVAL', 'PERIOD',
  'HEADER', 'REF', 'FORMAT', 'ALGORITHM', 'ALG', 'POLICY', 'LOCATION', 'ISSUER', 'AUDIENCE', 'SCOPE', 'SCOPES', 'VERSION',
  'PREFIX', 'SUFFIX', 'FIELD', 'PARAM', 'COUNT', 'SECONDS', 'MINUTES', 'HOURS', 'DAYS', 'MAX', 'MIN', 'SOURCE', 'PROVIDER',
  'BACKEND', 'STORE', 'NAMESPACE', 'MOUNT', 'ENV', 'VAR', 'METHOD', 'STRATEGY', 'HASH', 'HASHED', 'SALT', 'ROTATION', 'KEYS',
  'SECRETS', 'REFRESH', 'EXCHANGE', 'REVIEW', 'VALIDATION', 'VERIFY', 'CHECK', 'STRENGTH', 'AUTHENTICATION', 'ENCRYPTION', 'ENCODING', 'SCHEME',
  'PROTOCOL', 'STYLE', 'LEVEL', 'COMPLEXITY', 'ATTEMPTS',
]);

type NameClass = 'password' | 'secret' | undefined;

/** Cheap first test: a name without any of these fragments cannot be classified as secret. */
const SENSITIVE_FRAGMENT = /pass|pwd|secret|token|key|credential/i;

/** Whether a variable name says its value is a password or another secret. */
export function classifyName(name: string): NameClass {
  return SENSITIVE_FRAGMENT.test(name) ? classifyWords(nameWords(name)) : undefined;
}

function classifyWords(words: readonly string[]): NameClass {
  if (words.length === 0) return undefined;
  if (NOT_A_VALUE.has(words[words.length - 1]!)) return undefined;
  let cls: NameClass;
  words.forEach((w, i) => {
    if (PASSWORD_WORDS.has(w)) cls = 'password';
    else if (cls === undefined && (SECRET_WORDS.has(w) || (w === 'KEY' && i > 0 && KEY_QUALIFIERS.has(words[i - 1]!)))) cls = 'secret';
  });
  return cls;
}

/** A path, a URL without credentials, a number, a sentence: things a secret-named variable may hold that are not secrets. */
function isNonSecretShape(v: string): boolean {
  if (/^(\/|\.\.?\/|~\/|file:)/.test(v)) return true;
  if (/^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(v)) return true;
  if (/^[+-]?\d+(\.\d+)?[a-z]{0,2}$/i.test(v)) return true; // 3600, 30s, 1.5
  if (/\s/.test(v)) return true;
  return false;
}

/** Lower, upper, digit, symbol; `-`, `_` and `.` do not count, or every kebab-case object name would qualify. */
function characterClasses(v: string): number {
  return [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9._-]/].filter((re) => re.test(v)).length;
}

/** Thresholds of the name-based stage; exported so that tests and docs state the same numbers. */
export const THRESHOLDS = {
  /** A password-named variable: any non-placeholder literal at least this long. Passwords need not be random. */
  passwordMinLength: 6,
  /** Other secret-named variables: at least this long... */
  secretMinLength: 16,
  /** ...with at least this many bits of entropy per character... */
  secretMinEntropy: 3.0,
  /** ...and at least two character classes (lower, upper, digit, symbol), as generated secrets have. */
  secretMinClasses: 2,
  /** AWS secret access keys are 40 base64 characters; real ones measure about 4.5-5 bits per character. */
  awsSecretMinEntropy: 4.0,
};

/**
 * Looks at one name/value pair and says what kind of credential the value is, if any.
 * The result never contains the value or any part of it.
 */
export function detectCredential(name: string | undefined, value: string): CredentialMatch | undefined {
  if (typeof value !== 'string' || value.length < 6) return undefined;
  // Every format is at least 20 characters long, except a URL with a short password.
  const patterns = value.length >= 20 || value.includes('@');
  for (const p of patterns ? PATTERNS : []) {
    const m = p.re.exec(value);
    if (!m) continue;
    if (p.secretGroup !== undefined && isPlaceholder(m[p.secretGroup] ?? '')) continue;
    if (p.accept && !p.accept(m, value)) continue;
    return { kind: p.kind, label: p.label, severity: p.severity, confidence: 'high' };
  }
  if (!name || !SENSITIVE_FRAGMENT.test(name)) return undefined;
  const v = value.trim();
  const words = nameWords(name);
  const cls = classifyWords(words);
  if (cls === undefined || isPlaceholder(v) || isNonSecretShape(v)) return undefined;

  const aws = words.includes('AWS') || words.includes('AMAZON');
  if (aws && cls === 'secret' && /^[A-Za-z0-9/+]{40}$/.test(v) && shannonEntropy(v) >= THRESHOLDS.awsSecretMinEntropy) {
    return { kind: 'aws-secret-access-key', label: 'AWS secret access key', severity: 'critical', confidence: 'high' };
  }
  if (words.includes('AZURE') || words.includes('STORAGE')) {
    if (/^[A-Za-z0-9+/]{86}==$/.test(v)) return { kind: 'azure-storage-key', label: 'Azure storage account key', severity: 'critical', confidence: 'high' };
  }
  if (cls === 'password') {
    if (v.length < THRESHOLDS.passwordMinLength) return undefined;
    return { kind: 'password', label: 'password', severity: 'high', confidence: 'medium' };
  }
  if (
    v.length >= THRESHOLDS.secretMinLength &&
    shannonEntropy(v) >= THRESHOLDS.secretMinEntropy &&
    characterClasses(v) >= THRESHOLDS.secretMinClasses
  ) {
    const label = words.includes('AZURE') && words.includes('CLIENT') ? 'Azure client secret' : 'secret';
    return { kind: label === 'secret' ? 'generic-secret' : 'azure-client-secret', label, severity: label === 'secret' ? 'medium' : 'high', confidence: 'medium' };
  }
  return undefined;
}
