/**
 * A small independent reader of ELF32 executables for the linker's tests: header,
 * program headers, section headers and symbols, and reads of 32-bit words by address.
 */

/** A program header. */
export interface Phdr {
  type: number;
  offset: number;
  vaddr: number;
  filesz: number;
  memsz: number;
  flags: number;
  align: number;
}

/** A section header with its name. */
export interface Shdr {
  name: string;
  type: number;
  flags: number;
  addr: number;
  offset: number;
  size: number;
  align: number;
}

/** A symbol. */
export interface Sym {
  name: string;
  value: number;
  size: number;
  bind: number;
  type: number;
  shndx: number;
}

/** A parsed executable. */
export interface Exe {
  type: number;
  machine: number;
  entry: number;
  phdrs: Phdr[];
  sections: Shdr[];
  symbols: Map<string, Sym>;
  /** The 32-bit little-endian word at virtual address `addr` (from a PT_LOAD's file bytes). */
  word(addr: number): number;
  section(name: string): Shdr | undefined;
}

/** Parses `b` (throws on garbage; tests only feed it linker output). */
export function readExe(b: Uint8Array): Exe {
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const u16 = (o: number) => dv.getUint16(o, true), u32 = (o: number) => dv.getUint32(o, true);
  const cstr = (o: number) => {
    let e = o;
    while (b[e]) e++;
    return new TextDecoder().decode(b.subarray(o, e));
  };
  const phdrs = Array.from({ length: u16(44) }, (_, i) => {
    const o = u32(28) + 32 * i;
    const [type, offset, vaddr, , filesz, memsz, flags, align] = Array.from(
      { length: 8 },
      (_, j) => u32(o + 4 * j),
    );
    return { type, offset, vaddr, filesz, memsz, flags, align };
  });
  const raw = Array.from(
    { length: u16(48) },
    (_, i) => Array.from({ length: 10 }, (_, j) => u32(u32(32) + 40 * i + 4 * j)),
  );
  const shstr = raw[u16(50)][4];
  const sections = raw.map((r) => ({
    name: cstr(shstr + r[0]),
    type: r[1],
    flags: r[2],
    addr: r[3],
    offset: r[4],
    size: r[5],
    align: r[8],
  }));
  const symbols = new Map<string, Sym>();
  raw.forEach((r) => {
    if (r[1] !== 2) return;
    const str = raw[r[6]][4];
    for (let o = r[4] + 16; o < r[4] + r[5]; o += 16) {
      const name = cstr(str + u32(o));
      symbols.set(name, {
        name,
        value: u32(o + 4),
        size: u32(o + 8),
        bind: b[o + 12] >> 4,
        type: b[o + 12] & 15,
        shndx: u16(o + 14),
      });
    }
  });
  const word = (addr: number) => {
    const p = phdrs.find((p) => p.type === 1 && addr >= p.vaddr && addr + 4 <= p.vaddr + p.filesz);
    if (!p) throw new Error(`address 0x${addr.toString(16)} not in file-backed memory`);
    return u32(p.offset + addr - p.vaddr);
  };
  return {
    type: u16(16),
    machine: u16(18),
    entry: u32(24),
    phdrs,
    sections,
    symbols,
    word,
    section: (n) => sections.find((s) => s.name === n),
  };
}

/** Signed view of a 32-bit word. */
export function signed(v: number): number {
  return v | 0;
}
