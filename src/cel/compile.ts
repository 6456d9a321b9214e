import { isCelError, parse, plan } from '@bufbuild/cel';
import { rampartCelEnv } from './env.js';
import { fromCel, toCel } from './values.js';

/** Where an expression is written, so that compile errors point at the file and line. */
export interface ExpressionOrigin {
  file?: string;
  line?: number;
  column?: number;
  /** Maps a 1-based line and column within the expression to the file (for block scalars). */
  map?: (line: number, column: number) => { line: number; column: number };
}

export class CelCompileError extends Error {
  constructor(
    message: string,
    readonly file: string | undefined,
    readonly line: number | undefined,
    readonly column: number | undefined,
  ) {
    super(message);
    this.name = 'CelCompileError';
  }
}

/** A runtime error of an expression (a missing field, a type mismatch): the rule's error, never a crash. */
export class CelEvalError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CelEvalError';
  }
}

export interface CompiledExpression {
  source: string;
  /** Evaluates with JSON bindings (e.g. `{ object, oldObject, request, params }`). */
  evaluate(bindings: Record<string, unknown>): unknown;
}

/**
 * Parses and plans a CEL expression once. A syntax error becomes a {@link CelCompileError} whose
 * line and column are those of the file, computed from the expression's origin.
 */
export function compileExpression(source: string, origin: ExpressionOrigin = {}): CompiledExpression {
  let parsed;
  try {
    parsed = parse(source);
  } catch (err) {
    const e = err as { rawMessage?: string; message: string };
    const m = /<input>:(\d+):(\d+):\s*(.*)$/s.exec(e.message);
    const exprLine = m ? Number(m[1]) : 1;
    const exprCol = m ? Number(m[2]) : 1;
    const mapped = origin.map?.(exprLine, exprCol);
    const line = mapped?.line ?? (origin.line !== undefined ? origin.line + exprLine - 1 : undefined);
    const column = mapped?.column ?? (exprLine === 1 && origin.column !== undefined ? origin.column + exprCol - 1 : exprCol);
    const where = origin.file ? `${origin.file}:${line ?? '?'}:${column}: ` : '';
    throw new CelCompileError(`${where}CEL syntax error: ${m ? m[3] : e.message}`, origin.file, line, column);
  }
  const run = plan(rampartCelEnv(), parsed);
  return {
    source,
    evaluate(bindings) {
      const input: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(bindings)) input[k] = toCel(v);
      let result;
      try {
        result = run(input as never);
      } catch (err) {
        throw new CelEvalError((err as Error).message);
      }
      if (isCelError(result)) throw new CelEvalError(result.message);
      return fromCel(result);
    },
  };
}
