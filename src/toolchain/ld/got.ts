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

/** Identity of a symbol for GOT sharing (before layout; same rule as Resolver.key). */
export function gotKey(kind: string, file: LoadedObject, sym: number): string {
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
        const key = gotKey(kind, file, r.symbol);
        if (!got.has(key)) got.set(key, { slot: got.size, kind, file, sym: r.symbol });
      }
    });
  }
  return got;
}

/** Fills the GOT contents; `tpoff(addr)` is the (negative) offset of addr from TP. */
export function fillGot(
  got: Got,
  r: Resolver,
  bytes: Uint8Array,
  tpoff: (a: number) => number,
): void {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (const e of got.values()) {
    const v = r.target(e.file, e.sym);
    const s = v.kind === "defined" ? v.value : 0;
    const value = e.kind === "addr" ? s : e.kind === "tpoff" ? tpoff(s) : -tpoff(s);
    dv.setUint32(e.slot * 4, value >>> 0, true);
  }
}
