/**
 * The relocatable object model produced by `assemble()` and consumed by the linker.
 *
 * An ObjectFile is a list of sections and a symbol table, mirroring ELF32 ET_REL:
 *
 * - Section bytes already contain each relocation's addend in place (the REL
 *   convention of i386 ELF); `Reloc.addend` repeats it so a linker need not read it
 *   back. A `nobits` section (.bss) has `size` but empty `bytes`.
 * - Relocations: R_386_32 stores S + A; R_386_PC32 stores S + A - P, where P is the
 *   address of the relocated field (a `call foo` field holds A = -4). R_386_16/8 and
 *   PC16/PC8 are the same at smaller widths. PIC and TLS operators (`sym@GOT`,
 *   `@GOTOFF`, `@PLT`, `$_GLOBAL_OFFSET_TABLE_` → GOTPC, `@NTPOFF`, ...) give the
 *   matching R_386_* types with the ELF i386 psABI meaning; they always name the
 *   symbol itself (except @GOTOFF to a local label outside mergeable sections, which
 *   uses the section symbol, as GNU as does).
 * - `group` is the COMDAT group signature of a section (`.section ...,"axG",...,comdat`);
 *   a linker keeps only the first group with a given signature.
 * - Relocations against local labels point at the section symbol of the label's
 *   section, with the label's offset folded into the addend (as GNU as does); global,
 *   weak and undefined symbols are referenced by their own symbol.
 * - Symbol `section` is an index into `sections`, or "undef", "abs" or "common" (then
 *   `value` is the required alignment and `size` the size, as in ELF SHN_COMMON).
 * - `symbols` lists locals before globals (ELF order); index 0 is NOT a null symbol
 *   (the ELF writer adds that).
 */

/** i386 relocation types (ELF numbering). */
export const RelocType = {
  R_386_32: 1,
  R_386_PC32: 2,
  R_386_GOT32: 3,
  R_386_PLT32: 4,
  R_386_GOTOFF: 9,
  R_386_GOTPC: 10,
  R_386_TLS_IE: 15,
  R_386_TLS_GOTIE: 16,
  R_386_TLS_LE: 17,
  R_386_TLS_GD: 18,
  R_386_TLS_LDM: 19,
  R_386_16: 20,
  R_386_PC16: 21,
  R_386_8: 22,
  R_386_PC8: 23,
  R_386_TLS_LDO_32: 32,
  R_386_TLS_IE_32: 33,
  R_386_TLS_LE_32: 34,
  R_386_GOT32X: 43,
} as const;

/** A relocation type number. */
export type RelocType = (typeof RelocType)[keyof typeof RelocType];

/** One relocation. */
export interface Reloc {
  /** Offset of the field in its section. */
  readonly offset: number;
  readonly type: RelocType;
  /** Index into `ObjectFile.symbols`, or -1 for none (absolute). */
  readonly symbol: number;
  readonly addend: number;
}

/** Section flags, as in ELF SHF_*. */
export interface SectionFlags {
  readonly alloc: boolean;
  readonly write: boolean;
  readonly exec: boolean;
  readonly merge: boolean;
  readonly strings: boolean;
  readonly tls: boolean;
}

/** One section. */
export interface ObjSection {
  readonly name: string;
  readonly type: "progbits" | "nobits" | "note" | "init_array" | "fini_array" | "preinit_array";
  readonly flags: SectionFlags;
  /** Alignment in bytes (power of two). */
  readonly align: number;
  /** Entry size for mergeable sections, else 0. */
  readonly entsize: number;
  readonly size: number;
  readonly bytes: Uint8Array;
  readonly relocs: readonly Reloc[];
  /** COMDAT group signature symbol name, or null. */
  readonly group: string | null;
}

/** Symbol binding. */
export type SymBinding = "local" | "global" | "weak";

/** Symbol type. */
export type SymType = "notype" | "object" | "func" | "section" | "file" | "tls";

/** One symbol. */
export interface ObjSymbol {
  readonly name: string;
  readonly section: number | "undef" | "abs" | "common";
  readonly value: number;
  readonly size: number;
  readonly binding: SymBinding;
  readonly type: SymType;
  readonly visibility: "default" | "hidden" | "protected" | "internal";
}

/** A relocatable object. */
export interface ObjectFile {
  readonly fileName: string;
  readonly sections: readonly ObjSection[];
  readonly symbols: readonly ObjSymbol[];
}
