/**
 * ModRM / SIB / displacement encoding for the vector generator, with address solving:
 * given the effective address an instance wants its memory operand at, pick a random
 * addressing form (any mod, rm, SIB scale/index/base, disp8/disp32, no-base disp32) and
 * the base/index register values that produce that address (mod 2^32, so disp32 forms
 * also exercise wrap-around).
 *
 * Example: target 0x20000ff0 with SIB base=EBX index=ESI scale=2 disp8=-4 and ESI=0x10
 * gives EBX = 0x20000ff0 + 4 - (0x10 << 2) = 0x20000fb4.
 */
import type { Rng } from "./prng.ts";

/** An encoded r/m operand: the ModRM fields, optional SIB, and displacement. */
export interface RmForm {
  mod: number;
  rm: number;
  /** SIB byte or -1. */
  sib: number;
  disp: number;
  /** Displacement size in bytes: 0, 1, 2 (16-bit addressing) or 4. */
  dispSize: number;
  /** Register values the form needs: [reg, value]. */
  assign: [number, number][];
}

/** Emits ModRM (with `reg`), SIB and displacement bytes for `f`. */
export function emitRm(f: RmForm, reg: number, out: number[]): void {
  out.push((f.mod << 6) | ((reg & 7) << 3) | f.rm);
  if (f.sib >= 0) out.push(f.sib);
  for (let i = 0; i < f.dispSize; i++) out.push((f.disp >>> (8 * i)) & 0xff);
}

/** The register form (mod = 3) naming register `r`. */
export function regForm(r: number): RmForm {
  return { mod: 3, rm: r & 7, sib: -1, disp: 0, dispSize: 0, assign: [] };
}

/** Multiplicative inverses mod 2^32 of 1 + 2^scale for scale 1..3. */
const INVERSE = [0, 0xaaaaaaab, 0xcccccccd, 0x38e38e39];

function pickDisp(rng: Rng, size: number): number {
  if (size === 1) return rng.range(-128, 127);
  if (size === 4) return rng.chance(0.5) ? rng.range(-0x200, 0x200) : rng.i32();
  return 0;
}

function pickIndex(rng: Rng): number {
  return rng.chance(0.6) ? rng.range(-0x100, 0x100) : rng.i32();
}

/** Solves base/index values for `target`; returns null when the form cannot reach it. */
function solve(
  rng: Rng,
  base: number,
  index: number,
  scale: number,
  f: RmForm,
  target: number,
): RmForm | null {
  if (base < 0 && index < 0) {
    f.disp = target | 0;
  } else if (base < 0) {
    const idx = pickIndex(rng);
    f.disp = (target - (idx << scale)) | 0;
    f.assign.push([index, idx]);
  } else if (index < 0) {
    f.assign.push([base, (target - f.disp) | 0]);
  } else if (base !== index) {
    const idx = pickIndex(rng);
    f.assign.push([index, idx], [base, (target - f.disp - (idx << scale)) | 0]);
  } else {
    let x = (target - f.disp) | 0;
    if (scale === 0) {
      if (x & 1) {
        if (f.dispSize === 0) return null;
        f.disp = f.dispSize === 1 && f.disp === 127 ? f.disp - 1 : f.disp + 1;
        x = (target - f.disp) | 0;
      }
      f.assign.push([base, x >> 1]);
    } else {
      f.assign.push([base, Math.imul(x, INVERSE[scale])]);
    }
  }
  return f;
}

/**
 * A random 32-bit-addressing memory form whose effective address is `target`, using no
 * register in `reserved` as base or index.
 */
export function memForm32(rng: Rng, target: number, reserved: ReadonlySet<number>): RmForm {
  for (;;) {
    const mod = rng.below(3);
    const rm = rng.below(8);
    let base = rm;
    let index = -1;
    let scale = 0;
    let sib = -1;
    if (rm === 4) {
      scale = rng.below(4);
      const i = rng.below(8);
      const b = rng.below(8);
      sib = (scale << 6) | (i << 3) | b;
      index = i === 4 ? -1 : i;
      base = b === 5 && mod === 0 ? -1 : b;
    } else if (rm === 5 && mod === 0) base = -1;
    if (reserved.has(base) || reserved.has(index)) continue;
    const dispSize = mod === 1 ? 1 : mod === 2 || base < 0 ? 4 : 0;
    const f: RmForm = { mod, rm, sib, disp: pickDisp(rng, dispSize), dispSize, assign: [] };
    const solved = solve(rng, base, index, scale, f, target);
    if (solved) return solved;
  }
}

/** A random 16-bit-addressing (67 prefix) memory form; registers keep their values. */
export function memForm16(rng: Rng): RmForm {
  const mod = rng.below(3);
  const rm = rng.below(8);
  const dispSize = mod === 1 ? 1 : mod === 2 || (mod === 0 && rm === 6) ? 2 : 0;
  const disp = dispSize === 1 ? rng.range(-128, 127) : rng.below(0x10000);
  return { mod, rm, sib: -1, disp, dispSize, assign: [] };
}
