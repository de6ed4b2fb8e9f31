/**
 * ModRM/SIB/displacement encoding of an r/m operand (32- and 16-bit addressing).
 *
 * 32-bit: `(base)` uses mod 00 unless base is %ebp (needs a disp8 of 0); %esp as base
 * or any index needs a SIB byte; no base → disp32. A displacement known while parsing
 * is disp8 when it fits in a signed byte, else disp32; a symbolic one is disp32.
 * 16-bit (registers %bx/%bp/%si/%di): the eight fixed base/index pairs, disp16; the
 * caller adds the 0x67 prefix. Example: `-4(%ebp)` with reg field 0 → [45 fc];
 * `(%esp)` → [04 24]; `foo(,%eax,4)` → [04 85] + disp32 fixup.
 */

import { LineError, type SrcLoc } from "./errors.ts";
import type { Expr } from "./expr.ts";
import type { MemRef } from "./operand.ts";

/** A displacement or immediate field still to be written. */
export interface Field {
  readonly size: 1 | 2 | 4;
  readonly expr: Expr;
  readonly pcrel: boolean;
  /** Displacement of a GOT-relaxable instruction (see encode.ts `gotRelaxable`). */
  readonly gotx?: boolean;
}

/** Encoded ModRM (+SIB) and displacement. */
export interface RmBytes {
  readonly bytes: number[];
  readonly disp: Field | null;
  /** Constant displacement value (when `disp` is null but a displacement is encoded). */
  readonly dispConst: { size: 1 | 2 | 4; value: number } | null;
  readonly addr16: boolean;
}

/** Evaluates an expression now; null if not yet constant. */
export type Early = (e: Expr) => number | null;

const SCALE_BITS: Readonly<Record<number, number>> = { 1: 0, 2: 1, 4: 2, 8: 3 };

/** ModRM for a register operand. */
export function regRm(reg: number, rm: number): RmBytes {
  return { bytes: [0xc0 | (reg << 3) | rm], disp: null, dispConst: null, addr16: false };
}

/** ModRM/SIB/disp for memory operand `m` with reg field `reg`. */
export function memRm(reg: number, m: MemRef, early: Early, loc: SrcLoc): RmBytes {
  const r16 = m.base?.cls === "r16" || m.index?.cls === "r16";
  return r16 ? mem16(reg, m, early, loc) : mem32(reg, m, early, loc);
}

type DispKind = { mod: number; size: 0 | 1 | 2 | 4; k: number | null };

function dispKind(m: MemRef, early: Early, forceDisp: boolean, wide: 2 | 4): DispKind {
  if (!m.disp) return forceDisp ? { mod: 1, size: 1, k: 0 } : { mod: 0, size: 0, k: 0 };
  const k = early(m.disp);
  if (k === null) return { mod: 2, size: wide, k: null };
  if (k === 0 && !forceDisp) return { mod: 0, size: 0, k: 0 };
  if (k >= -128 && k <= 127) return { mod: 1, size: 1, k };
  return { mod: 2, size: wide, k };
}

function finish(bytes: number[], m: MemRef, d: DispKind, addr16: boolean): RmBytes {
  if (d.size === 0) return { bytes, disp: null, dispConst: null, addr16 };
  if (d.k === null) {
    return { bytes, disp: { size: d.size, expr: m.disp!, pcrel: false }, dispConst: null, addr16 };
  }
  return { bytes, disp: null, dispConst: { size: d.size, value: d.k }, addr16 };
}

function mem32(reg: number, m: MemRef, early: Early, loc: SrcLoc): RmBytes {
  const { base, index } = m;
  if ((base && base.cls !== "r32") || (index && index.cls !== "r32")) {
    throw new LineError("bad base/index register combination", loc);
  }
  if (index && index.num === 4) throw new LineError("%esp cannot be an index register", loc);
  if (!base && !index) {
    return finish([(reg << 3) | 5], m, { mod: 0, size: 4, k: early(m.disp!) }, false);
  }
  if (!base) {
    const sib = (SCALE_BITS[m.scale] << 6) | (index!.num << 3) | 5;
    return finish([(reg << 3) | 4, sib], m, { mod: 0, size: 4, k: early(m.disp ?? zero) }, false);
  }
  const d = dispKind(m, early, base.num === 5, 4);
  if (!index && base.num !== 4) return finish([(d.mod << 6) | (reg << 3) | base.num], m, d, false);
  const idx = index ? index.num : 4;
  const sib = (SCALE_BITS[index ? m.scale : 1] << 6) | (idx << 3) | base.num;
  return finish([(d.mod << 6) | (reg << 3) | 4, sib], m, d, false);
}

const zero: Expr = { op: "num", v: 0 };

/** 16-bit rm codes by "base,index" register names. */
const RM16: Readonly<Record<string, number>> = {
  "bx,si": 0,
  "bx,di": 1,
  "bp,si": 2,
  "bp,di": 3,
  "si,": 4,
  "di,": 5,
  "bp,": 6,
  "bx,": 7,
};

function mem16(reg: number, m: MemRef, early: Early, loc: SrcLoc): RmBytes {
  const key = `${m.base?.name ?? ""},${m.index?.name ?? ""}`;
  const rm = RM16[key] ?? (m.base ? undefined : RM16[`${m.index?.name},`]);
  if (rm === undefined || m.scale !== 1 || m.base?.cls === "r32" || m.index?.cls === "r32") {
    throw new LineError("bad 16-bit base/index register combination", loc);
  }
  const d = dispKind(m, early, rm === 6, 2);
  return finish([(d.mod << 6) | (reg << 3) | rm], m, d, true);
}

/** Default segment of a memory operand: SS for %ebp/%esp/%bp based, else DS (numbers as Seg). */
export function defaultSeg(m: MemRef): number {
  const b = m.base;
  if (
    b && ((b.cls === "r32" && (b.num === 4 || b.num === 5)) || (b.cls === "r16" && b.num === 5))
  ) {
    return 2;
  }
  return 3;
}

/** Segment override prefix bytes by segment number (ES CS SS DS FS GS). */
export const SEG_PREFIX: readonly number[] = [0x26, 0x2e, 0x36, 0x3e, 0x64, 0x65];
