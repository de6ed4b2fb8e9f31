/**
 * GNU indirect functions (STT_GNU_IFUNC) in a static link, as GNU ld does it: every
 * IFUNC symbol that a kept relocation references gets
 *   - a GOT slot (after the ordinary GOT entries) holding the resolver's address,
 *   - a 16-byte stub in .iplt, `jmp *slot`, which becomes the function's address for
 *     every reference (calls, address-of, GOT entries),
 *   - an R_386_IRELATIVE entry in .rel.iplt for the slot.
 * The C library's startup (glibc's apply_irel) walks __rel_iplt_start..__rel_iplt_end,
 * calls each resolver and stores the result in the slot.
 */

import type { Layout } from "./layout.ts";
import { RELOCS } from "./reloc_info.ts";
import { outputName } from "./sections.ts";
import type { LoadedObject, SymbolTable } from "./symbols.ts";

/** Bytes per .iplt stub. */
export const IPLT_ENTRY = 16;
const R_386_IRELATIVE = 42;

/** IFUNC definitions by identity ("g:name" or "l:file:sym") → stub index. */
export interface IfuncPlan {
  readonly index: ReadonlyMap<string, number>;
  /** The defining (file, symbol) of each stub, in index order. */
  readonly defs: readonly { readonly file: LoadedObject; readonly sym: number }[];
}

/** The IFUNC definition a reference (file, sym) resolves to, if any. */
export function ifuncDef(table: SymbolTable, file: LoadedObject, sym: number) {
  const s = file.obj.symbols[sym];
  if (!s) return null;
  if (s.binding === "local" || !s.name) {
    return file.ifuncs.has(sym) ? { key: `l:${file.index}:${sym}`, file, sym } : null;
  }
  const d = table.defs.get(s.name);
  return d && d.file.ifuncs.has(d.sym) ? { key: `g:${s.name}`, file: d.file, sym: d.sym } : null;
}

/** Finds the IFUNC symbols referenced by kept allocated sections. */
export function planIfuncs(table: SymbolTable): IfuncPlan {
  const index = new Map<string, number>();
  const defs: IfuncPlan["defs"][number][] = [];
  for (const file of table.files) {
    if (!hasAnyIfunc(table, file)) continue;
    file.obj.sections.forEach((sec, i) => {
      if (file.discarded.has(i) || outputName(sec) === null) return;
      for (const r of sec.relocs) {
        const d = RELOCS.has(r.type) && r.symbol >= 0 ? ifuncDef(table, file, r.symbol) : null;
        if (!d || index.has(d.key)) continue;
        index.set(d.key, defs.length);
        defs.push({ file: d.file, sym: d.sym });
      }
    });
  }
  return { index, defs };
}

/** Cheap pre-check: does this file reference or define any IFUNC? */
function hasAnyIfunc(table: SymbolTable, file: LoadedObject): boolean {
  if (file.ifuncs.size) return true;
  return file.obj.symbols.some((s) => {
    const d = s.binding !== "local" && s.name ? table.defs.get(s.name) : undefined;
    return d !== undefined && d.file.ifuncs.has(d.sym);
  });
}

/** Address of stub `i`. */
export function stubAddress(l: Layout, i: number): number {
  return l.section(".iplt")!.addr + IPLT_ENTRY * i;
}

/** The section contents `fillIfuncs` writes, and where the resolvers are. */
export interface IfuncParts {
  readonly count: number;
  readonly iplt: Uint8Array;
  readonly rel: Uint8Array;
  /** Contents of .got; the IFUNC slots start at byte `gotBase`. */
  readonly got: Uint8Array;
  readonly gotBase: number;
  /** Address of stub i's resolver. */
  readonly resolverOf: (i: number) => number;
}

/** Fills .iplt stubs, .rel.iplt entries and the IFUNC GOT slots. */
export function fillIfuncs(l: Layout, parts: IfuncParts): void {
  const { count, resolverOf } = parts;
  const got = l.section(".got")!;
  const iplt = new DataView(parts.iplt.buffer, parts.iplt.byteOffset, parts.iplt.byteLength);
  const rel = new DataView(parts.rel.buffer, parts.rel.byteOffset, parts.rel.byteLength);
  const gotv = new DataView(parts.got.buffer, parts.got.byteOffset, parts.got.byteLength);
  for (let i = 0; i < count; i++) {
    const slot = got.addr + parts.gotBase + 4 * i;
    parts.iplt.fill(0x90, i * IPLT_ENTRY, (i + 1) * IPLT_ENTRY);
    iplt.setUint16(i * IPLT_ENTRY, 0x25ff, true); // jmp *slot
    iplt.setUint32(i * IPLT_ENTRY + 2, slot >>> 0, true);
    rel.setUint32(8 * i, slot >>> 0, true);
    rel.setUint32(8 * i + 4, R_386_IRELATIVE, true);
    gotv.setUint32(parts.gotBase + 4 * i, resolverOf(i) >>> 0, true);
  }
}
