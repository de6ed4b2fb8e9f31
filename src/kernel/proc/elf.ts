/**
 * ELF32 i386 executable headers: parsing and validation for execve.
 *
 * Contract: `parseElf(bytes, fileSize)` takes the first bytes of the file (at least the
 * ELF header and program headers, which must lie in them) and returns the header
 * fields execve needs, or a string saying why the file is not a loadable i386
 * executable (the caller answers ENOEXEC). Accepted: ELFCLASS32, little-endian,
 * EM_386, ET_EXEC or ET_DYN, 32-byte program headers, PT_LOAD segments with
 * filesz <= memsz, congruent offset and address modulo 4096, inside the file and below
 * 0xC0000000.
 *
 * Example: gcc -m32 -static output has type 2 (ET_EXEC), entry 0x8049xxx, and four or
 * five PT_LOAD segments at 0x8048000 upwards.
 */

export const enum PType {
  LOAD = 1,
  INTERP = 3,
  PHDR = 6,
  TLS = 7,
}

export const enum PFlag {
  X = 1,
  W = 2,
  R = 4,
}

export interface ProgramHeader {
  type: number;
  offset: number;
  vaddr: number;
  filesz: number;
  memsz: number;
  flags: number;
}

export interface ElfInfo {
  type: number;
  entry: number;
  phoff: number;
  phnum: number;
  phdrs: ProgramHeader[];
  /** Offset and size of the PT_INTERP path, if present. */
  interp: { offset: number; size: number } | null;
}

const ET_EXEC = 2;
const ET_DYN = 3;
const EM_386 = 3;
const LIMIT = 0xc000_0000;

export function parseElf(b: Uint8Array, fileSize: number): ElfInfo | string {
  if (b.length < 52 || b[0] !== 0x7f || b[1] !== 0x45 || b[2] !== 0x4c || b[3] !== 0x46) {
    return "not an ELF file";
  }
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  if (b[4] !== 1) return "not a 32-bit ELF file";
  if (b[5] !== 1) return "not a little-endian ELF file";
  const type = v.getUint16(16, true);
  if (type !== ET_EXEC && type !== ET_DYN) return "not an executable";
  if (v.getUint16(18, true) !== EM_386) return "not an i386 executable";
  const phoff = v.getUint32(28, true);
  const phentsize = v.getUint16(42, true);
  const phnum = v.getUint16(44, true);
  if (phentsize !== 32 || phnum === 0 || phnum > 64) return "bad program header table";
  if (phoff + phnum * 32 > b.length) return "program headers out of reach";
  const phdrs: ProgramHeader[] = [];
  let interp: ElfInfo["interp"] = null;
  for (let i = 0; i < phnum; i++) {
    const o = phoff + i * 32;
    const ph = {
      type: v.getUint32(o, true),
      offset: v.getUint32(o + 4, true),
      vaddr: v.getUint32(o + 8, true),
      filesz: v.getUint32(o + 16, true),
      memsz: v.getUint32(o + 20, true),
      flags: v.getUint32(o + 24, true),
    };
    if (ph.type === PType.INTERP) interp = { offset: ph.offset, size: ph.filesz };
    if (ph.type !== PType.LOAD) {
      phdrs.push(ph);
      continue;
    }
    if (ph.filesz > ph.memsz) return "segment filesz > memsz";
    if (ph.offset + ph.filesz > fileSize) return "segment beyond end of file";
    if ((ph.offset & 0xfff) !== (ph.vaddr & 0xfff)) return "misaligned segment";
    if (ph.vaddr + ph.memsz > LIMIT) return "segment in kernel space";
    phdrs.push(ph);
  }
  if (!phdrs.some((p) => p.type === PType.LOAD)) return "no loadable segment";
  return { type, entry: v.getUint32(24, true), phoff, phnum, phdrs, interp };
}
