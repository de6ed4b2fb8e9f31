/**
 * Minimal ELF32 relocatable reader for the assembler's tests: section bytes and
 * relocations (offset, type, symbol name; section symbols are named after their section).
 */

/** A section read back from an ELF file. */
export interface ReadSection {
  readonly name: string;
  readonly type: number;
  readonly flags: number;
  readonly bytes: Uint8Array;
  readonly relocs: [number, number, string][];
}

/** A symbol read back: "name bind type section value size" (section by name, or UND/ABS/COM). */
export type ReadSymbol = string;

/** Reads the symbol table (without the null, file and section symbols). */
export function readSymbols(buf: Uint8Array): ReadSymbol[] {
  const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const shoff = dv.getUint32(32, true);
  const shnum = dv.getUint16(48, true);
  const sh = (i: number, f: number) => dv.getUint32(shoff + i * 40 + f * 4, true);
  const cstr = (off: number) => {
    let end = off;
    while (buf[end]) end++;
    return new TextDecoder().decode(buf.subarray(off, end));
  };
  const shstr = sh(dv.getUint16(50, true), 4);
  const names = Array.from({ length: shnum }, (_, i) => cstr(shstr + sh(i, 0)));
  const out: ReadSymbol[] = [];
  for (let i = 1; i < shnum; i++) {
    if (sh(i, 1) !== 2) continue;
    const strOff = sh(sh(i, 6), 4);
    for (let o = sh(i, 4) + 16; o < sh(i, 4) + sh(i, 5); o += 16) {
      const type = buf[o + 12] & 0xf;
      if (type === 3 || type === 4) continue;
      const shndx = dv.getUint16(o + 14, true);
      const sec = shndx === 0
        ? "UND"
        : shndx === 0xfff1
        ? "ABS"
        : shndx === 0xfff2
        ? "COM"
        : names[shndx];
      const fields = [
        cstr(strOff + dv.getUint32(o, true)),
        buf[o + 12] >> 4,
        type,
        buf[o + 13],
        sec,
      ];
      out.push([...fields, dv.getUint32(o + 4, true), dv.getUint32(o + 8, true)].join(" "));
    }
  }
  return out;
}

/** Reads every section of an ELF32 little-endian object. */
export function readElf(buf: Uint8Array): Map<string, ReadSection> {
  const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const shoff = dv.getUint32(32, true);
  const shnum = dv.getUint16(48, true);
  const shstrndx = dv.getUint16(50, true);
  const sh = (i: number, f: number) => dv.getUint32(shoff + i * 40 + f * 4, true);
  const str = (tab: number, off: number) => {
    const start = sh(tab, 4) + off;
    let end = start;
    while (buf[end]) end++;
    return new TextDecoder().decode(buf.subarray(start, end));
  };
  const names = Array.from({ length: shnum }, (_, i) => str(shstrndx, sh(i, 0)));
  const out = new Map<string, ReadSection>();
  for (let i = 1; i < shnum; i++) {
    const type = sh(i, 1);
    const bytes = type === 8 ? new Uint8Array(sh(i, 5)) : buf.slice(sh(i, 4), sh(i, 4) + sh(i, 5));
    out.set(names[i], { name: names[i], type, flags: sh(i, 2), bytes, relocs: [] });
  }
  for (let i = 1; i < shnum; i++) {
    if (sh(i, 1) !== 9) continue;
    const symtab = sh(i, 6);
    const strtab = sh(symtab, 6);
    const target = out.get(names[sh(i, 7)])!;
    for (let off = sh(i, 4); off < sh(i, 4) + sh(i, 5); off += 8) {
      const info = dv.getUint32(off + 4, true);
      const symOff = sh(symtab, 4) + (info >>> 8) * 16;
      const shndx = dv.getUint16(symOff + 14, true);
      const isSection = (buf[symOff + 12] & 0xf) === 3;
      const name = info >>> 8 === 0
        ? ""
        : isSection
        ? names[shndx]
        : str(strtab, dv.getUint32(symOff, true));
      target.relocs.push([dv.getUint32(off, true), info & 0xff, name]);
    }
  }
  return out;
}
