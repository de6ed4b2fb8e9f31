/**
 * The seam between machine and kernel: why `Cpu.run()` returned.
 *
 * `run(budget)` executes user-mode (CPL 3) instructions until something needs ring 0,
 * then returns the CPU's single, reused `Trap` object (valid until the next `run`).
 *
 * - `Syscall`: `int 0x80` executed. `cpu.eip` already points after the instruction,
 *   the kernel reads eax/ebx/... and writes eax, then calls `run` again.
 * - `Fault`: a CPU exception (`vector`, `errorCode`, `cr2` for #PF). For faults
 *   (#DE #UD #GP #PF #NM ...) `eip` and `cpu.eip` are the address of the faulting
 *   instruction and no architectural state of that instruction was committed, so
 *   resuming re-executes it. For traps (#BP from int3, #OF from into) `cpu.eip` points
 *   after the instruction, as on hardware; `eip` still names the instruction.
 * - `Interrupt`: an external interrupt was requested (`cpu.requestInterrupt`) and taken
 *   at an instruction boundary; `vector` is the requested vector.
 * - `Budget`: the instruction budget ran out at an instruction boundary.
 * - `Halt`: never produced at CPL 3 (hlt raises #GP); reserved for the kernel's idle.
 */
export const enum TrapKind {
  Syscall = 1,
  Fault = 2,
  Interrupt = 3,
  Budget = 4,
}

/** i386 exception vectors (Intel SDM vol. 3, table 6-1). */
export const enum Vector {
  DE = 0, // divide error
  DB = 1, // debug
  BP = 3, // breakpoint (int3)
  OF = 4, // overflow (into)
  BR = 5, // bound range
  UD = 6, // invalid opcode
  NM = 7, // device not available
  DF = 8,
  TS = 10,
  NP = 11, // segment not present
  SS = 12, // stack-segment fault
  GP = 13, // general protection
  PF = 14, // page fault
  MF = 16, // x87 floating point error
  AC = 17, // alignment check
  TIMER = 32, // the conventional vector the kernel uses for the timer interrupt
}

/** #PF error code bits (SDM vol. 3, 4.7). */
export const enum PfError {
  Present = 1, // 0: page not present, 1: protection violation
  Write = 2, // the access was a write
  User = 4, // the access was made at CPL 3
  Reserved = 8,
  Fetch = 16, // instruction fetch (only with NX; not used on plain i386)
}

/** The reused record `Cpu.run` returns. */
export class Trap {
  kind: TrapKind = TrapKind.Budget;
  /** Exception or interrupt vector (Fault/Interrupt); 0x80 for Syscall. */
  vector = 0;
  /** Architectural error code (#PF, #GP, ...) or 0. */
  errorCode = 0;
  /** Faulting linear address for #PF, else 0. */
  cr2 = 0;
  /** Address of the instruction that trapped (for Budget/Interrupt: the next one). */
  eip = 0;
  /** Instructions executed by this `run` call. */
  executed = 0;
}
