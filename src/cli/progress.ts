/**
 * One status line on standard error while a cluster is listed, redrawn in place; only on a
 * terminal, so that logs and CI output stay clean. Throttled: a big list reports every page.
 */
export interface ProgressLine {
  update(text: string): void;
  done(text?: string): void;
}

export function progressLine(enabled = Boolean(process.stderr.isTTY) && process.env.TERM !== 'dumb'): ProgressLine {
  let last = 0;
  let shown = false;
  const width = () => Math.max(20, (process.stderr.columns ?? 80) - 1);
  return {
    update(text) {
      if (!enabled) return;
      const now = Date.now();
      if (now - last < 80) return;
      last = now;
      shown = true;
      process.stderr.write(`\r\x1b[2K${text.slice(0, width())}`);
    },
    done(text) {
      if (!enabled) return;
      if (shown) process.stderr.write('\r\x1b[2K');
      if (text) process.stderr.write(`${text}\n`);
    },
  };
}
