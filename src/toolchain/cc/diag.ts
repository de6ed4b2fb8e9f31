/**
 * Diagnostics of the C compiler. Every user-visible error carries a location
 * (file, 1-based line and column) and is rendered gcc-style:
 *
 *   t.c:3:9: error: expected ';'
 *       x = 1
 *           ^
 *
 * Contract: compiler stages throw CompileError for anything they cannot
 * handle; the driver catches it and turns it into a Diagnostic. Nothing else
 * (no TypeError, no RangeError) may escape for malformed input.
 */

/** A source file as read: name (as shown in diagnostics) and full text. */
export interface SrcFile {
  readonly name: string;
  readonly text: string;
}

/** A position inside a source file. */
export interface Loc {
  readonly file: SrcFile;
  /** Physical 1-based line in `file.text`. */
  readonly line: number;
  readonly col: number;
  /** File name and line as set by `#line`, when it differs from the physical one. */
  readonly presumed?: { readonly name: string; readonly line: number };
}

/** One rendered message of the compiler. */
export interface Diagnostic {
  readonly severity: "error" | "warning";
  readonly fileName: string;
  readonly line: number;
  readonly col: number;
  readonly message: string;
  /** The full gcc-style text: header line, source line, caret line. */
  readonly text: string;
}

/** The single error type thrown by all compiler stages. */
export class CompileError extends Error {
  constructor(readonly loc: Loc | undefined, message: string) {
    super(message);
  }
}

/** Throws a CompileError at `loc`. */
export function fail(loc: Loc | undefined, message: string): never {
  throw new CompileError(loc, message);
}

/** Renders a message at `loc` with its source line and a caret. */
export function diagnostic(
  loc: Loc | undefined,
  severity: "error" | "warning",
  message: string,
): Diagnostic {
  if (!loc) {
    return {
      severity,
      fileName: "<cc>",
      line: 0,
      col: 0,
      message,
      text: `cc: ${severity}: ${message}`,
    };
  }
  const lineText = loc.file.text.split("\n")[loc.line - 1] ?? "";
  const caret = lineText.slice(0, loc.col - 1).replace(/[^\t]/g, " ") + "^";
  const name = loc.presumed?.name ?? loc.file.name;
  const line = loc.presumed?.line ?? loc.line;
  const text = `${name}:${line}:${loc.col}: ${severity}: ${message}\n${lineText}\n${caret}`;
  return { severity, fileName: name, line, col: loc.col, message, text };
}
