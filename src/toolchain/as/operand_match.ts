/**
 * Does an operand fit an opcode-table operand spec at a given operand size?
 *
 * Specs are those of `opcodes.ts` (Intel notation). Memory operands fit any r/m spec
 * whatever the size (the suffix or a register decides the size); immediates fit `I*`
 * specs, and `Ibs` only when the value is known now and fits a sign-extended byte at
 * the operand size (GNU picks opcode 83 exactly then); `1` only for the constant 1.
 */

import type { Expr } from "./expr.ts";
import type { Early } from "./modrm.ts";
import type { Operand, Register } from "./operand.ts";
import { regBits } from "./operand.ts";
import type { Size } from "./mnemonics.ts";

const SEGS = ["ES", "CS", "SS", "DS", "FS", "GS"];
const FIXED_REGS: Readonly<Record<string, string>> = { AL: "al", AX: "ax", CL: "cl", DX: "dx" };

function isGpr(r: Register, bits: number): boolean {
  return (r.cls === "r8" || r.cls === "r16" || r.cls === "r32") && regBits(r) === bits;
}

/** Spec letter group → register size it takes at operand size `sz`. */
function regSize(spec: string, sz: Size): number {
  const last = spec[1];
  return last === "b" ? 8 : last === "w" ? 16 : last === "d" ? 32 : sz;
}

/** True if `op` can be encoded as `spec` at size `sz`. */
export function fits(spec: string, op: Operand, sz: Size, early: Early): boolean {
  if (isRmSpec(spec) && spec[0] === "E") {
    if (op.kind === "mem") return true;
    return op.kind === "reg" && isGpr(op.reg, regSize(spec, sz));
  }
  if (op.kind === "mem" || op.kind === "reg") {
    if (op.indirect) return false;
  }
  if (spec === "M" || spec === "Mq") return op.kind === "mem";
  if (/^[GZ][bwv]$/.test(spec)) {
    return op.kind === "reg" && isGpr(op.reg, regSize(spec, sz));
  }
  if (spec === "Sw") return op.kind === "reg" && op.reg.cls === "seg";
  if (spec === "ST") return op.kind === "reg" && op.reg.cls === "st" && op.reg.num === 0;
  if (spec === "STi") return op.kind === "reg" && op.reg.cls === "st";
  if (spec[0] === "O") {
    const m = op.kind === "mem" ? op.mem : null;
    return !!m && !m.base && !m.index && m.disp !== null && !usesGot(m.disp);
  }
  if (spec[0] === "I") return op.kind === "imm" && (spec !== "Ibs" || fitsIbs(op, sz, early));
  if (spec === "1") return op.kind === "imm" && early(op.expr) === 1;
  if (spec === "eAX") return op.kind === "reg" && isGpr(op.reg, sz) && op.reg.num === 0;
  if (spec in FIXED_REGS) return op.kind === "reg" && op.reg.name === FIXED_REGS[spec];
  if (SEGS.includes(spec)) return op.kind === "reg" && op.reg.name === spec.toLowerCase();
  return false;
}

/** True if `e` contains `sym@GOT` (GNU as never uses the moffs form for it). */
function usesGot(e: Expr): boolean {
  if (e.op === "sym") return e.reloc === "GOT";
  if (e.op === "un") return usesGot(e.a);
  if (e.op === "bin") return usesGot(e.a) || usesGot(e.b);
  return false;
}

/** True for r/m specs (ModRM rm field): Eb Ew Ed Ev M Mq. */
export function isRmSpec(spec: string): boolean {
  return /^(E[bwdv]|Mq?)$/.test(spec);
}

function fitsIbs(op: Operand & { kind: "imm" }, sz: Size, early: Early): boolean {
  const v = early(op.expr);
  if (v === null) return false;
  const bits = BigInt(sz);
  const t = BigInt.asIntN(Number(bits), BigInt(Math.trunc(v)));
  return t >= -128n && t <= 127n && inRange(v, sz);
}

/** True if constant `v` fits a field of `bits` bits, signed or unsigned. */
export function inRange(v: number, bits: number): boolean {
  return v >= -(2 ** (bits - 1)) && v < 2 ** bits;
}
