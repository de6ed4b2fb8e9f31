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
import {
  aluForm,
  execOneByte,
  group1,
  group2,
  lea,
  movLoad32,
  movStore32,
} from "./exec_onebyte.ts";
import { execTwoByte } from "./exec_twobyte.ts";
import { BlockCache } from "./jit/block_cache.ts";
import { FAULT } from "./fault.ts";
import type { Mmu } from "./mmu.ts";
import { Seg } from "./regs.ts";
import { SegmentTable } from "./segments.ts";
import type { PhysicalMemory } from "../memory.ts";
import { Trap, TrapKind, Vector } from "../trap.ts";

/** Opcode classes dispatched inline by the hot loop (unprefixed, so 32-bit operands). */
const enum Hot {
  Other = 0,
  Jcc,
  Inc,
  Dec,
  Push,
  Pop,
  Alu,
  MovStore,
  MovLoad,
  TwoByte,
  Group1,
  Shift,
  Lea,
  Call,
  Ret,
  Jmp8,
  Jmp32,
}

const HOT: Uint8Array = (() => {
  const t = new Uint8Array(256);
  for (let i = 0; i < 8; i++) {
    t[0x40 + i] = Hot.Inc;
    t[0x48 + i] = Hot.Dec;
    t[0x50 + i] = Hot.Push;
    t[0x58 + i] = Hot.Pop;
    for (let form = 0; form < 6; form++) t[i * 8 + form] = Hot.Alu;
  }
  for (let cc = 0; cc < 16; cc++) t[0x70 + cc] = Hot.Jcc;
  t[0x89] = Hot.MovStore;
  t[0x8b] = Hot.MovLoad;
  t[0x0f] = Hot.TwoByte;
  t[0x81] = Hot.Group1;
  t[0x83] = Hot.Group1;
  t[0xc1] = Hot.Shift;
  t[0xd1] = Hot.Shift;
  t[0xd3] = Hot.Shift;
  t[0x8d] = Hot.Lea;
  t[0xe8] = Hot.Call;
  t[0xc3] = Hot.Ret;
  t[0xeb] = Hot.Jmp8;
  t[0xe9] = Hot.Jmp32;
  return t;
})();

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
  /**
   * The block compiler's cache, or null to interpret only. Compiled blocks have the
   * interpreter's semantics exactly (the golden vectors run through both).
   */
  jit: BlockCache | null = new BlockCache();
  /** Slot of the compiled block running now, or -1. */
  private blockSlot = -1;

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

  /**
   * The hot loop: executes until the budget is spent or an instruction stops the run.
   * The most frequent unprefixed opcodes (HOT) are dispatched here without a call; every
   * other byte goes to `execOneByte`, which has the same semantics for all opcodes.
   */
  private execute(budget: number): void {
    let n = 0;
    const regs = this.regs;
    const jit = this.jit;
    while (n < budget) {
      this.beginInstruction();
      if (jit !== null) {
        const ran = this.runBlock(jit, budget - n);
        if (ran > 0) {
          n += ran;
          this.executed = n;
          continue;
        }
      }
      const op = this.fetch8();
      switch (HOT[op]) {
        case Hot.Jcc: {
          const rel = this.fetch8s();
          if (this.condition(op & 15)) this.eip = (this.eip + rel) | 0;
          break;
        }
        case Hot.Inc:
          regs[op & 7] = this.inc32(regs[op & 7]);
          break;
        case Hot.Dec:
          regs[op & 7] = this.dec32(regs[op & 7]);
          break;
        case Hot.Push:
          this.push32(regs[op & 7]);
          break;
        case Hot.Pop:
          regs[op & 7] = this.pop32();
          break;
        case Hot.Alu:
          aluForm(this, op);
          break;
        case Hot.MovStore:
          movStore32(this);
          break;
        case Hot.MovLoad:
          movLoad32(this);
          break;
        case Hot.TwoByte:
          execTwoByte(this, this.fetch8());
          break;
        case Hot.Group1:
          group1(this, 32, op === 0x81 ? 0 : 1);
          break;
        case Hot.Shift:
          group2(this, op);
          break;
        case Hot.Lea:
          lea(this);
          break;
        case Hot.Call: {
          const rel = this.fetch32();
          this.push32(this.eip);
          this.eip = (this.eip + rel) | 0;
          break;
        }
        case Hot.Ret:
          this.eip = this.pop32();
          break;
        case Hot.Jmp8: {
          const rel = this.fetch8s();
          this.eip = (this.eip + rel) | 0;
          break;
        }
        case Hot.Jmp32: {
          const rel = this.fetch32();
          this.eip = (this.eip + rel) | 0;
          break;
        }
        default:
          execOneByte(this, op);
      }
      this.executed = ++n;
      if (this.stopKind !== 0) return;
    }
  }

  /**
   * Runs the compiled block at EIP if there is a valid one no longer than `room`
   * instructions; returns the instructions it retired (0: interpret instead). Counts
   * interpreted starts and compiles hot ones.
   */
  private runBlock(jit: BlockCache, room: number): number {
    const eip = this.eip;
    if (eip >>> 12 !== this.fetchPage) this.refillFetch(eip);
    const pa = this.fetchBase + (eip & 0xfff);
    let slot = jit.lookup(eip, pa, this.mem.i32);
    if (slot === -1) {
      if (!jit.hot(eip)) return 0;
      jit.compile(eip, pa, this.u8);
      slot = jit.lookup(eip, pa, this.mem.i32);
    }
    if (slot < 0) return 0;
    const count = jit.counts[slot];
    if (count > room) return 0;
    this.blockSlot = slot;
    const retired = jit.fns[slot]!(this);
    this.blockSlot = -1;
    return retired;
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
    if (this.blockSlot >= 0) {
      // A compiled block faulted: its instructions before `start` have retired.
      n += this.jit!.insnEips[this.blockSlot].indexOf(this.start);
      this.blockSlot = -1;
    }
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
