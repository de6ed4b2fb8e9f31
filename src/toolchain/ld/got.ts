/**
 * The static GOT: one 4-byte entry per (symbol, kind) that a GOT-using relocation
 * needs. Kinds: "addr" (R_386_GOT32/GOT32X: the symbol's address), "tpoff" (TLS IE:
 * the negative offset from the thread pointer), "tpoff_pos" (R_386_TLS_IE_32: the
 * positive offset). `_GLOBAL_OFFSET_TABLE_` is the start of .got. Entries are
 * planned before layout (to size .got) and filled after it.
 */

import { needsGotEntry, RELOCS } from "./reloc_info.ts";
import type { Resolver } from "./resolve.ts";
import { outputName } from "./sections.ts";
import type { LoadedObject, SymbolTable } from "./symbols.ts";

/** A GOT entry. */
export interface GotEntry {
  readonly slot: number;
  readonly kind: "addr" | "tpoff" | "tpoff_pos";
  readonly file: LoadedObject;
  readonly sym: number;
}

/** The planned GOT, keyed by `${kind}|${symbol key}`. */
export type Got = Map<string, GotEntry>;

/** A symbol reference: the object and its symbol index. */
export interface SymRef {
  readonly file: LoadedObject;
  readonly sym: number;
}

/** Identity of a GOT entry: its kind and the symbol (globals by name, locals by file and index). */
export function gotKey(kind: string, ref: SymRef): string {
  const { file, sym } = ref;
  const s = file.obj.symbols[sym];
  const id = s && s.binding !== "local" && s.name ? `g:${s.name}` : `l:${file.index}:${sym}`;
  return `${kind}|${id}`;
}

/** Scans kept allocated sections for relocations needing GOT entries. */
export function planGot(table: SymbolTable): Got {
  const got: Got = new Map();
  for (const file of table.files) {
    file.obj.sections.forEach((sec, i) => {
      if (file.discarded.has(i) || outputName(sec) === null) return;
      for (const r of sec.relocs) {
        const info = RELOCS.get(r.type);
        const kind = info && needsGotEntry(info.formula);
        if (!kind || r.symbol < 0) continue;
        const key = gotKey(kind, { file, sym: r.symbol });
        if (!got.has(key)) got.set(key, { slot: got.size, kind, file, sym: r.symbol });
      }
    });
  }
  return got;
}

/** How to fill the GOT: `tpoff(addr)` is the (negative) offset of addr from TP. */
export interface GotFill {
  readonly resolver: Resolver;
  readonly tpoff: (addr: number) => number;
}

/** Fills the GOT entries into `bytes` (the contents of .got). */
export function fillGot(got: Got, bytes: Uint8Array, fill: GotFill): void {
  const { resolver: r, tpoff } = fill;
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (const e of got.values()) {
    const v = r.target(e.file, e.sym);
    const s = v.kind === "defined" ? v.value : 0;
    const value = e.kind === "addr" ? s : e.kind === "tpoff" ? tpoff(s) : -tpoff(s);
    dv.setUint32(e.slot * 4, value >>> 0, true);
  }
}
