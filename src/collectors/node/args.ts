/**
 * Reader for Canonical Kubernetes service argument files (`/var/snap/k8s/common/args/<service>`).
 *
 * k8sd writes one `--key="value"` per line, sorted; admins append `--key=value` without quotes.
 * The snap wrapper hands the file to bash (`declare -a args="($(cat file))"`), so quotes are
 * removed and every line becomes one argument. We follow k8sd's own reader: `--key=value`,
 * `--key value` and `--key="value"`, `#` comments and blank lines skipped.
 */

export interface FlagOccurrence {
  value: string;
  /** 1-based line in the file (or index+1 in a command list). */
  line: number;
  /** The text as written, for evidence. */
  raw: string;
}

export interface ParsedArgs {
  /** Every occurrence per flag name (with the leading dashes), in file order. */
  flags: Map<string, FlagOccurrence[]>;
  /** Lines that are not flags. */
  problems: { line: number; text: string }[];
}

/** Flags whose repeated occurrences add up (Go string-slice flags); for the rest the last one wins. */
export const LIST_FLAGS = new Set([
  '--enable-admission-plugins',
  '--disable-admission-plugins',
  '--tls-cipher-suites',
  '--authorization-mode',
  '--feature-gates',
  '--service-account-issuer',
  '--service-account-key-file',
]);

function unquote(v: string): string {
  const t = v.trim();
  if (t.length >= 2 && ((t.startsWith('"') && t.endsWith('"')) || (t.startsWith("'") && t.endsWith("'")))) return t.slice(1, -1);
  return t;
}

/** Splits one argument (`--k=v`, `--k v`, `--k="v"`, `--k`) into name and value. */
export function splitArgument(arg: string): { name: string; value: string } | undefined {
  const m = /^(--?[A-Za-z0-9][\w.-]*)(?:[= ](.*))?$/s.exec(arg.trim());
  if (!m) return undefined;
  const name = m[1]!.startsWith('--') ? m[1]! : `-${m[1]!}`;
  return { name, value: m[2] === undefined ? 'true' : unquote(m[2]) };
}

export function parseArgsText(text: string): ParsedArgs {
  const flags = new Map<string, FlagOccurrence[]>();
  const problems: ParsedArgs['problems'] = [];
  const lines = text.split(/\r?\n/);
  lines.forEach((rawLine, i) => {
    const line = rawLine.trim();
    if (line === '' || line.startsWith('#')) return;
    const parsed = splitArgument(line);
    if (!parsed) {
      problems.push({ line: i + 1, text: line.length > 80 ? `${line.slice(0, 80)}…` : line });
      return;
    }
    let list = flags.get(parsed.name);
    if (!list) flags.set(parsed.name, (list = []));
    list.push({ value: parsed.value, line: i + 1, raw: line });
  });
  return { flags, problems };
}

/** The value the binary sees: the last occurrence, or all of them joined for list flags. */
export function effectiveValue(name: string, occurrences: readonly FlagOccurrence[]): string {
  if (occurrences.length === 1 || !LIST_FLAGS.has(name)) return occurrences[occurrences.length - 1]!.value;
  return occurrences.map((o) => o.value).filter((v) => v !== '').join(',');
}
