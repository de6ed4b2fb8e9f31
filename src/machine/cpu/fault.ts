/**
 * CPU exceptions inside the machine: raised once, caught once.
 *
 * Code deep in the CPU or MMU that detects an exception (#PF, #GP, #DE, #UD ...) calls
 * `raise()`, which fills the module's single `CpuFault` record and throws it. Only
 * `Cpu.run` catches it: it rewinds EIP to the start of the instruction and returns a
 * `Fault` trap. Nothing else may catch `CpuFault`; nothing outside src/machine ever
 * sees it. The record is preallocated, so raising allocates nothing and captures no
 * stack trace.
 *
 * Invariant: instructions perform every access that can fault before they commit any
 * register, flag or memory write, so a raised fault leaves no half-done instruction
 * (rep string instructions commit per iteration, as on hardware).
 */
export class CpuFault {
  vector = 0;
  errorCode = 0;
  /** Faulting linear address (#PF only). */
  cr2 = 0;
}

/** The one fault record; see the module contract. */
export const FAULT: CpuFault = new CpuFault();

/** Records an exception and unwinds to `Cpu.run`. */
export function raise(vector: number, errorCode = 0, cr2 = 0): never {
  FAULT.vector = vector;
  FAULT.errorCode = errorCode;
  FAULT.cr2 = cr2;
  throw FAULT;
}
