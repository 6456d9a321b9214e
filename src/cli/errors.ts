/** Exit codes that CI can trust; documented in the README. */
export const EXIT = {
  ok: 0,
  /** Something at or above `--fail-on` was found. */
  findings: 1,
  /** Usage or input error (bad flag, unreadable or malformed input). */
  usage: 2,
} as const;

/** An error whose message is for the user; printed without a stack trace. */
export class UserError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT.usage,
  ) {
    super(message);
    this.name = 'UserError';
  }
}
