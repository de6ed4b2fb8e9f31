/**
 * Symbols the linker defines (GNU ld's PROVIDE list for i386 static executables),
 * computed from the layout. Each is defined only when some object references it and
 * no object defines it.
 *
 * Also: __start_SECNAME / __stop_SECNAME for orphan output sections whose name is a
 * C identifier, and _GLOBAL_OFFSET_TABLE_ at the start of .got.
 */

import type { Layout, OutSection } from "./layout.ts";

/** A linker-defined symbol: its address and the output section it belongs to (or null = absolute). */
export interface LinkerSymbol {
  readonly value: number;
  readonly out: OutSection | null;
}

/** Computes every symbol the linker can provide for this layout. */
export function linkerSymbols(l: Layout): Map<string, LinkerSymbol> {
  const m = new Map<string, LinkerSymbol>();
  const start = (name: string) => ({ value: l.section(name)!.addr, out: l.section(name)! });
  const end = (name: string) => {
    const o = l.section(name)!;
    return { value: o.addr + (o.tls && o.type === 8 ? 0 : o.size), out: o };
  };
  const textEnd = endOf(l.outs.filter((o) => o.segment === "text" && o.exec));
  const dataEnd = endOf(l.outs.filter((o) => o.segment === "data" && o.type !== 8 && !o.tls));
  const bssEnd = endOf(l.outs.filter((o) => o.segment === "data" && !o.tls));
  const set = (names: string[], v: LinkerSymbol) => names.forEach((n) => m.set(n, v));
  set(["__executable_start", "__ehdr_start"], { value: l.base, out: null });
  set(["_etext", "etext", "__etext"], { value: textEnd ?? l.base, out: null });
  set(["_edata", "edata", "__bss_start"], {
    value: dataEnd ?? l.text.vaddr + l.text.memsz,
    out: null,
  });
  set(["_end", "end"], { value: Math.ceil((bssEnd ?? dataEnd ?? 0) / 4) * 4, out: null });
  for (const a of ["preinit_array", "init_array", "fini_array"]) {
    m.set(`__${a}_start`, start(`.${a}`));
    m.set(`__${a}_end`, end(`.${a}`));
  }
  m.set("__rel_iplt_start", start(".rel.iplt"));
  m.set("__rel_iplt_end", end(".rel.iplt"));
  m.set("_GLOBAL_OFFSET_TABLE_", start(".got"));
  for (const o of l.outs) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(o.name)) continue;
    m.set(`__start_${o.name}`, start(o.name));
    m.set(`__stop_${o.name}`, end(o.name));
  }
  return m;
}

function endOf(outs: OutSection[]): number | null {
  return outs.length ? Math.max(...outs.map((o) => o.addr + o.size)) : null;
}
