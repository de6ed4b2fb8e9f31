/**
 * denix's AT&T-syntax i386 assembler.
 *
 * Accepts what `gcc -S -m32` emits (and hand-written assembly): instructions from the
 * shared opcode table with GNU as's encoding choices and branch relaxation, labels,
 * numeric local labels, expressions and the usual directives.
 *
 * @example
 * ```ts
 * import { assemble, assembleFlat, writeElfObject } from "./mod.ts";
 * const obj = assemble("movl $1, %eax\nret\n", { fileName: "a.s" });
 * const elf = writeElfObject(obj); // ELF32 ET_REL bytes
 * const flat = assembleFlat("jmp 1f\n1: ret\n", { origin: 0x1000 }); // bytes eb 00 c3
 * ```
 *
 * Errors: both entry points throw `AsmError` whose `diagnostics` list every problem
 * with file, line and column; no other exception escapes for bad input.
 */

import { Assembler } from "./assembler.ts";
import { AsmError, type Diagnostic } from "./errors.ts";
import { errorsOf, finishFlat, finishObject, type FlatImage } from "./finish.ts";
import type { ObjectFile } from "./object.ts";

export { AsmError, type Diagnostic, format as formatDiagnostic } from "./errors.ts";
export type { FlatImage } from "./finish.ts";
export type * from "./object.ts";
export { RelocType } from "./object.ts";
export { writeElfObject } from "./elf_writer.ts";

/** Options for `assemble`. */
export interface AssembleOptions {
  /** Name used in diagnostics and the ELF file symbol (default "<input>"). */
  readonly fileName?: string;
  /** Receives warnings (assembly still succeeds). */
  readonly onWarning?: (d: Diagnostic) => void;
}

/** Options for `assembleFlat`. */
export interface FlatOptions extends AssembleOptions {
  /** Load address of the first byte (default 0). */
  readonly origin?: number;
}

function run<T>(source: string, opts: AssembleOptions, finish: (a: Assembler) => T): T {
  const a = new Assembler(opts.fileName ?? "<input>");
  let result: T | null = null;
  try {
    a.run(source);
    if (!errorsOf(a.diagnostics).length) result = finish(a);
  } catch (e) {
    a.report(e);
  }
  if (errorsOf(a.diagnostics).length || result === null) throw new AsmError(a.diagnostics);
  for (const d of a.diagnostics) opts.onWarning?.(d);
  return result;
}

/** Assembles `source` into a relocatable object. Throws AsmError on bad input. */
export function assemble(source: string, opts: AssembleOptions = {}): ObjectFile {
  return run(source, opts, finishObject);
}

/** Assembles `source` into a flat binary loaded at `origin`. Throws AsmError on bad input. */
export function assembleFlat(source: string, opts: FlatOptions = {}): FlatImage {
  return run(source, opts, (a) => finishFlat(a, opts.origin ?? 0));
}
