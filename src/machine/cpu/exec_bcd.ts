/**
 * Decimal-adjust instructions (daa das aaa aas aam aad), per the SDM pseudocode.
 * Flags the SDM leaves undefined are computed as the lazy result of AL (SF/ZF/PF) with
 * the rest cleared, matching current Intel parts for the defined bits.
 */
import type { CpuCore } from "./cpu_core.ts";
import { raise } from "./fault.ts";
import { Flag, Reg } from "./regs.ts";
import { Vector } from "../trap.ts";

function al(c: CpuCore): number {
  return c.regs[Reg.EAX] & 0xff;
}

export function daa(c: CpuCore): void {
  const oldAl = al(c), oldCf = c.cf(), af = c.af();
  let v = oldAl, cf = 0, newAf = 0;
  if ((v & 0xf) > 9 || af) {
    v += 6;
    cf = oldCf | (v > 0xff ? 1 : 0);
    newAf = 1;
  }
  if (oldAl > 0x99 || oldCf) {
    v += 0x60;
    cf = 1;
  } else cf = 0;
  c.setReg(8, Reg.EAX, v);
  c.setResult(8, v & 0xff, cf | (newAf ? Flag.AF : 0));
}

export function das(c: CpuCore): void {
  const oldAl = al(c), oldCf = c.cf(), af = c.af();
  let v = oldAl, cf = 0, newAf = 0;
  if ((v & 0xf) > 9 || af) {
    cf = oldCf | (v < 6 ? 1 : 0);
    v -= 6;
    newAf = 1;
  }
  if (oldAl > 0x99 || oldCf) {
    v -= 0x60;
    cf = 1;
  }
  c.setReg(8, Reg.EAX, v & 0xff);
  c.setResult(8, v & 0xff, cf | (newAf ? Flag.AF : 0));
}

export function aaa(c: CpuCore): void {
  let ax = c.regs[Reg.EAX] & 0xffff;
  let adj = 0;
  if ((ax & 0xf) > 9 || c.af()) {
    ax = (ax + 0x106) & 0xffff;
    adj = Flag.AF | Flag.CF;
  }
  ax &= 0xff0f;
  c.setReg(16, Reg.EAX, ax);
  c.setResult(8, ax & 0xff, adj);
}

export function aas(c: CpuCore): void {
  let ax = c.regs[Reg.EAX] & 0xffff;
  let adj = 0;
  if ((ax & 0xf) > 9 || c.af()) {
    ax = (ax - 6) & 0xffff;
    ax = (ax - 0x100) & 0xffff;
    adj = Flag.AF | Flag.CF;
  }
  ax &= 0xff0f;
  c.setReg(16, Reg.EAX, ax);
  c.setResult(8, ax & 0xff, adj);
}

export function aam(c: CpuCore, base: number): void {
  if (base === 0) raise(Vector.DE);
  const a = al(c);
  const lo = a % base;
  c.setReg(16, Reg.EAX, (Math.floor(a / base) << 8) | lo);
  c.setResult(8, lo, 0);
}

export function aad(c: CpuCore, base: number): void {
  const ax = c.regs[Reg.EAX];
  const v = ((ax & 0xff) + ((ax >> 8) & 0xff) * base) & 0xff;
  c.setReg(16, Reg.EAX, v);
  c.setResult(8, v, 0);
}
