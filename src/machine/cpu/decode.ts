/**
 * Table-driven instruction decoding: the length and shape of an instruction derived
 * only from the opcode table (opcodes.ts `decodeInfo`), independent of the executors.
 *
 * Uses: the syscall tracer and fault reports (what instruction is at EIP), the kernel
 * skipping an instruction, and the consistency test that checks every executor consumes
 * exactly the bytes the table says (tests/machine/cpu/decode_test.ts).
 *
 * Example: bytes 66 81 44 24 08 34 12 (addw $0x1234, 8(%esp)) decode to
 * { prefixes: 1, opcode: 0x81, modrm: 0x44, length: 7 }.
 */
import { Dec, decodeInfo, Imm, immForReg } from "./opcodes.ts";

/** The shape of one decoded instruction. */
export interface DecodedShape {
  /** Number of prefix bytes. */
  prefixes: number;
  /** Opcode number: 0x000-0x0FF one-byte, 0x100-0x1FF for 0F xx; -1 if undefined. */
  opcode: number;
  /** ModRM byte or -1. */
  modrm: number;
  /** Total length in bytes, or -1 if the opcode is undefined or longer than 15 bytes. */
  length: number;
}

const PREFIXES = new Set([0x26, 0x2e, 0x36, 0x3e, 0x64, 0x65, 0x66, 0x67, 0xf0, 0xf2, 0xf3]);

/** Length of a ModRM-addressed operand's SIB/displacement bytes after the ModRM byte. */
function modrmExtra(modrm: number, sib: number, a16: boolean): number {
  const mod = modrm >> 6, rm = modrm & 7;
  if (mod === 3) return 0;
  if (a16) {
    if (mod === 0) return rm === 6 ? 2 : 0;
    return mod === 1 ? 1 : 2;
  }
  let n = 0;
  if (rm === 4) {
    n = 1;
    if (mod === 0 && (sib & 7) === 5) n += 4;
  }
  if (mod === 0 && rm === 5) return 4;
  return n + (mod === 1 ? 1 : mod === 2 ? 4 : 0);
}

function immBytes(kind: number, o16: boolean, a16: boolean): number {
  switch (kind) {
    case Imm.B:
    case Imm.CB:
      return 1;
    case Imm.W:
      return 2;
    case Imm.Z:
    case Imm.CZ:
      return o16 ? 2 : 4;
    case Imm.MO:
      return a16 ? 2 : 4;
    default:
      return 0;
  }
}

/**
 * Decodes the shape of the instruction whose bytes `byteAt(0)`, `byteAt(1)`, ... are.
 * Never throws; undefined opcodes give length -1.
 */
export function decodeShape(byteAt: (i: number) => number): DecodedShape {
  let i = 0, o16 = false, a16 = false;
  while (i < 15 && PREFIXES.has(byteAt(i))) {
    if (byteAt(i) === 0x66) o16 = true;
    if (byteAt(i) === 0x67) a16 = true;
    i++;
  }
  const prefixes = i;
  let opcode = byteAt(i++);
  if (opcode === 0x0f) opcode = 0x100 | byteAt(i++);
  let info = decodeInfo[opcode];
  if ((info & Dec.Valid) === 0) return { prefixes, opcode: -1, modrm: -1, length: -1 };
  let modrm = -1;
  if (info & Dec.ModRM) {
    modrm = byteAt(i++);
    if (info & Dec.ImmByReg) info = (info & 3) | immForReg[opcode * 8 + ((modrm >> 3) & 7)];
    i += modrmExtra(modrm, byteAt(i), a16);
  }
  for (let k = 0; k < 2; k++) i += immBytes((info >> (Dec.ImmShift + 3 * k)) & 7, o16, a16);
  return { prefixes, opcode, modrm, length: i <= 15 ? i : -1 };
}
