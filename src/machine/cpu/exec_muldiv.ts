/**
 * Group 3 (F6/F7): test, not, neg, mul, imul, div, idiv on r/m8/16/32.
 *
 * mul/imul set CF=OF when the high half is significant; SF/ZF/PF follow the low half
 * (undefined in the SDM). div/idiv raise #DE on a zero divisor or a quotient that does
 * not fit, before writing anything; their flags are undefined and left unchanged.
 */
import { AluOp, divRem, divU64By32, mulHighS32, mulHighU32, sext } from "./alu.ts";
import type { CpuCore } from "./cpu_core.ts";
import { raise } from "./fault.ts";
import { Reg } from "./regs.ts";
import { Vector } from "../trap.ts";

export function execGroup3(c: CpuCore, s: number): void {
  c.decodeModrm();
  switch (c.regField()) {
    case 0:
    case 1:
      c.alu(AluOp.And, s, c.readE(s), c.fetchImm(s));
      return;
    case 2: {
      c.checkWriteE(s);
      c.writeE(s, ~c.readE(s));
      return;
    }
    case 3: {
      c.checkWriteE(s);
      c.writeE(s, c.neg(s, c.readE(s)));
      return;
    }
    case 4:
      return mul(c, s, c.readE(s));
    case 5:
      return imul1(c, s, c.readE(s));
    case 6:
      return div(c, s, c.readE(s));
    default:
      return idiv(c, s, c.readE(s));
  }
}

function mul(c: CpuCore, s: number, v: number): void {
  const r = c.regs;
  if (s === 8) {
    const p = (r[Reg.EAX] & 0xff) * v;
    c.setReg(16, Reg.EAX, p);
    c.mulFlags(8, p & 0xff, p > 0xff);
  } else if (s === 16) {
    const p = (r[Reg.EAX] & 0xffff) * v;
    c.setReg(16, Reg.EAX, p);
    c.setReg(16, Reg.EDX, p >>> 16);
    c.mulFlags(16, p & 0xffff, p > 0xffff);
  } else {
    const a = r[Reg.EAX];
    const hi = mulHighU32(a >>> 0, v >>> 0);
    const lo = Math.imul(a, v);
    r[Reg.EAX] = lo;
    r[Reg.EDX] = hi;
    c.mulFlags(32, lo, hi !== 0);
  }
}

function imul1(c: CpuCore, s: number, v: number): void {
  const r = c.regs;
  if (s === 8) {
    const p = sext(8, r[Reg.EAX]) * sext(8, v);
    c.setReg(16, Reg.EAX, p);
    c.mulFlags(8, p & 0xff, p !== sext(8, p));
  } else if (s === 16) {
    const p = sext(16, r[Reg.EAX]) * sext(16, v);
    c.setReg(16, Reg.EAX, p);
    c.setReg(16, Reg.EDX, p >> 16);
    c.mulFlags(16, p & 0xffff, p !== sext(16, p));
  } else {
    const a = r[Reg.EAX];
    const hi = mulHighS32(a, v);
    const lo = Math.imul(a, v);
    r[Reg.EAX] = lo;
    r[Reg.EDX] = hi;
    c.mulFlags(32, lo, hi !== lo >> 31);
  }
}

function div(c: CpuCore, s: number, v: number): void {
  const r = c.regs;
  const d = v >>> 0;
  if (d === 0) raise(Vector.DE);
  if (s === 8) {
    const n = r[Reg.EAX] & 0xffff;
    const q = Math.floor(n / d);
    if (q > 0xff) raise(Vector.DE);
    c.setReg(16, Reg.EAX, q | ((n % d) << 8));
  } else if (s === 16) {
    const n = (((r[Reg.EDX] & 0xffff) << 16) | (r[Reg.EAX] & 0xffff)) >>> 0;
    const q = Math.floor(n / d);
    if (q > 0xffff) raise(Vector.DE);
    c.setReg(16, Reg.EAX, q);
    c.setReg(16, Reg.EDX, n % d);
  } else {
    const hi = r[Reg.EDX] >>> 0;
    if (hi >= d) raise(Vector.DE);
    const q = divU64By32(hi, r[Reg.EAX] >>> 0, d);
    r[Reg.EAX] = q;
    r[Reg.EDX] = divRem.r;
  }
}

function idiv(c: CpuCore, s: number, v: number): void {
  const r = c.regs;
  const d = sext(s, v);
  if (d === 0) raise(Vector.DE);
  if (s === 8 || s === 16) {
    const n = s === 8
      ? sext(16, r[Reg.EAX])
      : ((r[Reg.EDX] & 0xffff) << 16) | (r[Reg.EAX] & 0xffff);
    const q = Math.trunc(n / d);
    const lim = s === 8 ? 0x80 : 0x8000;
    if (q >= lim || q < -lim) raise(Vector.DE);
    const rem = n - q * d;
    if (s === 8) c.setReg(16, Reg.EAX, (q & 0xff) | ((rem & 0xff) << 8));
    else {
      c.setReg(16, Reg.EAX, q);
      c.setReg(16, Reg.EDX, rem);
    }
    return;
  }
  idiv32(c, d);
}

/** Signed EDX:EAX / d via the unsigned 64/32 divide on magnitudes. */
function idiv32(c: CpuCore, d: number): void {
  const r = c.regs;
  let hi = r[Reg.EDX] >>> 0;
  let lo = r[Reg.EAX] >>> 0;
  const negN = r[Reg.EDX] < 0;
  if (negN) {
    lo = (~lo + 1) >>> 0;
    hi = (~hi + (lo === 0 ? 1 : 0)) >>> 0;
  }
  const ud = d < 0 ? -d : d;
  if (hi >= ud) raise(Vector.DE);
  const q = divU64By32(hi, lo, ud);
  const rem = divRem.r;
  const negQ = negN !== d < 0;
  if (negQ ? q > 0x80000000 : q > 0x7fffffff) raise(Vector.DE);
  r[Reg.EAX] = negQ ? -q : q;
  r[Reg.EDX] = negN ? -rem : rem;
}
