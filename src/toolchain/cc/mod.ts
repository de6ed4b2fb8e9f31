/**
 * denix cc — the C compiler of the denix toolchain.
 *
 * Pipeline: preprocess (pp/) → parse into a typed tree (parse/) → generate
 * i386 AT&T assembly (gen/). `compile` is the library entry; `ccMain` is the
 * `denix cc` command line.
 *
 * @example
 * ```ts
 * const { asm, diagnostics } = compile("int main(void) { return 42; }", { fileName: "t.c" });
 * ```
 */
import { CompileError, type Diagnostic, diagnostic } from "./diag.ts";
import { preprocess } from "./pp/preprocess.ts";
import { parseProgram } from "./parse/program.ts";
import { generate } from "./gen/data.ts";
import type { Token } from "./lexer.ts";

export type { Diagnostic } from "./diag.ts";
export { ccMain } from "./cli.ts";

/** Options of `compile`. */
export interface CompileOptions {
  readonly fileName: string;
  readonly includeDirs?: readonly string[];
  readonly systemDirs?: readonly string[];
  readonly defines?: Readonly<Record<string, string>>;
  /** Reads an included file; defaults to Deno.readTextFileSync (undefined when missing). */
  readonly readFile?: (path: string) => string | undefined;
  /** Stop after preprocessing (`-E`): `asm` then holds the preprocessed text. */
  readonly preprocessOnly?: boolean;
  /** 0: every variable lives in memory (easier to debug); 1 (default): register allocation. */
  readonly optimize?: 0 | 1;
}

/** Result of `compile`: assembly text (empty on error) and diagnostics. */
export interface CompileResult {
  readonly asm: string;
  readonly diagnostics: Diagnostic[];
  readonly ok: boolean;
}

/** Reads a host file, or undefined when it cannot be read. */
export function readHostFile(path: string): string | undefined {
  try {
    return Deno.readTextFileSync(path);
  } catch {
    return undefined;
  }
}

/** Compiles one C translation unit to assembly. Never throws for bad input. */
export function compile(source: string, options: CompileOptions): CompileResult {
  const diagnostics: Diagnostic[] = [];
  try {
    const toks = preprocess({ name: options.fileName, text: source }, {
      includeDirs: options.includeDirs ?? [],
      systemDirs: options.systemDirs ?? [],
      defines: options.defines ?? {},
      readFile: options.readFile ?? readHostFile,
    }, diagnostics);
    if (options.preprocessOnly) return { asm: renderTokens(toks), diagnostics, ok: true };
    const globals = parseProgram(toks);
    return {
      asm: generate(globals, options.fileName, options.optimize ?? 1),
      diagnostics,
      ok: true,
    };
  } catch (e) {
    if (!(e instanceof CompileError)) {
      const msg = e instanceof RangeError
        ? "program too complex (nesting too deep)"
        : `internal compiler error: ${e}`;
      diagnostics.push(diagnostic(undefined, "error", msg));
    } else diagnostics.push(diagnostic(e.loc, "error", e.message));
    return { asm: "", diagnostics, ok: false };
  }
}

/** Renders preprocessed tokens as text, one output line per source line. */
export function renderTokens(toks: readonly Token[]): string {
  let out = "";
  let line = -1, file = "";
  for (const t of toks) {
    if (t.kind === "eof") break;
    const name = t.loc.presumed?.name ?? t.loc.file.name;
    const ln = t.loc.presumed?.line ?? t.loc.line;
    if (name !== file) {
      out += `${out ? "\n" : ""}# ${ln} "${name}"\n`;
      file = name, line = ln;
    } else if (ln !== line && t.bol) {
      out += ln > line && ln - line < 8 ? "\n".repeat(ln - line) : `\n# ${ln} "${name}"\n`;
      line = ln;
    } else if (t.space) out += " ";
    out += t.text;
  }
  return out + "\n";
}
