/**
 * Arithmetic, logic, shift, rotate and bit-scan operations with exact i386 flag results.
 *
 * Each method takes operands already truncated to `size` (8, 16 or 32 bits; 8/16 as
 * non-negative numbers, 32 as int32), returns the truncated result and leaves the flags
 * in the lazy-flag state (see flags.ts). Nothing here touches registers or memory, so an
 * instruction may compute first and fault-check/write afterwards only if it checked its
 * writes beforehand (see fault.ts invariant).
 *
 * Undefined flags (SDM) get the value current Intel and AMD parts produce where they
 * agree; the golden-vector tests mask undefined flags.
 */
import { LazyFlags, LazyOp, sext, signBit, trunc } from "./flags.ts";
import { Flag } from "./regs.ts";

/** ALU operation numbers as encoded in opcodes 00-3F and group 1 (/0../7). */
export const enum AluOp {
  Add = 0,
  Or = 1,
  Adc = 2,
  Sbb = 3,
  And = 4,
  Sub = 5,
  Xor = 6,
  Cmp = 7,
}

/** Shift/rotate numbers as encoded in group 2 (/0../7); 6 is an alias of shl. */
export const enum ShiftOp {
  Rol = 0,
  Ror = 1,
  Rcl = 2,
  Rcr = 3,
  Shl = 4,
  Shr = 5,
  Sal = 6,
  Sar = 7,
}

export class Alu extends LazyFlags {
  /** Group-1 operation `op` on dst, src; returns the result (cmp returns dst). */
  alu(op: number, size: number, dst: number, src: number): number {
    let r: number;
    switch (op) {
      case AluOp.Add:
        r = trunc(size, dst + src);
        this.setLazy(LazyOp.Add, size, dst, src, r);
        return r;
      case AluOp.Or:
        r = trunc(size, dst | src);
        this.setLazy(LazyOp.Logic, size, dst, src, r);
        return r;
      case AluOp.Adc: {
        const c = this.cf();
        r = trunc(size, dst + src + c);
        this.setLazy(LazyOp.Adc, size, dst, src, r);
        this.lcin = c;
        return r;
      }
      case AluOp.Sbb: {
        const c = this.cf();
        r = trunc(size, dst - src - c);
        this.setLazy(LazyOp.Sbb, size, dst, src, r);
        this.lcin = c;
        return r;
      }
      case AluOp.And:
        r = trunc(size, dst & src);
        this.setLazy(LazyOp.Logic, size, dst, src, r);
        return r;
      case AluOp.Sub:
        r = trunc(size, dst - src);
        this.setLazy(LazyOp.Sub, size, dst, src, r);
        return r;
      case AluOp.Xor:
        r = trunc(size, dst ^ src);
        this.setLazy(LazyOp.Logic, size, dst, src, r);
        return r;
      default:
        this.setLazy(LazyOp.Sub, size, dst, src, trunc(size, dst - src));
        return dst;
    }
  }

  /**
   * `alu` specialised for 32-bit operands (the hot path). `alu32` and `alu8` repeat
   * `alu`'s cases with the size folded in on purpose: V8 compiles each to straight-line
   * code without the size dispatch, which measurably speeds up the interpreter.
   */
  alu32(op: number, dst: number, src: number): number {
    let r: number;
    switch (op) {
      case AluOp.Add:
        r = (dst + src) | 0;
        this.setLazy(LazyOp.Add, 32, dst, src, r);
        return r;
      case AluOp.Sub:
        r = (dst - src) | 0;
        this.setLazy(LazyOp.Sub, 32, dst, src, r);
        return r;
      case AluOp.Cmp:
        this.setLazy(LazyOp.Sub, 32, dst, src, (dst - src) | 0);
        return dst;
      case AluOp.Xor:
        r = dst ^ src;
        this.setLazy(LazyOp.Logic, 32, dst, src, r);
        return r;
      case AluOp.And:
        r = dst & src;
        this.setLazy(LazyOp.Logic, 32, dst, src, r);
        return r;
      case AluOp.Or:
        r = dst | src;
        this.setLazy(LazyOp.Logic, 32, dst, src, r);
        return r;
      default:
        return this.alu(op, 32, dst, src);
    }
  }

  /** `alu` specialised for byte operands. */
  alu8(op: number, dst: number, src: number): number {
    let r: number;
    switch (op) {
      case AluOp.Add:
        r = (dst + src) & 0xff;
        this.setLazy(LazyOp.Add, 8, dst, src, r);
        return r;
      case AluOp.Sub:
        r = (dst - src) & 0xff;
        this.setLazy(LazyOp.Sub, 8, dst, src, r);
        return r;
      case AluOp.Cmp:
        this.setLazy(LazyOp.Sub, 8, dst, src, (dst - src) & 0xff);
        return dst;
      case AluOp.Xor:
        r = dst ^ src;
        this.setLazy(LazyOp.Logic, 8, dst, src, r);
        return r;
      case AluOp.And:
        r = dst & src;
        this.setLazy(LazyOp.Logic, 8, dst, src, r);
        return r;
      case AluOp.Or:
        r = dst | src;
        this.setLazy(LazyOp.Logic, 8, dst, src, r);
        return r;
      default:
        return this.alu(op, 8, dst, src);
    }
  }

  inc(size: number, v: number): number {
    this.keepCarry();
    const r = trunc(size, v + 1);
    this.setLazy(LazyOp.Inc, size, v, 1, r);
    return r;
  }

  inc32(v: number): number {
    this.keepCarry();
    const r = (v + 1) | 0;
    this.setLazy(LazyOp.Inc, 32, v, 1, r);
    return r;
  }

  dec32(v: number): number {
    this.keepCarry();
    const r = (v - 1) | 0;
    this.setLazy(LazyOp.Dec, 32, v, 1, r);
    return r;
  }

  dec(size: number, v: number): number {
    this.keepCarry();
    const r = trunc(size, v - 1);
    this.setLazy(LazyOp.Dec, size, v, 1, r);
    return r;
  }

  neg(size: number, v: number): number {
    const r = trunc(size, -v);
    this.setLazy(LazyOp.Sub, size, 0, v, r);
    return r;
  }

  /** Group-2 shift/rotate of `v` by `count` (already read from CL/imm, not yet masked). */
  shift(op: number, size: number, v: number, count: number): number {
    count &= 31;
    if (count === 0) return v;
    switch (op) {
      case ShiftOp.Rol:
        return this.rol(size, v, count);
      case ShiftOp.Ror:
        return this.ror(size, v, count);
      case ShiftOp.Rcl:
        return this.rcl(size, v, count);
      case ShiftOp.Rcr:
        return this.rcr(size, v, count);
      case ShiftOp.Shr:
        return this.shr(size, v, count);
      case ShiftOp.Sar:
        return this.sar(size, v, count);
      default:
        return this.shl(size, v, count);
    }
  }

  private shl(size: number, v: number, n: number): number {
    const r = trunc(size, n < 32 ? v << n : 0);
    const cf = n <= size ? ((v << (n - 1)) >>> (size - 1)) & 1 : 0;
    const of = ((r >>> (size - 1)) & 1) ^ cf;
    this.setResult(size, r, cf | (of << 11));
    return r;
  }

  private shr(size: number, v: number, n: number): number {
    const u = v >>> 0;
    const r = trunc(size, u >>> n);
    const cf = (u >>> (n - 1)) & 1;
    const of = n === 1 ? (u >>> (size - 1)) & 1 : 0;
    this.setResult(size, r, cf | (of << 11));
    return r;
  }

  private sar(size: number, v: number, n: number): number {
    const s = sext(size, v);
    const r = trunc(size, s >> n);
    const cf = (s >> (n - 1)) & 1;
    this.setResult(size, r, cf);
    return r;
  }

  private rol(size: number, v: number, count: number): number {
    const n = count & (size - 1);
    const r = n === 0 ? v : trunc(size, (v << n) | ((v >>> 0) >>> (size - n)));
    const cf = r & 1;
    const of = ((r >>> (size - 1)) & 1) ^ cf;
    this.rotateFlags(cf, of);
    return r;
  }

  private ror(size: number, v: number, count: number): number {
    const n = count & (size - 1);
    const u = v >>> 0;
    const r = n === 0 ? v : trunc(size, (u >>> n) | (u << (size - n)));
    const msb = (r >>> (size - 1)) & 1;
    const of = msb ^ ((r >>> (size - 2)) & 1);
    this.rotateFlags(msb, of);
    return r;
  }

  private rcl(size: number, v: number, count: number): number {
    const n = size === 32 ? count : count % (size + 1);
    if (n === 0) return v;
    let r = v >>> 0;
    let cf = this.cf();
    for (let i = 0; i < n; i++) {
      const out = (r >>> (size - 1)) & 1;
      r = trunc(size, (r << 1) | cf) >>> 0;
      cf = out;
    }
    const of = ((r >>> (size - 1)) & 1) ^ cf;
    this.rotateFlags(cf, of);
    return trunc(size, r);
  }

  private rcr(size: number, v: number, count: number): number {
    const n = size === 32 ? count : count % (size + 1);
    if (n === 0) return v;
    let r = v >>> 0;
    let cf = this.cf();
    const of = ((r >>> (size - 1)) & 1) ^ cf;
    for (let i = 0; i < n; i++) {
      const out = r & 1;
      r = ((r >>> 1) | (cf << (size - 1))) >>> 0;
      cf = out;
    }
    this.rotateFlags(cf, of);
    return trunc(size, r);
  }

  /** Rotates change only CF and OF. */
  private rotateFlags(cf: number, of: number): void {
    this.materialize();
    this.flags = (this.flags & ~(Flag.CF | Flag.OF)) | cf | (of << 11);
  }

  /** shld: shifts `dst` left by `count`, filling from the high bits of `src`. */
  shld(size: number, dst: number, src: number, count: number): number {
    const n = count & 31;
    if (n === 0) return dst;
    const d = dst >>> 0, s = src >>> 0;
    let r: number, cf: number;
    if (size === 32) {
      r = (d << n) | (s >>> (32 - n));
      cf = (d >>> (32 - n)) & 1;
    } else {
      // 16-bit: dst:src shifted as one 32-bit value; for counts > 16 (undefined in the
      // SDM) Intel continues with src:dst, which this reproduces.
      const w = n <= 16 ? ((d << 16) | s) >>> 0 : ((s << 16) | d) >>> 0;
      const k = n <= 16 ? n : n - 16;
      r = (w << k) >>> 16;
      cf = ((w << (k - 1)) >>> 31) & 1;
    }
    r = trunc(size, r);
    const of = ((r ^ dst) >>> (size - 1)) & 1;
    this.setResult(size, r, cf | (of << 11));
    return r;
  }

  /** shrd: shifts `dst` right by `count`, filling from the low bits of `src`. */
  shrd(size: number, dst: number, src: number, count: number): number {
    const n = count & 31;
    if (n === 0) return dst;
    const d = dst >>> 0, s = src >>> 0;
    let r: number, cf: number;
    if (size === 32) {
      r = (d >>> n) | (s << (32 - n));
      cf = (d >>> (n - 1)) & 1;
    } else if (n <= 16) {
      r = ((d | (s << 16)) >>> n) | (d << (32 - n));
      cf = (d >>> (n - 1)) & 1;
    } else {
      const wide = (s | (d << 16)) >>> 0;
      r = (wide >>> (n - 16)) | (s << (48 - n));
      cf = (wide >>> (n - 17)) & 1;
    }
    r = trunc(size, r);
    const of = ((r ^ dst) >>> (size - 1)) & 1;
    this.setResult(size, r, cf | (of << 11));
    return r;
  }

  /** bsf/bsr: returns the bit index, or -1 for a zero source (ZF=1, destination kept). */
  bitScan(size: number, v: number, reverse: boolean): number {
    this.materialize();
    const u = trunc(size, v) >>> 0;
    if (u === 0) {
      this.flags |= Flag.ZF;
      return -1;
    }
    this.flags &= ~Flag.ZF;
    return reverse ? 31 - Math.clz32(u) : 31 - Math.clz32(u & -u);
  }

  /** bt family: sets CF to bit `bit` of v; returns v with the bit changed per `op` (0 bt, 1 bts, 2 btr, 3 btc). */
  bitTest(op: number, size: number, v: number, bit: number): number {
    const m = 1 << (bit & (size - 1));
    this.materialize();
    this.flags = (this.flags & ~Flag.CF) | ((v & m) !== 0 ? 1 : 0);
    switch (op) {
      case 1:
        return trunc(size, v | m);
      case 2:
        return trunc(size, v & ~m);
      case 3:
        return trunc(size, v ^ m);
      default:
        return v;
    }
  }

  /** Two/three-operand imul on 32-bit values: truncated product, CF=OF on overflow. */
  imul32(a: number, b: number): number {
    const lo = Math.imul(a, b);
    this.mulFlags(32, lo, mulHighS32(a, b) !== (lo >> 31));
    return lo;
  }

  /** Sets the flags of a multiply: CF=OF=`overflow`; SF/ZF/PF from the low result, AF=0. */
  mulFlags(size: number, low: number, overflow: boolean): void {
    this.setResult(size, low, overflow ? Flag.CF | Flag.OF : 0);
  }
}

/** High 32 bits of the unsigned 64-bit product of two uint32 values. */
export function mulHighU32(a: number, b: number): number {
  const a0 = a & 0xffff, a1 = a >>> 16, b0 = b & 0xffff, b1 = b >>> 16;
  const p00 = a0 * b0, p01 = a0 * b1, p10 = a1 * b0;
  const mid = (p00 >>> 16) + (p01 & 0xffff) + (p10 & 0xffff);
  return (a1 * b1 + Math.floor(p01 / 65536) + Math.floor(p10 / 65536) + Math.floor(mid / 65536)) >>>
    0;
}

/** High 32 bits (int32) of the signed 64-bit product of two int32 values. */
export function mulHighS32(a: number, b: number): number {
  let hi = mulHighU32(a >>> 0, b >>> 0);
  if (a < 0) hi -= b;
  if (b < 0) hi -= a;
  return hi | 0;
}

/**
 * Unsigned divide of the 64-bit value hi:lo by d (all uint32, d != 0, hi < d so the
 * quotient fits 32 bits). Returns the quotient; the remainder is left in `divRem.r`.
 * Works in base 2^16 so every intermediate stays below 2^53.
 */
export function divU64By32(hi: number, lo: number, d: number): number {
  let r = hi;
  let t = r * 65536 + (lo >>> 16);
  const q1 = Math.floor(t / d);
  r = t - q1 * d;
  t = r * 65536 + (lo & 0xffff);
  const q0 = Math.floor(t / d);
  divRem.r = t - q0 * d;
  return (q1 * 65536 + q0) >>> 0;
}

/** Remainder of the last `divU64By32` call. */
export const divRem = { r: 0 };

export { sext, signBit, trunc };
