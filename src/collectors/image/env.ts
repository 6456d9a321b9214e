/**
 * Credentials in an image config's `Env`. Only the variable's name and position are kept; the
 * value is looked at here, once, and never stored, printed or cached.
 */
export interface EnvEntry {
  index: number;
  name: string;
  /** Why the variable looks like it carries a credential, when it does. */
  credential?: string;
}

const SECRET_NAME = /(^|_)(PASSWORD|PASSWD|PASS|SECRET|TOKEN|API_?KEY|ACCESS_?KEY|PRIVATE_?KEY|CREDENTIALS?|AUTH)(_|$)/i;
// Names that match the pattern above but hold a location, not a secret.
const NOT_SECRET_NAME = /(_FILE|_PATH|_DIR|_URL_FILE)$|^(PASSWORD_STORE_DIR|GPG_KEY)$/i;
const VALUE_PATTERNS: [RegExp, string][] = [
  [/\bAKIA[0-9A-Z]{16}\b/, 'an AWS access key id'],
  [/\bgh[pousr]_[A-Za-z0-9]{36,}\b/, 'a GitHub token'],
  [/\bglpat-[A-Za-z0-9_-]{20,}\b/, 'a GitLab token'],
  [/\bxox[abpors]-[A-Za-z0-9-]{10,}/, 'a Slack token'],
  [/-----BEGIN [A-Z ]*PRIVATE KEY-----/, 'a private key'],
  [/\beyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/, 'a JSON Web Token'],
  [/^[a-z][a-z0-9+.-]*:\/\/[^/\s:@]+:[^/\s@]+@/i, 'a URL with a password'],
];

export function classifyEnv(env: readonly string[] | undefined): EnvEntry[] {
  if (!Array.isArray(env)) return [];
  return env.map((raw, index) => {
    const text = String(raw);
    const eq = text.indexOf('=');
    const name = eq === -1 ? text : text.slice(0, eq);
    const value = eq === -1 ? '' : text.slice(eq + 1);
    const entry: EnvEntry = { index, name };
    for (const [re, what] of VALUE_PATTERNS) {
      if (re.test(value)) {
        entry.credential = `its value looks like ${what}`;
        return entry;
      }
    }
    // A secret-sounding name with a non-trivial value that is not a reference to somewhere else.
    if (SECRET_NAME.test(name) && !NOT_SECRET_NAME.test(name) && value.length >= 8 && !/^\$\{?\w+\}?$/.test(value) && !value.startsWith('/')) {
      entry.credential = `its name says it holds a credential and it has a ${value.length}-character value`;
    }
    return entry;
  });
}
