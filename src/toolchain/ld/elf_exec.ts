/**
 * Serializes a laid-out, relocated link as an ELF32 i386 executable (ET_EXEC).
 *
 * File: [ELF header | program headers | text segment sections][data segment sections]
 * [.symtab .strtab] .shstrtab [section header table]. Program headers, in GNU ld's
 * order: PT_LOAD text (R+X), PT_LOAD data (R+W, memsz > filesz for .bss), PT_TLS (R),
 * PT_GNU_STACK (R+W). Section headers: null, each non-empty output section, then
 * .symtab/.strtab (unless stripped) and .shstrtab.
 */

import type { Layout } from "./layout.ts";
import type { OutSection } from "./layout.ts";
import type { SymtabBytes } from "./symtab_out.ts";

const PT_LOAD = 1, PT_TLS = 7, PT_GNU_STACK = 0x6474e551;
const PF_X = 1, PF_W = 2, PF_R = 4;

interface Extra {
  name: string;
  type: number;
  data: Uint8Array;
  link: number;
  info: number;
  align: number;
  entsize: number;
}

/** What goes into the file besides the layout. */
export interface ExecParts {
  /** Bytes of each non-NOBITS output section. */
  readonly contents: ReadonlyMap<OutSection, Uint8Array>;
  readonly entry: number;
  /** Symbol and string tables, or null when stripped. */
  readonly symtab: SymtabBytes | null;
}

/** Writes the executable. */
export function writeExecutable(l: Layout, parts: ExecParts): Uint8Array {
  const { contents, entry, symtab } = parts;
  const emitted = l.outs.filter((o) => o.shndx > 0);
  const extras: Extra[] = [];
  const first = emitted.length + 1;
  if (symtab) {
    extras.push({
      name: ".symtab",
      type: 2,
      data: symtab.symtab,
      link: first + 1,
      info: symtab.firstGlobal,
      align: 4,
      entsize: 16,
    });
    extras.push({
      name: ".strtab",
      type: 3,
      data: symtab.strtab,
      link: 0,
      info: 0,
      align: 1,
      entsize: 0,
    });
  }
  const names = new Names();
  const nameOffs = [
    ...emitted.map((o) => names.add(o.name)),
    ...extras.map((e) => names.add(e.name)),
  ];
  nameOffs.push(names.add(".shstrtab"));
  extras.push({
    name: ".shstrtab",
    type: 3,
    data: names.bytes(),
    link: 0,
    info: 0,
    align: 1,
    entsize: 0,
  });
  let off = l.fileEnd;
  const extraOffs = extras.map((e) => {
    off = Math.ceil(off / e.align) * e.align;
    const at = off;
    off += e.data.length;
    return at;
  });
  const shoff = Math.ceil(off / 4) * 4;
  const shnum = 1 + emitted.length + extras.length;
  const out = new Uint8Array(shoff + shnum * 40);
  const dv = new DataView(out.buffer);
  writeEhdr(out, dv, { entry, phnum: l.phnum, shoff, shnum });
  writePhdrs(dv, l);
  for (const [o, bytes] of contents) out.set(bytes, o.offset);
  extras.forEach((e, i) => out.set(e.data, extraOffs[i]));
  const put = (i: number, v: number[]) =>
    v.forEach((x, j) => dv.setUint32(shoff + i * 40 + 4 * j, x >>> 0, true));
  emitted.forEach((o, i) => {
    const flags = (o.alloc ? 2 : 0) | (o.write ? 1 : 0) | (o.exec ? 4 : 0) | (o.tls ? 0x400 : 0);
    put(i + 1, [
      nameOffs[i],
      o.type,
      flags,
      o.addr,
      o.offset,
      o.size,
      0,
      0,
      o.align,
      o.type >= 14 ? 4 : o.type === 9 ? 8 : 0,
    ]);
  });
  extras.forEach((e, i) => {
    const row = [
      nameOffs[emitted.length + i],
      e.type,
      0,
      0,
      extraOffs[i],
      e.data.length,
      e.link,
      e.info,
    ];
    put(first + i, [...row, e.align, e.entsize]);
  });
  return out;
}

function writeEhdr(
  out: Uint8Array,
  dv: DataView,
  h: { entry: number; phnum: number; shoff: number; shnum: number },
) {
  out.set([0x7f, 0x45, 0x4c, 0x46, 1, 1, 1, 0], 0);
  dv.setUint16(16, 2, true); // ET_EXEC
  dv.setUint16(18, 3, true); // EM_386
  dv.setUint32(20, 1, true);
  dv.setUint32(24, h.entry >>> 0, true);
  dv.setUint32(28, 52, true); // e_phoff
  dv.setUint32(32, h.shoff, true);
  dv.setUint16(40, 52, true);
  dv.setUint16(42, 32, true);
  dv.setUint16(44, h.phnum, true);
  dv.setUint16(46, 40, true);
  dv.setUint16(48, h.shnum, true);
  dv.setUint16(50, h.shnum - 1, true); // .shstrtab is last
}

function writePhdrs(dv: DataView, l: Layout): void {
  const rows: number[][] = [];
  const seg = (
    type: number,
    s: { offset: number; vaddr: number; filesz: number; memsz: number; align: number },
    flags: number,
  ) => rows.push([type, s.offset, s.vaddr, s.vaddr, s.filesz, s.memsz, flags, s.align]);
  seg(PT_LOAD, l.text, PF_R | PF_X);
  if (l.data) seg(PT_LOAD, l.data, PF_R | PF_W);
  if (l.tls) seg(PT_TLS, l.tls, PF_R);
  rows.push([PT_GNU_STACK, 0, 0, 0, 0, 0, PF_R | PF_W, 16]);
  rows.forEach((r, i) => r.forEach((v, j) => dv.setUint32(52 + i * 32 + j * 4, v >>> 0, true)));
}

/** A section-name string table. */
class Names {
  private parts: string[] = [""];
  private len = 1;
  add(s: string): number {
    const at = this.len;
    this.parts.push(s);
    this.len += new TextEncoder().encode(s).length + 1;
    return at;
  }
  bytes(): Uint8Array {
    return new TextEncoder().encode(this.parts.join("\0") + "\0");
  }
}
