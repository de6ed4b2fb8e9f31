/**
 * Final symbol values once layout is done. `Resolver.value(file, sym)` answers what a
 * relocation in `file` naming symbol `sym` refers to:
 *
 * - locals: their section's output address + value (or absolute value);
 * - globals: the winning definition (COMMON from the .bss allocation), else a
 *   linker-provided symbol, else "weak-undef" (value 0) when every reference is weak,
 *   else "undefined";
 * - symbols in COMDAT-discarded or non-allocated sections: "discarded".
 *
 * `target(file, sym)` is what relocations use: the same, except that IFUNC symbols
 * resolve to their .iplt stub (ifunc.ts).
 */

import type { ObjSymbol } from "../as/object.ts";
import type { Layout } from "./layout.ts";
import { ifuncDef, type IfuncPlan, stubAddress } from "./ifunc.ts";
import type { LinkerSymbol } from "./linker_symbols.ts";
import type { LoadedObject, SymbolTable } from "./symbols.ts";

/** What a symbol reference resolves to. */
export type SymValue =
  | { readonly kind: "defined"; readonly value: number; readonly tls: boolean }
  | { readonly kind: "weak-undef" | "undefined" | "discarded" };

/** Resolves symbol references after layout. */
export class Resolver {
  readonly table: SymbolTable;
  readonly layout: Layout;
  readonly provided: ReadonlyMap<string, LinkerSymbol>;
  readonly ifuncs: IfuncPlan;

  /** Creates a resolver over a finished layout. */
  constructor(parts: {
    table: SymbolTable;
    layout: Layout;
    provided: ReadonlyMap<string, LinkerSymbol>;
    ifuncs: IfuncPlan;
  }) {
    this.table = parts.table;
    this.layout = parts.layout;
    this.provided = parts.provided;
    this.ifuncs = parts.ifuncs;
  }

  /** Value of a reference for relocation: IFUNC symbols go to their stub. */
  target(file: LoadedObject, sym: number): SymValue {
    const v = this.value(file, sym);
    if (v.kind !== "defined" || !this.ifuncs.defs.length) return v;
    const d = ifuncDef(this.table, file, sym);
    const i = d ? this.ifuncs.index.get(d.key) : undefined;
    return i === undefined
      ? v
      : { kind: "defined", value: stubAddress(this.layout, i), tls: false };
  }

  /** Value of symbol `sym` (index into file's symbols, -1 = none) as seen from `file`. */
  value(file: LoadedObject, sym: number): SymValue {
    if (sym < 0) return { kind: "defined", value: 0, tls: false };
    const s = file.obj.symbols[sym];
    if (s.binding === "local" || !s.name) return this.local(file, s);
    return this.global(s.name, s.binding === "weak");
  }

  /** Value of a global name; `weakRef` if the asking reference is weak. */
  global(name: string, weakRef = false): SymValue {
    const def = this.table.defs.get(name);
    if (def) {
      if (def.strength === "common") {
        const bss = this.layout.section(".bss")!;
        return { kind: "defined", value: bss.addr + this.layout.commons.get(name)!, tls: false };
      }
      return this.local(def.file, def.file.obj.symbols[def.sym]);
    }
    const p = this.provided.get(name);
    if (p) return { kind: "defined", value: p.value, tls: false };
    return weakRef || this.table.refs.get(name) === "weak"
      ? { kind: "weak-undef" }
      : { kind: "undefined" };
  }

  /** Identity of a symbol for GOT entries: globals by name, locals by file and index. */
  key(file: LoadedObject, sym: number): string {
    const s = file.obj.symbols[sym];
    return s && s.binding !== "local" && s.name ? `g:${s.name}` : `l:${file.index}:${sym}`;
  }

  private local(file: LoadedObject, s: ObjSymbol): SymValue {
    if (s.section === "abs") return { kind: "defined", value: s.value >>> 0, tls: false };
    if (s.section === "undef" || s.section === "common") return this.global(s.name);
    const piece = this.layout.piece(file.index, s.section);
    if (!piece) return { kind: "discarded" };
    const out = piece.out;
    const tls = s.type === "tls" || piece.sec.flags.tls;
    return { kind: "defined", value: (out.addr + piece.offset + s.value) >>> 0, tls };
  }
}
