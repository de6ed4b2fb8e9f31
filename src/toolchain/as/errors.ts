/**
 * Assembler diagnostics.
 *
 * Every problem the assembler finds in its input becomes a `Diagnostic` carrying the
 * file name, 1-based line and column, and a message; `format()` renders it GNU style
 * ("file.s:12:7: error: unknown instruction 'movq'"). Parsing collects diagnostics and
 * keeps going; at the end `assemble()` throws one `AsmError` holding all errors. Inside
 * the assembler a single bad statement is reported by throwing `LineError`, which the
 * statement loop catches and converts; nothing else is expected to escape.
 */

/** Where in the source a diagnostic points. */
export interface SrcLoc {
  readonly file: string;
  readonly line: number;
  readonly col: number;
}

/** Severity of a diagnostic. */
export type Severity = "error" | "warning";

/** One message about the input. */
export interface Diagnostic extends SrcLoc {
  readonly severity: Severity;
  readonly message: string;
}

/** Renders a diagnostic as "file:line:col: severity: message". */
export function format(d: Diagnostic): string {
  return `${d.file}:${d.line}:${d.col}: ${d.severity}: ${d.message}`;
}

/** Thrown by `assemble`/`assembleFlat` when the input has errors. */
export class AsmError extends Error {
  /** All diagnostics (errors and warnings), in source order. */
  readonly diagnostics: readonly Diagnostic[];

  constructor(diagnostics: readonly Diagnostic[]) {
    super(diagnostics.filter((d) => d.severity === "error").map(format).join("\n"));
    this.name = "AsmError";
    this.diagnostics = diagnostics;
  }
}

/** Internal: one statement is wrong; caught by the statement loop. */
export class LineError extends Error {
  readonly loc: SrcLoc | null;

  constructor(message: string, loc: SrcLoc | null = null) {
    super(message);
    this.name = "LineError";
    this.loc = loc;
  }
}
