/**
 * Lazy EFLAGS: arithmetic instructions record their operands and result; the six status
 * flags are computed only when something reads them (jcc, setcc, pushf, adc ...).
 *
 * State: `flags` holds every EFLAGS bit that is not lazy right now. `lop` says which
 * arithmetic flags are lazy and how to compute them from `lsize` (8, 16 or 32), `ldst`,
 * `lsrc`, `lres` and `lcin` (carry-in of adc/sbb). Values are stored truncated to the
 * operand size: 8/16-bit values as non-negative masked numbers, 32-bit as int32.
 *
 * | lop    | lazy flags           | from `flags` |
 * |--------|----------------------|--------------|
 * | None   | -                    | all          |
 * | Add/Adc| CF PF AF ZF SF OF    | -            |
 * | Sub/Sbb| CF PF AF ZF SF OF    | - (neg is Sub with dst 0) |
 * | Logic  | CF=OF=AF=0, PF ZF SF | -            |
 * | Inc/Dec| PF AF ZF SF OF       | CF           |
 * | Result | PF ZF SF             | CF AF OF     |
 *
 * Invariant: whoever sets `lop` to Inc/Dec/Result first moves the flags it keeps
 * (CF, or CF/AF/OF) into `flags` (see `keepCarry`, `setResult`).
 */
import { ARITH_FLAGS, Flag, USER_WRITABLE_FLAGS } from "./regs.ts";

export const enum LazyOp {
  None = 0,
  Add = 1,
  Adc = 2,
  Sub = 3,
  Sbb = 4,
  Logic = 5,
  Inc = 6,
  Dec = 7,
  Result = 8,
}

/** PARITY[b] is Flag.PF when byte b has an even number of set bits. */
const PARITY: Uint8Array = (() => {
  const t = new Uint8Array(256);
  for (let i = 0; i < 256; i++) {
    let bits = 0;
    for (let v = i; v; v >>= 1) bits += v & 1;
    t[i] = bits & 1 ? 0 : Flag.PF;
  }
  return t;
})();

/** Sign bit of an operand of `size` bits, as int32. */
export function signBit(size: number): number {
  return 1 << (size - 1);
}

/** Truncates `v` to `size` bits (8/16: non-negative; 32: int32). */
export function trunc(size: number, v: number): number {
  return size === 32 ? v | 0 : size === 16 ? v & 0xffff : v & 0xff;
}

/** Sign-extends a `size`-bit value to int32. */
export function sext(size: number, v: number): number {
  return size === 32 ? v | 0 : size === 16 ? (v << 16) >> 16 : (v << 24) >> 24;
}

/** The lazy flag engine; the CPU extends it. */
export class LazyFlags {
  /** Non-lazy EFLAGS bits (see module contract). Bit 1 is kept set. */
  flags: number = Flag.FIXED | Flag.IF;
  lop: LazyOp = LazyOp.None;
  lsize = 32;
  ldst = 0;
  lsrc = 0;
  lres = 0;
  lcin = 0;

  /** Carry flag as 0/1. */
  cf(): number {
    switch (this.lop) {
      case LazyOp.Add:
        return (this.lres >>> 0) < (this.ldst >>> 0) ? 1 : 0;
      case LazyOp.Adc:
        return this.lcin
          ? ((this.lres >>> 0) <= (this.ldst >>> 0) ? 1 : 0)
          : ((this.lres >>> 0) < (this.ldst >>> 0) ? 1 : 0);
      case LazyOp.Sub:
        return (this.ldst >>> 0) < (this.lsrc >>> 0) ? 1 : 0;
      case LazyOp.Sbb:
        return this.lcin
          ? ((this.ldst >>> 0) <= (this.lsrc >>> 0) ? 1 : 0)
          : ((this.ldst >>> 0) < (this.lsrc >>> 0) ? 1 : 0);
      case LazyOp.Logic:
        return 0;
      default:
        return this.flags & Flag.CF;
    }
  }

  /** Zero flag as 0/1. */
  zf(): number {
    return this.lop === LazyOp.None ? (this.flags >> 6) & 1 : this.lres === 0 ? 1 : 0;
  }

  /** Sign flag as 0/1. */
  sf(): number {
    if (this.lop === LazyOp.None) return (this.flags >> 7) & 1;
    return (this.lres & signBit(this.lsize)) !== 0 ? 1 : 0;
  }

  /** Overflow flag as 0/1. */
  of(): number {
    const s = signBit(this.lsize);
    switch (this.lop) {
      case LazyOp.Add:
      case LazyOp.Adc:
      case LazyOp.Inc:
        return ((this.ldst ^ this.lres) & (this.lsrc ^ this.lres) & s) !== 0 ? 1 : 0;
      case LazyOp.Sub:
      case LazyOp.Sbb:
      case LazyOp.Dec:
        return ((this.ldst ^ this.lsrc) & (this.ldst ^ this.lres) & s) !== 0 ? 1 : 0;
      case LazyOp.Logic:
        return 0;
      default:
        return (this.flags >> 11) & 1;
    }
  }

  /** Parity flag as 0/1 (even parity of the low result byte). */
  pf(): number {
    if (this.lop === LazyOp.None) return (this.flags >> 2) & 1;
    return PARITY[this.lres & 0xff] >> 2;
  }

  /** Auxiliary carry as 0/1. */
  af(): number {
    switch (this.lop) {
      case LazyOp.None:
      case LazyOp.Result:
        return (this.flags >> 4) & 1;
      case LazyOp.Logic:
        return 0;
      default:
        return ((this.ldst ^ this.lsrc ^ this.lres) >> 4) & 1;
    }
  }

  /** The full EFLAGS value. */
  getEflags(): number {
    if (this.lop === LazyOp.None) return this.flags;
    return (this.flags & ~ARITH_FLAGS) | this.cf() | (this.pf() << 2) | (this.af() << 4) |
      (this.zf() << 6) | (this.sf() << 7) | (this.of() << 11);
  }

  /** Makes every flag concrete in `flags` (before editing single bits). */
  materialize(): void {
    if (this.lop !== LazyOp.None) {
      this.flags = this.getEflags();
      this.lop = LazyOp.None;
    }
  }

  /**
   * Sets EFLAGS as the kernel does (iret/sigreturn/ptrace): only user-writable bits are
   * taken from `v`; IF stays set, IOPL stays 0, bit 1 reads as 1.
   */
  setEflags(v: number): void {
    this.flags = (v & USER_WRITABLE_FLAGS) | Flag.FIXED | Flag.IF;
    this.lop = LazyOp.None;
  }

  /** Replaces the bits in `mask` by those of `v` (e.g. popf, sahf). */
  writeFlags(v: number, mask: number): void {
    this.materialize();
    this.flags = (this.flags & ~mask) | (v & mask) | Flag.FIXED;
  }

  /** Sets or clears one flag bit. */
  setFlag(bit: number, on: boolean | number): void {
    this.materialize();
    this.flags = on ? this.flags | bit : this.flags & ~bit;
  }

  /** Before Inc/Dec: freeze CF into `flags`. */
  keepCarry(): void {
    const c = this.cf();
    this.flags = (this.flags & ~Flag.CF) | c;
  }

  /**
   * Records a result whose CF/AF/OF were computed eagerly (shifts, multiplies):
   * PF/ZF/SF become lazy from `res`.
   */
  setResult(size: number, res: number, cfofaf: number): void {
    this.flags = (this.flags & ~ARITH_FLAGS) | cfofaf;
    this.lop = LazyOp.Result;
    this.lsize = size;
    this.lres = res;
  }

  /** Records the flags of `dst OP src = res` for the add/sub/logic families. */
  setLazy(op: LazyOp, size: number, dst: number, src: number, res: number): void {
    this.lop = op;
    this.lsize = size;
    this.ldst = dst;
    this.lsrc = src;
    this.lres = res;
  }

  /**
   * Evaluates condition code `cc` (0..15, the tttn field of jcc/setcc/cmovcc).
   * Fast path for a preceding cmp/sub and test/and/or/xor, the common case.
   */
  condition(cc: number): boolean {
    const lop = this.lop;
    if (lop === LazyOp.Sub) return this.subCondition(cc);
    let r: boolean;
    switch (cc >> 1) {
      case 0:
        r = this.of() !== 0;
        break;
      case 1:
        r = this.cf() !== 0;
        break;
      case 2:
        r = lop === LazyOp.None ? (this.flags & Flag.ZF) !== 0 : this.lres === 0;
        break;
      case 3:
        r = (this.cf() | this.zf()) !== 0;
        break;
      case 4:
        r = this.sf() !== 0;
        break;
      case 5:
        r = this.pf() !== 0;
        break;
      case 6:
        r = this.sf() !== this.of();
        break;
      default:
        r = this.zf() !== 0 || this.sf() !== this.of();
    }
    return (cc & 1) === 0 ? r : !r;
  }

  private subCondition(cc: number): boolean {
    const d = this.ldst, s = this.lsrc;
    let r: boolean;
    switch (cc >> 1) {
      case 1:
        r = (d >>> 0) < (s >>> 0);
        break;
      case 2:
        r = d === s;
        break;
      case 3:
        r = (d >>> 0) <= (s >>> 0);
        break;
      case 6:
        r = sext(this.lsize, d) < sext(this.lsize, s);
        break;
      case 7:
        r = sext(this.lsize, d) <= sext(this.lsize, s);
        break;
      case 0:
        r = this.of() !== 0;
        break;
      case 4:
        r = this.sf() !== 0;
        break;
      default:
        r = this.pf() !== 0;
    }
    return (cc & 1) === 0 ? r : !r;
  }
}
