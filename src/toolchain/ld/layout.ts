/**
 * Address assignment: gathers kept input sections into output sections (rules in
 * sections.ts), sizes them, appends COMMON symbols and the GOT, and places everything
 * in two PT_LOAD segments.
 *
 * Layout (base B = 0x08048000 by default):
 *   text segment  file offset 0 = B: ELF header, program headers, .init .text .fini
 *                 <exec orphans> .rodata <read-only orphans> .eh_frame   (R+X)
 *   data segment  starts on the next page with the same offset within the page
 *                 (offset ≡ vaddr mod 4096): .tdata .tbss .preinit_array .init_array
 *                 .fini_array .data <rw orphans> .got <nobits orphans> .bss+COMMON (RW)
 * .tbss gets an address but takes no room (like GNU ld); the TLS block is
 * [start of .tdata, end of .tbss) (PT_TLS memsz, unrounded like GNU ld's). Empty output sections keep the address where
 * they would be (for __init_array_start etc.) and are left out of the headers.
 */

import type { ObjSection } from "../as/object.ts";
import { initPriority, ORDER, outputName, type Segment, slotOf } from "./sections.ts";
import type { LoadedObject, SymbolTable } from "./symbols.ts";
import { fail } from "./errors.ts";

/** An input section placed in an output section. */
export interface Piece {
  readonly file: LoadedObject;
  readonly index: number;
  readonly sec: ObjSection;
  readonly out: OutSection;
  offset: number;
}

/** An output section. */
export interface OutSection {
  readonly name: string;
  readonly segment: Segment;
  readonly pieces: Piece[];
  /** ELF sh_type (1 progbits, 8 nobits, 14/15/16 arrays). */
  type: number;
  /** SHF_ALLOC: false only for debug sections (segment "none", address 0). */
  readonly alloc: boolean;
  write: boolean;
  exec: boolean;
  tls: boolean;
  align: number;
  size: number;
  addr: number;
  offset: number;
  /** Index in the output section header table, or 0 if the section is empty (not emitted). */
  shndx: number;
}

/** A program-header-to-be. */
export interface SegmentInfo {
  readonly offset: number;
  readonly vaddr: number;
  readonly filesz: number;
  readonly memsz: number;
  readonly align: number;
}

/** Result of layout. */
export interface Layout {
  readonly base: number;
  readonly outs: OutSection[];
  readonly phnum: number;
  readonly text: SegmentInfo;
  readonly data: SegmentInfo | null;
  readonly tls: SegmentInfo | null;
  /** Address of each COMMON symbol by name. */
  readonly commons: Map<string, number>;
  /** End of the file contents of the loaded segments. */
  readonly fileEnd: number;
  /** Piece of (file index, section index), if the section is kept and allocated. */
  piece(file: number, section: number): Piece | undefined;
  section(name: string): OutSection | undefined;
}

const PAGE = 0x1000;
/** Largest output file accepted (a sanity bound against corrupt section sizes). */
const MAX_FILE = 1 << 30;
const alignUp = (n: number, a: number) => Math.ceil(n / a) * a;

/** Sizes of the linker-made sections. */
export interface Synthetic {
  /** Bytes of .got (ordinary entries, then IFUNC slots). */
  readonly got: number;
  /** Number of IFUNC stubs (.iplt entries and .rel.iplt relocations). */
  readonly ifuncs: number;
}

/** Layout options. */
export interface LayoutOptions {
  /** Address of the first byte of the file (page-aligned). */
  readonly base: number;
  readonly synth: Synthetic;
  /** Whether .debug_* sections are kept. */
  readonly debug: "keep" | "drop";
}

/** Lays out the link with room for the linker-made sections. */
export function layout(table: SymbolTable, opts: LayoutOptions): Layout {
  const { base, synth, debug } = opts;
  const pieces = new Map<string, Piece>();
  const outs = gather(table, pieces, debug);
  const set = (name: string, size: number, align: number, type = 1) => {
    const o = outs.find((o) => o.name === name)!;
    Object.assign(o, { size, align, type });
  };
  set(".got", synth.got, 4);
  set(".iplt", synth.ifuncs * 16, 16);
  set(".rel.iplt", synth.ifuncs * 8, 4, 9);
  outs.find((o) => o.name === ".iplt")!.exec = true;
  const commons = allocateCommons(table, outs.find((o) => o.name === ".bss")!);
  const tlsOuts = outs.filter((o) => o.tls && o.size > 0);
  const hasData = outs.some((o) => o.segment === "data" && o.size > 0 && !(o.tls && o.type === 8));
  const phnum = 2 + (hasData ? 1 : 0) + (tlsOuts.length ? 1 : 0);
  const { text, data, fileEnd } = place(outs, base, 52 + 32 * phnum);
  let shndx = 1;
  for (const o of outs) o.shndx = o.size > 0 ? shndx++ : 0;
  return {
    base,
    outs,
    phnum,
    text,
    data: hasData ? data : null,
    tls: tlsOuts.length ? tlsSegment(tlsOuts) : null,
    commons,
    fileEnd,
    piece: (f, s) => pieces.get(`${f}:${s}`),
    section: (name) => outs.find((o) => o.name === name),
  };
}

/** Builds output sections in ORDER with their pieces at aligned offsets. */
function gather(
  table: SymbolTable,
  pieces: Map<string, Piece>,
  debug: "keep" | "drop",
): OutSection[] {
  const byName = new Map<string, OutSection>();
  const orphans = new Map<string, OutSection[]>();
  for (const slot of ORDER) {
    if (!slot.name.startsWith("*")) byName.set(slot.name, blank(slot.name, slot.segment));
    else orphans.set(slot.name, []);
  }
  for (const file of table.files) {
    file.obj.sections.forEach((sec, index) => {
      const name = outputName(sec);
      if (name === null || file.discarded.has(index)) return;
      if (debug === "drop" && !sec.flags.alloc) return;
      let out = byName.get(name);
      if (!out) {
        const slot = slotOf(name, sec);
        out = blank(name, ORDER.find((s) => s.name === slot)!.segment);
        byName.set(name, out);
        orphans.get(slot)!.push(out);
      }
      const p: Piece = { file, index, sec, out, offset: 0 };
      out.pieces.push(p);
      pieces.set(`${file.index}:${index}`, p);
    });
  }
  const outs = ORDER.flatMap((s) => orphans.get(s.name) ?? [byName.get(s.name)!]);
  for (const o of outs) sizeSection(o);
  return outs;
}

function blank(name: string, segment: Segment): OutSection {
  return {
    name,
    segment,
    alloc: segment !== "none",
    pieces: [],
    type: name === ".bss" || name === ".tbss" ? 8 : 1,
    write: segment === "data",
    exec: false,
    tls: name === ".tdata" || name === ".tbss",
    align: 1,
    size: 0,
    addr: 0,
    offset: 0,
    shndx: 0,
  };
}

const ARRAY_TYPES: Record<string, number> = {
  ".init_array": 14,
  ".fini_array": 15,
  ".preinit_array": 16,
};

function sizeSection(o: OutSection): void {
  if (ARRAY_TYPES[o.name]) {
    o.pieces.sort((a, b) => initPriority(a.sec.name) - initPriority(b.sec.name));
    o.type = ARRAY_TYPES[o.name];
  }
  for (const p of o.pieces) {
    o.align = Math.max(o.align, p.sec.align);
    p.offset = alignUp(o.size, p.sec.align);
    o.size = p.offset + p.sec.size;
    o.exec ||= p.sec.flags.exec;
    o.write ||= p.sec.flags.write;
    o.tls ||= p.sec.flags.tls;
  }
  if (o.pieces.length && o.pieces.every((p) => p.sec.type === "nobits")) o.type = 8;
}

/** Appends merged COMMON symbols to .bss (largest alignment first, then name). */
function allocateCommons(table: SymbolTable, bss: OutSection): Map<string, number> {
  const list = [...table.defs].filter(([, d]) => d.strength === "common");
  list.sort(([a, x], [b, y]) => y.commonAlign - x.commonAlign || (a < b ? -1 : 1));
  const offsets = new Map<string, number>();
  for (const [name, d] of list) {
    bss.align = Math.max(bss.align, d.commonAlign);
    const at = alignUp(bss.size, d.commonAlign);
    offsets.set(name, at);
    bss.size = at + d.commonSize;
  }
  return offsets;
}

/** Assigns addresses and file offsets; returns the two loadable segments. */
function place(outs: OutSection[], base: number, headers: number) {
  let off = headers, vaddr = base + headers;
  const seg = (s: Segment) => outs.filter((o) => o.segment === s);
  const advance = (o: OutSection) => {
    const delta = alignUp(vaddr, o.align) - vaddr;
    vaddr += delta;
    off += delta;
    o.addr = vaddr;
    o.offset = off;
    if (o.type !== 8) off += o.size;
    if (!(o.type === 8 && o.tls)) vaddr += o.size;
  };
  seg("text").forEach(advance);
  const text = { offset: 0, vaddr: base, filesz: off, memsz: off, align: PAGE };
  vaddr = alignUp(vaddr, PAGE) + (off % PAGE);
  const start = { off, vaddr };
  let fileEnd = off;
  for (const o of seg("data")) {
    advance(o);
    if (o.type !== 8) fileEnd = off;
  }
  for (const o of seg("none")) {
    off = alignUp(off, o.align);
    o.offset = off;
    off += o.size;
  }
  if (vaddr > 0xffffffff || off > MAX_FILE) {
    fail(
      "bad-input",
      `output does not fit: ${vaddr > 0xffffffff ? "address space" : "file size"} exceeded`,
    );
  }
  const data = {
    offset: start.off,
    vaddr: start.vaddr,
    filesz: fileEnd - start.off,
    memsz: vaddr - start.vaddr,
    align: PAGE,
  };
  return { text, data, fileEnd: Math.max(off, text.filesz) };
}

function tlsSegment(tls: OutSection[]): SegmentInfo {
  const first = tls[0], last = tls[tls.length - 1];
  const align = Math.max(...tls.map((o) => o.align));
  const filesz = tls.filter((o) => o.type !== 8).reduce((_, o) => o.addr + o.size - first.addr, 0);
  return {
    offset: first.offset,
    vaddr: first.addr,
    filesz,
    memsz: last.addr + last.size - first.addr,
    align,
  };
}
