/**
 * The i386 CPU as the kernel sees it: user-mode (CPL 3) execution until a trap.
 *
 * Contract (see ../trap.ts for the trap kinds):
 * - `run(budget)` executes at most `budget` instructions and returns the CPU's reused
 *   `Trap`. Faults leave `eip` at the faulting instruction with nothing of it committed;
 *   `int 0x80` leaves `eip` after it. A host exception that is not a CPU fault is a bug in
 *   the emulator and propagates.
 * - The kernel edits state between runs: `regs`, `eip`, `setEflags`, `loadSegment`,
 *   `segments` (per-process TLS descriptors), `mmu.loadCr3` / `invlpg` / `flushTlb`.
 *   Mappings may only change between runs (the code-page translation is cached per run).
 * - `requestInterrupt(vector)` makes the next `run` return an Interrupt trap before
 *   executing anything (external interrupts are only taken between runs).
 *
 * The hot loop is `beginInstruction` + `execOneByte` per instruction: no allocation,
 * monomorphic calls. A block-compiling JIT can replace `step` behind the same `run`.
 */
import { CpuCore } from "./cpu_core.ts";
import { execOneByte } from "./exec_onebyte.ts";
import { FAULT } from "./fault.ts";
import type { Mmu } from "./mmu.ts";
import { Seg } from "./regs.ts";
import { SegmentTable } from "./segments.ts";
import type { PhysicalMemory } from "../memory.ts";
import { Trap, TrapKind, Vector } from "../trap.ts";

/** A process's saved CPU context (see `Cpu.saveState`). */
export class CpuState {
  readonly regs: Int32Array = new Int32Array(8);
  eip = 0;
  eflags = 0x202;
  readonly sregs: Uint16Array = new Uint16Array(6);
  readonly segBases: Int32Array = new Int32Array(6);
  fpuControl = 0x037f;
  fpuStatus = 0;
  fpuTag = 0xffff;
  /** The process's TLS descriptors (set_thread_area); copy it on fork. */
  segments: SegmentTable = new SegmentTable();
}

export class Cpu extends CpuCore {
  private readonly trap: Trap = new Trap();
  private pendingInterrupt = -1;
  /** Instructions completed in the current run (kept exact when a fault unwinds). */
  private executed = 0;

  /** Creates a CPU over `mem` with a fresh MMU (or the given one). */
  constructor(mem: PhysicalMemory, mmu?: Mmu) {
    super(mem, mmu);
  }

  /** Runs user code for at most `budget` instructions; see the module contract. */
  run(budget: number): Trap {
    const t = this.trap;
    this.fetchPage = -1;
    t.cr2 = 0;
    t.errorCode = 0;
    if (this.pendingInterrupt >= 0) return this.takeInterrupt(t);
    this.executed = 0;
    try {
      this.execute(budget);
    } catch (e) {
      if (e !== FAULT) throw e;
      return this.faulted(t, this.executed);
    }
    if (this.stopKind !== 0) return this.stopped(t, this.executed);
    t.kind = TrapKind.Budget;
    t.vector = 0;
    t.eip = this.eip;
    return this.finish(t, this.executed);
  }

  /** The hot loop: executes until the budget is spent or an instruction stops the run. */
  private execute(budget: number): void {
    let n = 0;
    while (n < budget) {
      this.beginInstruction();
      execOneByte(this, this.fetch8());
      this.executed = ++n;
      if (this.stopKind !== 0) return;
    }
  }

  /** Requests an external interrupt; the next `run` returns it at once. */
  requestInterrupt(vector: number = Vector.TIMER): void {
    this.pendingInterrupt = vector;
  }

  /**
   * Loads a segment register as the kernel does on a context switch or execve: any
   * selector the segment table accepts. Returns false (and changes nothing) otherwise.
   */
  loadSegment(seg: Seg, selector: number): boolean {
    const base = this.segments.lookup(selector & 0xffff);
    if (base === -1 || seg === Seg.CS) return false;
    this.sregs[seg] = selector & 0xffff;
    this.segBases[seg] = base;
    return true;
  }

  /** Copies the user-visible register state into `s` (a context switch saves a process). */
  saveState(s: CpuState): void {
    s.regs.set(this.regs);
    s.eip = this.eip;
    s.eflags = this.getEflags();
    s.sregs.set(this.sregs);
    s.segBases.set(this.segBases);
    s.fpuControl = this.fpuControl;
    s.fpuStatus = this.fpuStatus;
    s.fpuTag = this.fpuTag;
    s.segments = this.segments;
  }

  /** Loads state saved by `saveState` (flags are filtered as by `setEflags`). */
  restoreState(s: CpuState): void {
    this.regs.set(s.regs);
    this.eip = s.eip;
    this.setEflags(s.eflags);
    this.sregs.set(s.sregs);
    this.segBases.set(s.segBases);
    this.fpuControl = s.fpuControl;
    this.fpuStatus = s.fpuStatus;
    this.fpuTag = s.fpuTag;
    this.segments = s.segments;
  }

  private stopped(t: Trap, n: number): Trap {
    t.kind = this.stopKind;
    t.vector = this.stopVector;
    t.eip = this.start;
    this.stopKind = 0;
    return this.finish(t, n);
  }

  private faulted(t: Trap, n: number): Trap {
    this.eip = this.start;
    t.kind = TrapKind.Fault;
    t.vector = FAULT.vector;
    t.errorCode = FAULT.errorCode;
    t.cr2 = FAULT.cr2;
    t.eip = this.start;
    return this.finish(t, n);
  }

  private takeInterrupt(t: Trap): Trap {
    t.kind = TrapKind.Interrupt;
    t.vector = this.pendingInterrupt;
    t.eip = this.eip;
    this.pendingInterrupt = -1;
    return this.finish(t, 0);
  }

  private finish(t: Trap, n: number): Trap {
    t.executed = n;
    this.tsc += n;
    return t;
  }
}
