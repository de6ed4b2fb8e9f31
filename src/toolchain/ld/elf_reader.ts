/**
 * Reads an ELF32 i386 relocatable object (ET_REL) into the assembler's `ObjectFile`
 * model, so objects from gcc/GNU as and from `writeElfObject` link the same way as
 * in-memory objects.
 *
 * Contract: `readElfObject(bytes, name)` returns an ObjectFile whose sections are all
 * of the file's sections except SHT_NULL, SHT_GROUP, SHT_REL, SHT_SYMTAB and SHT_STRTAB
 * (non-alloc ones such as .comment are kept; the linker discards them later). SHT_REL
 * entries are attached to their target section with the addend read from the section
 * bytes (REL convention). COMDAT SHT_GROUP members get `group` = the signature name.
 * Symbol i of the result is ELF symbol i + 1 (the null symbol is dropped).
 * STT_GNU_IFUNC symbols (which the object model has no type for) become "func" and
 * are listed in `ifuncs` by `readElf`.
 * Throws LinkError("bad-input") for anything that is not a well-formed little-endian
 * ELF32 EM_386 ET_REL file (bad magic, wrong class/machine/type, truncation, indices
 * out of range), and "unsupported" for SHT_RELA.
 */

import type {
  ObjectFile,
  ObjSection,
  ObjSymbol,
  Reloc,
  RelocType,
  SymBinding,
  SymType,
} from "../as/object.ts";
import { fail } from "./errors.ts";
import { fieldWidth } from "./reloc_info.ts";

const SHT_SYMTAB = 2, SHT_STRTAB = 3, SHT_RELA = 4, SHT_NOBITS = 8, SHT_REL = 9;
const SHT_GROUP = 17;
const SECTION_TYPES: Record<number, ObjSection["type"]> = {
  1: "progbits",
  7: "note",
  8: "nobits",
  14: "init_array",
  15: "fini_array",
  16: "preinit_array",
};
const SKIPPED = new Set([0, SHT_SYMTAB, SHT_STRTAB, SHT_REL, SHT_GROUP]);
const BINDINGS: Record<number, SymBinding> = { 0: "local", 1: "global", 2: "weak", 10: "global" };
const TYPES: Record<number, SymType> = {
  10: "func",
  1: "object",
  2: "func",
  3: "section",
  4: "file",
  5: "object",
  6: "tls",
};
const VIS = ["default", "internal", "hidden", "protected"] as const;

/** One raw section header. */
interface Shdr {
  name: number;
  type: number;
  flags: number;
  offset: number;
  size: number;
  link: number;
  info: number;
  align: number;
  entsize: number;
}

/** Bounds-checked little-endian view over the file. */
class Bytes {
  readonly dv: DataView;
  constructor(readonly buf: Uint8Array, readonly file: string) {
    this.dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  }
  check(off: number, len: number, what: string): void {
    if (off < 0 || len < 0 || off + len > this.buf.length) {
      fail("bad-input", `${this.file}: truncated or malformed ELF file (${what} out of bounds)`);
    }
  }
  u8(o: number): number {
    this.check(o, 1, "byte");
    return this.buf[o];
  }
  u16(o: number): number {
    this.check(o, 2, "field");
    return this.dv.getUint16(o, true);
  }
  u32(o: number): number {
    this.check(o, 4, "field");
    return this.dv.getUint32(o, true);
  }
  slice(o: number, len: number, what: string): Uint8Array {
    this.check(o, len, what);
    return this.buf.subarray(o, o + len);
  }
  cstr(o: number): string {
    this.check(o, 1, "string");
    let end = o;
    while (end < this.buf.length && this.buf[end]) end++;
    return new TextDecoder().decode(this.buf.subarray(o, end));
  }
}

/** True if `bytes` start with the ELF magic. */
export function isElf(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x7f && bytes[1] === 0x45 && bytes[2] === 0x4c &&
    bytes[3] === 0x46;
}

/** An object read from ELF, with the indices of its STT_GNU_IFUNC symbols. */
export interface ElfInput {
  readonly object: ObjectFile;
  readonly ifuncs: ReadonlySet<number>;
}

/** Parses an ELF32 i386 ET_REL file. Throws LinkError on malformed input. */
export function readElfObject(bytes: Uint8Array, name: string): ObjectFile {
  return readElf(bytes, name).object;
}

/** Parses an ELF32 i386 ET_REL file, keeping IFUNC symbol indices. Throws LinkError. */
export function readElf(bytes: Uint8Array, name: string): ElfInput {
  const b = new Bytes(bytes, name);
  checkHeader(b);
  const shdrs = readShdrs(b);
  const shstr = shdrs[b.u16(50)];
  if (!shstr) fail("bad-input", `${name}: bad section name table index`);
  const secName = (h: Shdr) => b.cstr(shstr.offset + h.name);
  const keep = shdrs.map((h, i) => (i > 0 && !SKIPPED.has(h.type) ? i : -1)).filter((i) => i > 0);
  for (const i of keep) {
    if (shdrs[i].type === SHT_RELA) {
      fail("unsupported", `${name}: SHT_RELA sections are not used on i386`);
    }
  }
  const objIndex = new Map(keep.map((elf, obj) => [elf, obj]));
  const symtabIdx = shdrs.findIndex((h) => h.type === SHT_SYMTAB);
  const symbols = symtabIdx < 0 ? [] : readSymbols(b, shdrs, symtabIdx, objIndex);
  const groups = readGroups(b, shdrs, symtabIdx, symbols);
  const relocs = readRelocs(b, shdrs, symbols.length);
  const sections = keep.map((i): ObjSection => {
    const h = shdrs[i];
    const nobits = h.type === SHT_NOBITS;
    const data = nobits ? new Uint8Array(0) : b.slice(h.offset, h.size, `section ${secName(h)}`);
    const raw = relocs.get(i) ?? [];
    return {
      name: secName(h),
      type: SECTION_TYPES[h.type] ?? "progbits",
      flags: {
        write: !!(h.flags & 1),
        alloc: !!(h.flags & 2),
        exec: !!(h.flags & 4),
        merge: !!(h.flags & 0x10),
        strings: !!(h.flags & 0x20),
        tls: !!(h.flags & 0x400),
      },
      align: Math.max(1, h.align),
      entsize: h.entsize,
      size: h.size,
      bytes: data,
      relocs: raw.map((r) => withAddend(r, data, name, secName(h))),
      group: groups.get(i) ?? null,
    };
  });
  const ifuncs = new Set(ifuncIndices(b, shdrs, symtabIdx));
  return { object: { fileName: name, sections, symbols }, ifuncs };
}

function checkHeader(b: Bytes): void {
  const f = b.file;
  if (!isElf(b.buf)) fail("bad-input", `${f}: file format not recognized (not ELF)`);
  if (b.buf.length < 52) fail("bad-input", `${f}: truncated ELF header`);
  if (b.u8(4) !== 1) fail("bad-input", `${f}: not a 32-bit ELF file`);
  if (b.u8(5) !== 1) fail("bad-input", `${f}: not a little-endian ELF file`);
  if (b.u16(18) !== 3) fail("bad-input", `${f}: wrong machine ${b.u16(18)} (expected EM_386)`);
  if (b.u16(16) !== 1) fail("bad-input", `${f}: not a relocatable object (ET_REL)`);
  if (b.u16(46) !== 40) fail("bad-input", `${f}: bad section header size`);
}

function readShdrs(b: Bytes): Shdr[] {
  const shoff = b.u32(32), shnum = b.u16(48);
  b.check(shoff, shnum * 40, "section header table");
  return Array.from({ length: shnum }, (_, i) => {
    const o = shoff + i * 40;
    const [name, type, flags, , offset, size, link, info, align, entsize] = Array.from(
      { length: 10 },
      (_, j) => b.u32(o + 4 * j),
    );
    return { name, type, flags, offset, size, link, info, align, entsize };
  });
}

function readSymbols(
  b: Bytes,
  shdrs: Shdr[],
  idx: number,
  objIndex: Map<number, number>,
): ObjSymbol[] {
  const h = shdrs[idx];
  const str = shdrs[h.link];
  if (!str || str.type !== SHT_STRTAB) fail("bad-input", `${b.file}: symbol table without strings`);
  b.check(h.offset, h.size, "symbol table");
  const out: ObjSymbol[] = [];
  for (let o = h.offset + 16; o + 16 <= h.offset + h.size; o += 16) {
    const shndx = b.u16(o + 14);
    const info = b.u8(o + 12);
    out.push({
      name: b.cstr(str.offset + b.u32(o)),
      section: symSection(b, shndx, objIndex),
      value: b.u32(o + 4),
      size: b.u32(o + 8),
      binding: BINDINGS[info >> 4] ?? "global",
      type: TYPES[info & 0xf] ?? "notype",
      visibility: VIS[b.u8(o + 13) & 3],
    });
  }
  return out;
}

/** Object-model indices of STT_GNU_IFUNC (type 10) symbols. */
function ifuncIndices(b: Bytes, shdrs: Shdr[], idx: number): number[] {
  if (idx < 0) return [];
  const h = shdrs[idx], out: number[] = [];
  for (let o = h.offset + 16, i = 0; o + 16 <= h.offset + h.size; o += 16, i++) {
    if ((b.u8(o + 12) & 0xf) === 10) out.push(i);
  }
  return out;
}

function symSection(b: Bytes, shndx: number, objIndex: Map<number, number>): ObjSymbol["section"] {
  if (shndx === 0) return "undef";
  if (shndx === 0xfff1) return "abs";
  if (shndx === 0xfff2) return "common";
  const i = objIndex.get(shndx);
  if (i === undefined) fail("bad-input", `${b.file}: symbol in bad section index ${shndx}`);
  return i;
}

/** Maps ELF section index → COMDAT signature for members of GRP_COMDAT groups. */
function readGroups(
  b: Bytes,
  shdrs: Shdr[],
  symtabIdx: number,
  syms: ObjSymbol[],
): Map<number, string> {
  const out = new Map<number, string>();
  for (const h of shdrs) {
    if (h.type !== SHT_GROUP) continue;
    if (h.link !== symtabIdx) fail("bad-input", `${b.file}: group without symbol table`);
    const sig = syms[h.info - 1];
    if (!sig) fail("bad-input", `${b.file}: group signature index ${h.info} out of range`);
    if (!(b.u32(h.offset) & 1)) continue;
    for (let o = h.offset + 4; o + 4 <= h.offset + h.size; o += 4) out.set(b.u32(o), sig.name);
  }
  return out;
}

interface RawReloc {
  offset: number;
  type: number;
  symbol: number;
}

function readRelocs(b: Bytes, shdrs: Shdr[], nsyms: number): Map<number, RawReloc[]> {
  const out = new Map<number, RawReloc[]>();
  for (const h of shdrs) {
    if (h.type !== SHT_REL) continue;
    if (!shdrs[h.info]) {
      fail("bad-input", `${b.file}: relocation section for bad section ${h.info}`);
    }
    b.check(h.offset, h.size, "relocation section");
    const list = out.get(h.info) ?? [];
    for (let o = h.offset; o + 8 <= h.offset + h.size; o += 8) {
      const info = b.u32(o + 4);
      const sym = (info >>> 8) - 1;
      if (sym >= nsyms) fail("bad-input", `${b.file}: relocation symbol ${sym + 1} out of range`);
      list.push({ offset: b.u32(o), type: info & 0xff, symbol: sym });
    }
    out.set(h.info, list);
  }
  return out;
}

/** Reads the in-place addend (REL) of a relocation, sign-extended to its field width. */
function withAddend(r: RawReloc, data: Uint8Array, file: string, sec: string): Reloc {
  const w = fieldWidth(r.type);
  if (r.offset + w > data.length) {
    fail("bad-input", `${file}(${sec}+0x${r.offset.toString(16)}): relocation outside its section`);
  }
  const dv = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const addend = w === 4
    ? dv.getInt32(r.offset, true)
    : w === 2
    ? dv.getInt16(r.offset, true)
    : dv.getInt8(r.offset);
  return { offset: r.offset, type: r.type as RelocType, symbol: r.symbol, addend };
}
