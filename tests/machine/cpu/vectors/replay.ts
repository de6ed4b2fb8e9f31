/**
 * Replays golden vectors on denix's CPU: one machine whose page tables map the code,
 * data and stack regions of layout.ts user-writable (frames laid out so that each
 * window is physically contiguous), and `replay(record)` which loads the record's
 * initial state, executes one instruction with `cpu.run(1)` and returns a readable
 * description of every difference from the host's result, or null when they agree.
 * Memory outside the windows must stay zero, as it did on the host.
 */
import { BlockCache } from "../../../../src/machine/cpu/jit/block_cache.ts";
import { Cpu } from "../../../../src/machine/cpu/cpu.ts";
import { PhysicalMemory } from "../../../../src/machine/memory.ts";
import { TrapKind } from "../../../../src/machine/trap.ts";
import { NO_FAULT, type VectorRecord } from "./format.ts";
import {
  CODE_BASE,
  DATA_BASE,
  DATA_WIN,
  fillWindows,
  STACK_BASE,
  STACK_WIN,
  WIN_SIZE,
} from "./layout.ts";

const USER_RW = 7; // P | RW | US
const PD = 0x1000;
/** Physical frames: code page, two data pages, two stack pages. */
const CODE_PA = 0x10000;
const DATA_PA = 0x11000;
const STACK_PA = 0x13000;
const DATA_WIN_PA = DATA_PA + (DATA_WIN - DATA_BASE);
const STACK_WIN_PA = STACK_PA + (STACK_WIN - STACK_BASE);
/** Vectors after which EIP points past the instruction. */
const TRAPS = new Set([1, 3, 4]);
const REG_NAMES = ["eax", "ecx", "edx", "ebx", "esp", "ebp", "esi", "edi"];
const FLAG_NAMES: [number, string][] = [
  [0x1, "CF"],
  [0x4, "PF"],
  [0x10, "AF"],
  [0x40, "ZF"],
  [0x80, "SF"],
  [0x400, "DF"],
  [0x800, "OF"],
  [0x200, "IF"],
  [0x3000, "IOPL"],
  [0x200000, "ID"],
];

const hex = (n: number) => (n >>> 0).toString(16);
const bytesHex = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, "0")).join(" ");

function flagNames(v: number): string {
  return FLAG_NAMES.filter(([b]) => v & b).map(([, n]) => n).join(" ") || "-";
}

function hasRep(code: Uint8Array): boolean {
  for (const b of code) {
    if (b === 0xf2 || b === 0xf3) return true;
    if (![0x66, 0x67, 0xf0, 0x26, 0x2e, 0x36, 0x3e, 0x64, 0x65].includes(b)) return false;
  }
  return false;
}

/** A machine set up for replaying vectors. */
export class VectorMachine {
  readonly mem = new PhysicalMemory(4 << 20);
  readonly cpu: Cpu = new Cpu(this.mem);
  private readonly expected = new Uint8Array(2 * WIN_SIZE);
  private lastCode = { offset: 0, length: 0 };

  /**
   * `mode` "interpreter" runs every record in the interpreter; "jit" compiles every
   * compilable instruction on its first execution and runs the compiled block.
   */
  constructor(mode: "interpreter" | "jit" = "interpreter") {
    this.cpu.jit = mode === "jit" ? new BlockCache(0) : null;
    this.map(CODE_BASE, CODE_PA, 1, 0x2000);
    this.map(DATA_BASE, DATA_PA, 2, 0x3000);
    this.map(STACK_BASE, STACK_PA, 2, 0x4000);
    this.mem.u8.fill(0xcc, CODE_PA, CODE_PA + 0x1000);
    this.cpu.mmu.loadCr3(PD);
  }

  private map(va: number, pa: number, pages: number, table: number): void {
    this.mem.write32(PD + (va >>> 22) * 4, table | USER_RW);
    for (let i = 0; i < pages; i++) {
      this.mem.write32(table + (((va >>> 12) + i) & 0x3ff) * 4, (pa + i * 0x1000) | USER_RW);
    }
  }

  private load(r: VectorRecord): void {
    const u8 = this.mem.u8;
    const last = this.lastCode;
    u8.fill(0xcc, CODE_PA + last.offset, CODE_PA + last.offset + last.length);
    u8.set(r.code, CODE_PA + r.offset);
    this.lastCode = { offset: r.offset, length: r.code.length };
    const w = this.expected;
    fillWindows(r.seed, w);
    for (const p of r.patches) this.patch(p.addr, p.bytes);
    u8.set(w.subarray(0, WIN_SIZE), DATA_WIN_PA);
    u8.set(w.subarray(WIN_SIZE), STACK_WIN_PA);
    for (const p of r.diffs) this.patch(p.addr, p.bytes);
    this.cpu.regs.set(r.regs);
    this.cpu.setEflags(r.eflags);
    this.cpu.eip = CODE_BASE + r.offset;
  }

  private patch(addr: number, bytes: Uint8Array): void {
    const base = addr >= STACK_WIN ? STACK_WIN - WIN_SIZE : DATA_WIN;
    this.expected.set(bytes, addr - base);
  }

  private execute(r: VectorRecord) {
    const start = this.cpu.eip;
    let trap = this.cpu.run(1);
    // A rep string instruction may be executed one iteration per step.
    for (let n = 0; n < 64 && trap.kind === TrapKind.Budget && this.cpu.eip === start; n++) {
      if (!hasRep(r.code)) break;
      trap = this.cpu.run(1);
    }
    return trap;
  }

  /** Runs one record; returns null on agreement, else a multi-line description. */
  replay(r: VectorRecord): string | null {
    this.load(r);
    const problems: string[] = [];
    try {
      this.compareTrap(r, problems);
    } catch (e) {
      problems.push(`threw ${e instanceof Error ? e.message : String(e)}`);
    }
    if (problems.length === 0) return null;
    return `${r.row}\n  bytes ${bytesHex(r.code)} at +${hex(r.offset)}\n` +
      `  init  ${Array.from(r.regs, (v, i) => `${REG_NAMES[i]}=${hex(v)}`).join(" ")} ` +
      `flags=${hex(r.eflags)} [${flagNames(r.eflags)}]\n` +
      problems.map((p) => "  " + p).join("\n");
  }

  private compareTrap(r: VectorRecord, out: string[]): void {
    const trap = this.execute(r);
    const cpu = this.cpu;
    const want = r.vector === NO_FAULT
      ? "completes"
      : `vector ${r.vector} error ${hex(r.errorCode)}${
        r.vector === 14 ? ` cr2 ${hex(r.cr2)}` : ""
      }`;
    if (r.vector === NO_FAULT) {
      if (trap.kind !== TrapKind.Budget) {
        out.push(`trap: expected ${want}, got kind ${trap.kind} vector ${trap.vector}`);
      }
    } else if (trap.kind !== TrapKind.Fault || trap.vector !== r.vector) {
      out.push(`trap: expected ${want}, got kind ${trap.kind} vector ${trap.vector}`);
    } else if (r.vector === 14 && (trap.errorCode !== r.errorCode || (trap.cr2 >>> 0) !== r.cr2)) {
      out.push(
        `#PF: expected error ${hex(r.errorCode)} cr2 ${hex(r.cr2)}, got ${
          hex(trap.errorCode)
        } cr2 ${hex(trap.cr2)}`,
      );
    } else if (!TRAPS.has(r.vector) && trap.errorCode !== r.errorCode) {
      out.push(`error code: expected ${hex(r.errorCode)}, got ${hex(trap.errorCode)}`);
    }
    for (let i = 0; i < 8; i++) {
      if (cpu.regs[i] !== r.finalRegs[i]) {
        out.push(`${REG_NAMES[i]}: expected ${hex(r.finalRegs[i])}, got ${hex(cpu.regs[i])}`);
      }
    }
    if ((cpu.eip >>> 0) !== r.finalEip) {
      out.push(`eip: expected ${hex(r.finalEip)}, got ${hex(cpu.eip)}`);
    }
    const got = cpu.getEflags() & r.mask;
    const exp = r.finalEflags & r.mask;
    if (got !== exp) {
      out.push(
        `flags (mask ${hex(r.mask)}): expected [${flagNames(exp)}], got [${flagNames(got)}]`,
      );
    }
    this.compareWindow(DATA_WIN, DATA_WIN_PA, 0, out);
    this.compareWindow(STACK_WIN, STACK_WIN_PA, WIN_SIZE, out);
    this.checkOutside(DATA_BASE, DATA_PA, DATA_WIN_PA, out);
    this.checkOutside(STACK_BASE, STACK_PA, STACK_WIN_PA, out);
  }

  /** Reports (and undoes) writes to the two pages at `pa` outside their window. */
  private checkOutside(va: number, pa: number, winPa: number, out: string[]): void {
    const i32 = this.mem.i32;
    const lo = pa >> 2, hi = (pa + 0x2000) >> 2;
    const wlo = winPa >> 2, whi = (winPa + WIN_SIZE) >> 2;
    for (let i = lo; i < hi; i++) {
      if (i === wlo) i = whi;
      if (i32[i] === 0) continue;
      out.push(`memory ${hex(va + (i << 2) - pa)}: written outside the windows`);
      i32.fill(0, lo, wlo);
      i32.fill(0, whi, hi);
      return;
    }
  }

  private compareWindow(va: number, pa: number, at: number, out: string[]): void {
    const u8 = this.mem.u8;
    const w = this.expected;
    for (let i = 0; i < WIN_SIZE; i++) {
      if (u8[pa + i] === w[at + i]) continue;
      let j = i;
      while (j < WIN_SIZE && j < i + 16 && u8[pa + j] !== w[at + j]) j++;
      out.push(
        `memory ${hex(va + i)}: expected ${bytesHex(w.subarray(at + i, at + j))}, ` +
          `got ${bytesHex(u8.subarray(pa + i, pa + j))}`,
      );
      return;
    }
  }
}
