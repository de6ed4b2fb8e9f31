/**
 * CPUID: denix presents an i686-class CPU without SSE: x87 (FPU), TSC, CX8 (cmpxchg8b)
 * and CMOV. Vendor string "DenixVirtCPU". Unknown leaves return zeros.
 */
import type { CpuCore } from "./cpu_core.ts";
import { Reg } from "./regs.ts";

/** CPUID.1:EDX feature bits we implement. */
export const CPUID_FEATURES = (1 << 0) | (1 << 4) | (1 << 8) | (1 << 15);

/** Family 6, model 3, stepping 3 (a Pentium II-class part). */
export const CPUID_SIGNATURE = 0x633;

function str4(s: string): number {
  return s.charCodeAt(0) | (s.charCodeAt(1) << 8) | (s.charCodeAt(2) << 16) |
    (s.charCodeAt(3) << 24);
}

export function cpuid(c: CpuCore): void {
  const r = c.regs;
  const leaf = r[Reg.EAX] >>> 0;
  let a = 0, b = 0, cx = 0, d = 0;
  if (leaf === 0) {
    a = 1;
    b = str4("Deni");
    d = str4("xVir");
    cx = str4("tCPU");
  } else if (leaf === 1) {
    a = CPUID_SIGNATURE;
    d = CPUID_FEATURES;
  } else if (leaf === 0x80000000) {
    a = 0x80000000;
  }
  r[Reg.EAX] = a;
  r[Reg.EBX] = b;
  r[Reg.ECX] = cx;
  r[Reg.EDX] = d;
}
