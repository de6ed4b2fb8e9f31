/**
 * The x87 escape opcodes (D8-DF).
 *
 * denix does not emulate x87 arithmetic yet. It keeps the FPU's control, status and tag
 * words so the control instructions C start-up code uses work (fninit, fnclex,
 * fldcw, fnstcw, fnstsw); every other x87 instruction raises #NM, as a CPU with CR0.EM=1
 * does, so the kernel can report it (SIGILL/SIGFPE) instead of computing garbage.
 */
import type { CpuCore } from "./cpu_core.ts";
import { raise } from "./fault.ts";
import { Reg } from "./regs.ts";
import { Vector } from "../trap.ts";

/** The FPU control word after fninit: all exceptions masked, 64-bit precision, round to nearest. */
export const FPU_CONTROL_DEFAULT = 0x037f;

export function execX87(c: CpuCore, op: number): void {
  c.decodeModrm();
  const m = c.modrm;
  const reg = (m >> 3) & 7;
  const mem = m < 0xc0;
  if (op === 0xd9 && mem && reg === 5) {
    c.fpuControl = c.mmu.read16(c.ea);
  } else if (op === 0xd9 && mem && reg === 7) {
    c.checkEaWrite();
    c.mmu.write16(c.ea, c.fpuControl);
  } else if (op === 0xdd && mem && reg === 7) {
    c.checkEaWrite();
    c.mmu.write16(c.ea, c.fpuStatus);
  } else if (op === 0xdf && m === 0xe0) {
    c.setReg(16, Reg.EAX, c.fpuStatus);
  } else if (op === 0xdb && m === 0xe3) {
    c.fpuControl = FPU_CONTROL_DEFAULT;
    c.fpuStatus = 0;
    c.fpuTag = 0xffff;
  } else if (op === 0xdb && m === 0xe2) {
    c.fpuStatus &= 0x7f00;
  } else {
    raise(Vector.NM);
  }
}
