/**
 * Architecturally defined EFLAGS per instruction instance (Intel SDM vol. 2 "Flags
 * Affected"): the replay test compares `getEflags() & mask`. Flags an instruction leaves
 * unchanged are defined (they must keep their value); flags the SDM calls undefined are
 * left out. DF is always compared; popf also compares ID, IF and IOPL.
 */

const CF = 0x1, PF = 0x4, AF = 0x10, ZF = 0x40, SF = 0x80, OF = 0x800, DF = 0x400;
const IF = 0x200, IOPL = 0x3000, ID = 0x200000;

/** The six status flags and DF: the mask of an instruction with no undefined flags. */
export const ALL_FLAGS = CF | PF | AF | ZF | SF | OF | DF;

/** Flags undefined after each mnemonic regardless of operands. */
const UNDEFINED: Record<string, number> = {
  and: AF,
  or: AF,
  xor: AF,
  test: AF,
  mul: SF | ZF | AF | PF,
  imul: SF | ZF | AF | PF,
  div: CF | PF | AF | ZF | SF | OF,
  idiv: CF | PF | AF | ZF | SF | OF,
  bt: OF | SF | AF | PF,
  bts: OF | SF | AF | PF,
  btr: OF | SF | AF | PF,
  btc: OF | SF | AF | PF,
  bsf: CF | PF | AF | SF | OF,
  bsr: CF | PF | AF | SF | OF,
  aaa: OF | SF | ZF | PF,
  aas: OF | SF | ZF | PF,
  daa: OF,
  das: OF,
  aam: OF | AF | CF,
  aad: OF | AF | CF,
};

const SHIFTS = new Set(["shl", "sal", "shr", "sar"]);
const ROTATES = new Set(["rol", "ror", "rcl", "rcr"]);

/**
 * The mask for mnemonic `name` (canonical, from the opcode row). For shifts, rotates
 * and shld/shrd `count` is the raw count operand and `bits` the operand size.
 */
export function flagMask(name: string, count = 0, bits = 32): number {
  if (name === "popf") return ALL_FLAGS | ID | IF | IOPL;
  const masked = count & 31;
  if (SHIFTS.has(name)) {
    if (masked === 0) return ALL_FLAGS;
    let undef = AF | (masked === 1 ? 0 : OF);
    if (name !== "sar" && masked >= bits) undef |= CF;
    return ALL_FLAGS & ~undef;
  }
  if (ROTATES.has(name)) return masked === 1 || masked === 0 ? ALL_FLAGS : ALL_FLAGS & ~OF;
  if (name === "shld" || name === "shrd") {
    if (masked === 0) return ALL_FLAGS;
    return ALL_FLAGS & ~(AF | (masked === 1 ? 0 : OF));
  }
  return ALL_FLAGS & ~(UNDEFINED[name] ?? 0);
}
