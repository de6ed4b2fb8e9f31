/**
 * The link driver: load inputs and resolve symbols, plan the GOT, lay out, relocate,
 * build the symbol table and write the executable. See mod.ts for the public contract.
 */

import { LinkError } from "./errors.ts";
import { planGot } from "./got.ts";
import { planIfuncs } from "./ifunc.ts";
import { layout } from "./layout.ts";
import { linkerSymbols } from "./linker_symbols.ts";
import { type ArchiveMode, type LinkInput, loadInputs } from "./load.ts";
import { relocate } from "./relocate.ts";
import { Resolver } from "./resolve.ts";
import { SymbolTable } from "./symbols.ts";
import { buildSymtab } from "./symtab_out.ts";
import { writeExecutable } from "./elf_exec.ts";

/** Options for `link`. */
export interface LinkOptions {
  /** Entry symbol (default "_start"); missing → warning, entry = start of .text. */
  readonly entry?: string;
  /** Leave out .symtab/.strtab and .debug_* (like `ld -s`). */
  readonly strip?: boolean;
  /** Address of the first byte of the file (default 0x08048000); must be page-aligned. */
  readonly base?: number;
  /** "in-order" (GNU default) or "grouped" (every archive rescanned, like --start-group). */
  readonly archives?: ArchiveMode;
  /** Receives warnings (the link still succeeds). */
  readonly onWarning?: (message: string) => void;
}

/** Links relocatable objects and archives into an ELF32 i386 executable. Throws LinkError. */
export function link(inputs: readonly LinkInput[], options: LinkOptions = {}): Uint8Array {
  const base = options.base ?? 0x08048000;
  if (base % 0x1000) {
    throw new LinkError("usage", [`base address 0x${base.toString(16)} is not page-aligned`]);
  }
  const entryName = options.entry ?? "_start";
  const table = new SymbolTable();
  table.reference(entryName);
  loadInputs(inputs, table, options.archives ?? "in-order");
  if (table.duplicates.length) throw new LinkError("duplicate", table.duplicates);
  if (!table.defs.has(entryName)) table.refs.delete(entryName);
  const got = planGot(table);
  const ifuncs = planIfuncs(table);
  const synth = { got: (got.size + ifuncs.defs.length) * 4, ifuncs: ifuncs.defs.length };
  const lay = layout(table, { base, synth, debug: options.strip ? "drop" : "keep" });
  const resolver = new Resolver({ table, layout: lay, provided: linkerSymbols(lay), ifuncs });
  const contents = relocate({ layout: lay, resolver, got });
  const entry = resolveEntry(resolver, entryName, options);
  const symtab = options.strip ? null : buildSymtab(resolver);
  return writeExecutable(lay, { contents, entry, symtab });
}

/** Address of the entry symbol, or the start of .text with a warning (as GNU ld). */
function resolveEntry(r: Resolver, name: string, options: LinkOptions): number {
  const entry = r.global(name);
  if (entry.kind === "defined") return entry.value;
  const text = r.layout.section(".text")!.addr;
  const hex = text.toString(16).padStart(8, "0");
  options.onWarning?.(`cannot find entry symbol ${name}; defaulting to 0x${hex}`);
  return text;
}
