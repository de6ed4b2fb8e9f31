/**
 * Writes an ObjectFile as an ELF32 i386 relocatable object (ET_REL), readable by
 * GNU objdump/ld and denix's own linker.
 *
 * File layout: ELF header, section contents (each aligned), then the section header
 * table. Section header order: null, one `.group` per COMDAT group (groups must
 * precede their members), the object's sections (ELF index = object index + 1 +
 * number of groups), one `.rel<name>` per section with relocations, `.symtab`,
 * `.strtab`, `.shstrtab`. Symbol index = object symbol index + 1 (0 is the null symbol).
 */

import type { ObjectFile, ObjSection, ObjSymbol } from "./object.ts";

const SHT = {
  progbits: 1,
  symtab: 2,
  strtab: 3,
  note: 7,
  nobits: 8,
  rel: 9,
  init_array: 14,
  fini_array: 15,
  preinit_array: 16,
} as const;
const STT = { notype: 0, object: 1, func: 2, section: 3, file: 4, tls: 6 } as const;
const STB = { local: 0, global: 1, weak: 2 } as const;
const STV = { default: 0, internal: 1, hidden: 2, protected: 3 } as const;
const SHN_ABS = 0xfff1;
const SHN_COMMON = 0xfff2;
const SHF_INFO_LINK = 0x40;
const SHF_GROUP = 0x200;
const SHF_TLS = 0x400;
const SHT_GROUP = 17;

/** A string table under construction. */
class StrTab {
  private bytes: number[] = [0];
  private seen = new Map<string, number>();

  add(s: string): number {
    if (!s) return 0;
    const got = this.seen.get(s);
    if (got !== undefined) return got;
    const off = this.bytes.length;
    for (const b of new TextEncoder().encode(s)) this.bytes.push(b);
    this.bytes.push(0);
    this.seen.set(s, off);
    return off;
  }

  get data(): Uint8Array {
    return Uint8Array.from(this.bytes);
  }
}

interface Shdr {
  name: string;
  type: number;
  flags: number;
  data: Uint8Array;
  size: number;
  link: number;
  info: number;
  align: number;
  entsize: number;
}

/** Serializes `obj` to ELF32 bytes. */
export function writeElfObject(obj: ObjectFile): Uint8Array {
  const strtab = new StrTab();
  const groups = [...new Set(obj.sections.flatMap((s) => (s.group ? [s.group] : [])))];
  const first = 1 + groups.length;
  const relCount = obj.sections.filter((s) => s.relocs.length).length;
  const symtabIndex = first + obj.sections.length + relCount;
  const shdrs: Shdr[] = obj.sections.map(sectionHeader);
  const relIndex = new Map<number, number>();
  obj.sections.forEach((s, i) => {
    if (!s.relocs.length) return;
    relIndex.set(i, first + shdrs.length);
    shdrs.push({
      name: ".rel" + s.name,
      type: SHT.rel,
      flags: SHF_INFO_LINK | (s.group ? SHF_GROUP : 0),
      data: relocBytes(s),
      size: s.relocs.length * 8,
      link: symtabIndex,
      info: first + i,
      align: 4,
      entsize: 8,
    });
  });
  shdrs.unshift(...groups.map((g) => groupHeader(obj, g, first, relIndex, symtabIndex)));
  const firstGlobal = 1 + obj.symbols.filter((s) => s.binding === "local").length;
  const syms = symtabBytes(obj.symbols, strtab, first);
  shdrs.push({
    ...blank(".symtab", SHT.symtab, syms),
    link: symtabIndex + 1,
    info: firstGlobal,
    align: 4,
    entsize: 16,
  });
  shdrs.push(blank(".strtab", SHT.strtab, strtab.data));
  const shstr = new StrTab();
  const names = shdrs.map((h) => shstr.add(h.name));
  const shstrName = shstr.add(".shstrtab");
  shdrs.push(blank(".shstrtab", SHT.strtab, shstr.data));
  names.push(shstrName);
  return layoutFile(shdrs, names);
}

/** A SHT_GROUP section: GRP_COMDAT, then the member sections and their .rel sections. */
function groupHeader(
  obj: ObjectFile,
  sig: string,
  first: number,
  relIndex: Map<number, number>,
  symtabIndex: number,
): Shdr {
  const members: number[] = [];
  obj.sections.forEach((s, i) => {
    if (s.group !== sig) return;
    members.push(first + i);
    const r = relIndex.get(i);
    if (r !== undefined) members.push(r);
  });
  const data = new Uint8Array(4 * (members.length + 1));
  const dv = new DataView(data.buffer);
  dv.setUint32(0, 1, true); // GRP_COMDAT
  members.forEach((m, i) => dv.setUint32(4 * (i + 1), m, true));
  const symIndex = 1 + obj.symbols.findIndex((s) => s.name === sig && s.type !== "section");
  return {
    ...blank(".group", SHT_GROUP, data),
    link: symtabIndex,
    info: symIndex,
    align: 4,
    entsize: 4,
  };
}

function blank(name: string, type: number, data: Uint8Array): Shdr {
  return { name, type, flags: 0, data, size: data.length, link: 0, info: 0, align: 1, entsize: 0 };
}

function sectionHeader(s: ObjSection): Shdr {
  const f = s.flags;
  const flags = (f.write ? 1 : 0) | (f.alloc ? 2 : 0) | (f.exec ? 4 : 0) | (f.merge ? 0x10 : 0) |
    (f.strings ? 0x20 : 0) | (s.group ? SHF_GROUP : 0) | (f.tls ? SHF_TLS : 0);
  return {
    name: s.name,
    type: SHT[s.type],
    flags,
    data: s.type === "nobits" ? new Uint8Array(0) : s.bytes,
    size: s.size,
    link: 0,
    info: 0,
    align: s.align,
    entsize: s.entsize,
  };
}

function relocBytes(s: ObjSection): Uint8Array {
  const out = new Uint8Array(s.relocs.length * 8);
  const dv = new DataView(out.buffer);
  s.relocs.forEach((r, i) => {
    dv.setUint32(i * 8, r.offset, true);
    dv.setUint32(i * 8 + 4, ((r.symbol + 1) << 8) | r.type, true);
  });
  return out;
}

function symtabBytes(symbols: readonly ObjSymbol[], strtab: StrTab, first: number): Uint8Array {
  const out = new Uint8Array((symbols.length + 1) * 16);
  const dv = new DataView(out.buffer);
  symbols.forEach((s, i) => {
    const o = (i + 1) * 16;
    dv.setUint32(o, s.type === "section" ? 0 : strtab.add(s.name), true);
    dv.setUint32(o + 4, s.value >>> 0, true);
    dv.setUint32(o + 8, s.size >>> 0, true);
    out[o + 12] = (STB[s.binding] << 4) | STT[s.type];
    out[o + 13] = STV[s.visibility];
    dv.setUint16(o + 14, shndx(s.section, first), true);
  });
  return out;
}

function shndx(sec: ObjSymbol["section"], first: number): number {
  if (sec === "undef") return 0;
  if (sec === "abs") return SHN_ABS;
  if (sec === "common") return SHN_COMMON;
  return sec + first;
}

function layoutFile(shdrs: Shdr[], names: number[]): Uint8Array {
  let off = 52;
  const offsets = shdrs.map((h) => {
    off = Math.ceil(off / Math.max(1, h.align)) * Math.max(1, h.align);
    const at = off;
    off += h.data.length;
    return at;
  });
  const shoff = Math.ceil(off / 4) * 4;
  const total = shoff + (shdrs.length + 1) * 40;
  const out = new Uint8Array(total);
  const dv = new DataView(out.buffer);
  writeHeader(out, dv, shoff, shdrs.length + 1);
  shdrs.forEach((h, i) => {
    out.set(h.data, offsets[i]);
    const o = shoff + (i + 1) * 40;
    const vals = [
      names[i],
      h.type,
      h.flags,
      0,
      offsets[i],
      h.size,
      h.link,
      h.info,
      h.align,
      h.entsize,
    ];
    vals.forEach((v, j) => dv.setUint32(o + j * 4, v >>> 0, true));
  });
  return out;
}

function writeHeader(out: Uint8Array, dv: DataView, shoff: number, shnum: number): void {
  out.set([0x7f, 0x45, 0x4c, 0x46, 1, 1, 1, 0], 0);
  dv.setUint16(16, 1, true); // ET_REL
  dv.setUint16(18, 3, true); // EM_386
  dv.setUint32(20, 1, true); // EV_CURRENT
  dv.setUint32(32, shoff, true);
  dv.setUint16(40, 52, true); // e_ehsize
  dv.setUint16(46, 40, true); // e_shentsize
  dv.setUint16(48, shnum, true);
  dv.setUint16(50, shnum - 1, true); // e_shstrndx
}
