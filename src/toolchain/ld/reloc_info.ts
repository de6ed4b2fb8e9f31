/**
 * The table of i386 relocation types the linker understands: ELF name, field width
 * and how the stored value is computed. One row per type; `relocate.ts` evaluates the
 * formula, the ELF reader uses the width to read REL addends.
 *
 * Formulas (psABI notation): S symbol address, A addend, P field address, GOT the
 * address of _GLOBAL_OFFSET_TABLE_, G the GOT entry address of the symbol, TP(S) the
 * symbol's offset from the thread pointer (negative on i386: the TLS block ends at TP).
 */

/** How a relocation value is computed. */
export type RelocFormula =
  | "abs" // S + A
  | "pc" // S + A - P
  | "plt" // S + A - P (static link: no PLT, calls go direct)
  | "got" // G + A - GOT (absolute G + A when the instruction has no base register)
  | "gotoff" // S + A - GOT
  | "gotpc" // GOT + A - P
  | "tpoff_neg" // TP(S) + A  (R_386_TLS_LE: negative offset)
  | "tpoff_pos" // -TP(S) + A (R_386_TLS_LE_32: positive offset)
  | "ie_abs" // absolute address of a GOT entry holding TP(S)   (R_386_TLS_IE)
  | "ie_got" // GOT-relative address of a GOT entry holding TP(S) (R_386_TLS_GOTIE)
  | "ie_got_pos" // GOT-relative address of a GOT entry holding -TP(S) (R_386_TLS_IE_32)
  | "dtpoff"; // S + A - start of the TLS segment (R_386_TLS_LDO_32; in code: TP offset)

/** Overflow rule: "none" (wraps, 32-bit), "bitfield" (signed or unsigned fits), "signed". */
export type Overflow = "none" | "bitfield" | "signed";

/** One relocation type. */
export interface RelocInfo {
  readonly name: string;
  readonly width: 1 | 2 | 4;
  readonly formula: RelocFormula;
  readonly overflow: Overflow;
}

const row = (
  name: string,
  width: 1 | 2 | 4,
  formula: RelocFormula,
  overflow: Overflow = "none",
) => ({
  name,
  width,
  formula,
  overflow,
});

/** Supported relocation types by ELF number. */
export const RELOCS: ReadonlyMap<number, RelocInfo> = new Map([
  [1, row("R_386_32", 4, "abs")],
  [2, row("R_386_PC32", 4, "pc")],
  [3, row("R_386_GOT32", 4, "got")],
  [4, row("R_386_PLT32", 4, "plt")],
  [9, row("R_386_GOTOFF", 4, "gotoff")],
  [10, row("R_386_GOTPC", 4, "gotpc")],
  [15, row("R_386_TLS_IE", 4, "ie_abs")],
  [16, row("R_386_TLS_GOTIE", 4, "ie_got")],
  [17, row("R_386_TLS_LE", 4, "tpoff_neg")],
  [20, row("R_386_16", 2, "abs", "bitfield")],
  [21, row("R_386_PC16", 2, "pc", "signed")],
  [22, row("R_386_8", 1, "abs", "bitfield")],
  [23, row("R_386_PC8", 1, "pc", "signed")],
  [32, row("R_386_TLS_LDO_32", 4, "dtpoff")],
  [33, row("R_386_TLS_IE_32", 4, "ie_got_pos")],
  [34, row("R_386_TLS_LE_32", 4, "tpoff_pos")],
  [43, row("R_386_GOT32X", 4, "got")],
]);

/** Names of known-but-unsupported types, for error messages. */
const UNSUPPORTED: Record<number, string> = {
  5: "R_386_COPY",
  6: "R_386_GLOB_DAT",
  7: "R_386_JUMP_SLOT",
  8: "R_386_RELATIVE",
  18: "R_386_TLS_GD",
  19: "R_386_TLS_LDM",
  39: "R_386_TLS_GOTDESC",
  40: "R_386_TLS_DESC_CALL",
  42: "R_386_IRELATIVE",
};

/** Width in bytes of a relocation field (4 for unknown types, which fail when applied). */
export function fieldWidth(type: number): number {
  return RELOCS.get(type)?.width ?? 4;
}

/** A printable name for any relocation type number. */
export function relocName(type: number): string {
  return RELOCS.get(type)?.name ?? UNSUPPORTED[type] ?? `type ${type}`;
}

/** True if the formula needs a GOT entry for the symbol. */
export function needsGotEntry(f: RelocFormula): "addr" | "tpoff" | "tpoff_pos" | null {
  if (f === "got") return "addr";
  if (f === "ie_abs" || f === "ie_got") return "tpoff";
  if (f === "ie_got_pos") return "tpoff_pos";
  return null;
}
