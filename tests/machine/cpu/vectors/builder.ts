/**
 * One instruction instance under construction: its bytes, initial registers, EFLAGS,
 * memory patches and flag mask, with helpers to place operand values of 8/16/32 bits in
 * registers (AL..BH numbering for bytes) or in memory.
 *
 * Registers that hold an address (ModRM base/index, ESI/EDI/ESP of string and stack
 * instructions) are `locked`: later operand values do not overwrite them.
 */
import type { OpcodeRow } from "../../../../src/machine/cpu/opcodes.ts";
import type { Patch } from "./format.ts";
import { ALL_FLAGS } from "./flag_masks.ts";
import { CODE_OFFSET, inWindow } from "./layout.ts";
import type { Rng } from "./prng.ts";

/** A generated instance before it has run on the host. */
export interface Instance {
  row: OpcodeRow;
  code: Uint8Array;
  offset: number;
  regs: Int32Array;
  eflags: number;
  seed: number;
  patches: Patch[];
  mask: number;
  /** For priv/ud rows: the vector the row promises; other host outcomes are dropped. */
  expect: number;
}

export const EDGE32 = [
  0,
  1,
  -1,
  0x7fffffff,
  0x80000000,
  0x80,
  0x7f,
  0xff,
  0x8000,
  0xffff,
  0x7fff,
  0x100,
  2,
  -2,
  0x10000,
  0x80000001,
  0xffff8000,
  0xff00,
];
export const EDGE16 = [0, 1, 0xffff, 0x7fff, 0x8000, 0x80, 0x7f, 0xff, 0x100, 0xfffe, 0x8001];
export const EDGE8 = [0, 1, 0xff, 0x7f, 0x80, 0xfe, 0x81, 0x0f, 0x10];

const STATUS = 0x8d5; // CF PF AF ZF SF OF

/** Mask of an operand of `bits` bits. */
export function sizeMask(bits: number): number {
  return bits === 32 ? -1 : (1 << bits) - 1;
}

export class Builder {
  readonly bytes: number[] = [];
  readonly regs = new Int32Array(8);
  readonly locked = new Set<number>();
  readonly patches: Patch[] = [];
  eflags: number;
  mask = ALL_FLAGS;
  offset = CODE_OFFSET;
  o16 = false;
  a16 = false;
  /** Effective address of the memory operand, or -1 when none / register form. */
  ea = -1;
  /** ModRM rm register for a register-form E operand, else -1. */
  eReg = -1;
  /** ModRM reg field value. */
  reg = 0;
  expect = 255;

  constructor(readonly row: OpcodeRow, readonly rng: Rng) {
    for (let i = 0; i < 8; i++) regs32(this, i);
    this.eflags = 0x202 | (rng.i32() & STATUS) | (rng.chance(0.25) ? 0x400 : 0);
  }

  /** A value of `bits` bits: an edge value with probability 0.6, else random. */
  value(bits: number): number {
    const r = this.rng;
    if (r.chance(0.6)) {
      const e = bits === 8 ? EDGE8 : bits === 16 ? EDGE16 : EDGE32;
      return r.pick(e) & sizeMask(bits);
    }
    return r.i32() & sizeMask(bits);
  }

  /** Sets register `r` (byte-register numbering when bits = 8) unless it is locked. */
  setReg(bits: number, r: number, v: number): void {
    const phys = bits === 8 ? r & 3 : r;
    if (this.locked.has(phys)) return;
    if (bits === 32) this.regs[r] = v;
    else if (bits === 16) this.regs[r] = (this.regs[r] & ~0xffff) | (v & 0xffff);
    else {
      const sh = r < 4 ? 0 : 8;
      this.regs[phys] = (this.regs[phys] & ~(0xff << sh)) | ((v & 0xff) << sh);
    }
  }

  /** Reads register `r` as `bits` bits (unsigned for 8/16). */
  getReg(bits: number, r: number): number {
    if (bits === 32) return this.regs[r];
    if (bits === 16) return this.regs[r] & 0xffff;
    return (this.regs[r & 3] >> (r < 4 ? 0 : 8)) & 0xff;
  }

  /** Sets and locks a 32-bit register holding an address. */
  lockReg(r: number, v: number): void {
    this.regs[r] = v;
    this.locked.add(r);
  }

  /** Writes `bits` bits of `v` at `addr` into the initial windows (ignored outside them). */
  setMem(addr: number, bits: number, v: number): void {
    if (!inWindow(addr, bits >> 3)) return;
    const bytes = new Uint8Array(bits >> 3);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (v >>> (8 * i)) & 0xff;
    this.patches.push({ addr: addr >>> 0, bytes });
  }

  /** Sets the E operand (register or memory form) to `v`. */
  setE(bits: number, v: number): void {
    if (this.eReg >= 0) this.setReg(bits, this.eReg, v);
    else if (this.ea !== -1) this.setMem(this.ea, bits, v);
  }

  /** Current value of the E operand as placed so far (memory: last patch covering it). */
  getE(bits: number): number {
    if (this.eReg >= 0) return this.getReg(bits, this.eReg);
    for (let i = this.patches.length - 1; i >= 0; i--) {
      const p = this.patches[i];
      if (p.addr === this.ea >>> 0 && p.bytes.length * 8 >= bits) {
        let v = 0;
        for (let k = (bits >> 3) - 1; k >= 0; k--) v = (v << 8) | p.bytes[k];
        return v & sizeMask(bits);
      }
    }
    return 0;
  }

  /** Sets the status flags in `bits` (e.g. CF) to `on`. */
  flag(bits: number, on: boolean): void {
    this.eflags = on ? this.eflags | bits : this.eflags & ~bits;
  }

  /** The finished instance. */
  finish(seed: number): Instance {
    return {
      row: this.row,
      code: Uint8Array.from(this.bytes),
      offset: this.offset,
      regs: this.regs.slice(),
      eflags: this.eflags,
      seed,
      patches: this.patches,
      mask: this.mask,
      expect: this.expect,
    };
  }
}

function regs32(b: Builder, i: number): void {
  b.regs[i] = b.rng.chance(0.3) ? b.rng.pick(EDGE32) : b.rng.i32();
}
