/**
 * The executable's .symtab/.strtab, ordered like GNU ld's: the null symbol; per input
 * object its STT_FILE symbol and local symbols; then hidden/internal globals turned
 * local; then global and weak symbols (definitions, linker-provided symbols that were
 * referenced, and undefined weak references). Section symbols are not emitted.
 * STT_TLS values are offsets in the TLS segment, as the gABI requires for executables.
 */

import type { ObjSymbol } from "../as/object.ts";
import type { Layout } from "./layout.ts";
import type { Resolver } from "./resolve.ts";
import type { LoadedObject } from "./symbols.ts";

/** Encoded symbol and string tables. */
export interface SymtabBytes {
  readonly symtab: Uint8Array;
  readonly strtab: Uint8Array;
  /** Index of the first non-local symbol (sh_info of .symtab). */
  readonly firstGlobal: number;
}

interface Entry {
  name: string;
  value: number;
  size: number;
  info: number;
  shndx: number;
}

const STB = { local: 0, global: 1, weak: 2 } as const;
const STT = { notype: 0, object: 1, func: 2, section: 3, file: 4, tls: 6 } as const;
const SHN_ABS = 0xfff1;
const STT_GNU_IFUNC = 10;

/** Builds the output symbol table. */
export function buildSymtab(r: Resolver): SymtabBytes {
  const locals: Entry[] = [], hidden: Entry[] = [], globals: Entry[] = [];
  for (const file of r.table.files) locals.push(...fileLocals(r, file));
  for (const [name, def] of r.table.defs) {
    const s = def.file.obj.symbols[def.sym];
    const e = entryFor(r, def.file, def.sym, name, def.strength === "common");
    if (!e) continue;
    if (s.visibility === "hidden" || s.visibility === "internal") {
      hidden.push({ ...e, info: (STB.local << 4) | (e.info & 0xf) });
    } else globals.push(e);
  }
  for (const [name, kind] of r.table.refs) {
    if (r.table.defs.has(name)) continue;
    const p = r.provided.get(name);
    if (p) {
      globals.push({
        name,
        value: p.value,
        size: 0,
        info: STB.global << 4,
        shndx: p.out?.shndx || SHN_ABS,
      });
    } else if (kind === "weak") {
      globals.push({ name, value: 0, size: 0, info: STB.weak << 4, shndx: 0 });
    }
  }
  return encode([...locals, ...hidden], globals);
}

function fileLocals(r: Resolver, file: LoadedObject): Entry[] {
  const out: Entry[] = [];
  file.obj.symbols.forEach((s, i) => {
    if (s.binding !== "local" || s.type === "section" || !s.name) return;
    if (s.type === "file") {
      out.push({ name: s.name, value: 0, size: 0, info: STT.file, shndx: SHN_ABS });
      return;
    }
    const e = entryFor(r, file, i, s.name, false);
    if (e) out.push(e);
  });
  return out;
}

function entryFor(
  r: Resolver,
  file: LoadedObject,
  sym: number,
  name: string,
  common: boolean,
): Entry | null {
  const l: Layout = r.layout;
  const s: ObjSymbol = file.obj.symbols[sym];
  let shndx = SHN_ABS;
  if (common) shndx = l.section(".bss")!.shndx;
  else if (typeof s.section === "number") {
    const piece = l.piece(file.index, s.section);
    if (!piece) return null;
    shndx = piece.out.shndx || SHN_ABS;
  } else if (s.section !== "abs") return null;
  const v = common ? r.global(name) : r.value(file, sym);
  if (v.kind !== "defined") return null;
  let value = v.value;
  if (s.type === "tls" && l.tls) value -= l.tls.vaddr;
  const type = file.ifuncs.has(sym) ? STT_GNU_IFUNC : s.type === "file" ? STT.notype : STT[s.type];
  const size = common ? r.table.defs.get(name)!.commonSize : s.size;
  return { name, value, size, info: (STB[s.binding] << 4) | type, shndx };
}

function encode(locals: Entry[], globals: Entry[]): SymtabBytes {
  const all = [...locals, ...globals];
  const symtab = new Uint8Array((all.length + 1) * 16);
  const dv = new DataView(symtab.buffer);
  const strs: Uint8Array[] = [new Uint8Array(1)];
  let strLen = 1;
  const enc = new TextEncoder();
  all.forEach((e, i) => {
    const o = (i + 1) * 16;
    const name = enc.encode(e.name + "\0");
    dv.setUint32(o, strLen, true);
    strs.push(name);
    strLen += name.length;
    dv.setUint32(o + 4, e.value >>> 0, true);
    dv.setUint32(o + 8, e.size >>> 0, true);
    symtab[o + 12] = e.info;
    dv.setUint16(o + 14, e.shndx, true);
  });
  const strtab = new Uint8Array(strLen);
  let p = 0;
  for (const s of strs) {
    strtab.set(s, p);
    p += s.length;
  }
  return { symtab, strtab, firstGlobal: locals.length + 1 };
}
