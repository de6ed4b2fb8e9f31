/**
 * Benchmark helper: runs a flat i386 image on a bare machine (PhysicalMemory + Cpu +
 * hand-built page tables) with a two-call "kernel": mmap2 with MAP_FIXED|MAP_ANONYMOUS
 * maps zeroed pages, exit ends the run. Used to measure the CPU without the kernel.
 */
import { PhysicalMemory } from "../../src/machine/memory.ts";
import { Cpu } from "../../src/machine/cpu/cpu.ts";
import { Reg } from "../../src/machine/cpu/regs.ts";
import { TrapKind } from "../../src/machine/trap.ts";

const SYS_EXIT = 1;
const SYS_MMAP2 = 192;
const USER_RW = 7;

/** Result of running an image to its exit. */
export interface FlatRun {
  exitCode: number;
  instructions: number;
  seconds: number;
}

class FlatMachine {
  readonly mem: PhysicalMemory;
  readonly cpu: Cpu;
  private nextFrame = 0x2000;

  constructor(memBytes: number) {
    this.mem = new PhysicalMemory(memBytes);
    this.cpu = new Cpu(this.mem);
    this.cpu.mmu.loadCr3(0x1000);
  }

  private frame(): number {
    const f = this.nextFrame;
    if (f >= this.mem.size) throw new Error("bench machine out of memory");
    this.nextFrame += 0x1000;
    return f;
  }

  /** Maps [va, va+len) to fresh zeroed frames. */
  map(va: number, len: number): void {
    for (let p = va & ~0xfff; p < va + len; p += 0x1000) {
      const pdeAt = 0x1000 + (p >>> 22) * 4;
      if ((this.mem.read32(pdeAt) & 1) === 0) this.mem.write32(pdeAt, this.frame() | USER_RW);
      const pt = this.mem.read32(pdeAt) & ~0xfff;
      this.mem.write32(pt + ((p >>> 12) & 0x3ff) * 4, this.frame() | USER_RW);
    }
    this.cpu.mmu.flushTlb();
  }

  load(va: number, bytes: Uint8Array): void {
    this.map(va, bytes.length);
    for (let i = 0; i < bytes.length; i++) {
      const pa = this.cpu.mmu.walk(va + i, 0);
      this.mem.u8[pa] = bytes[i];
    }
  }
}

/** Runs `image` loaded at `origin` until it calls exit (with or without the block compiler). */
export function runFlat(image: Uint8Array, origin: number, opts: { jit: boolean }): FlatRun {
  const m = new FlatMachine(96 << 20);
  if (!opts.jit) m.cpu.jit = null;
  m.load(origin, image);
  m.map(0x7ff00000, 0x10000);
  m.cpu.regs[Reg.ESP] = 0x7ff10000;
  m.cpu.eip = origin;
  const r = m.cpu.regs;
  let instructions = 0;
  const t0 = performance.now();
  for (;;) {
    const t = m.cpu.run(10_000_000);
    instructions += t.executed;
    if (t.kind === TrapKind.Budget) continue;
    if (t.kind === TrapKind.Syscall && r[Reg.EAX] === SYS_MMAP2) {
      m.map(r[Reg.EBX], r[Reg.ECX]);
      r[Reg.EAX] = r[Reg.EBX];
      continue;
    }
    if (t.kind === TrapKind.Syscall && r[Reg.EAX] === SYS_EXIT) {
      return {
        exitCode: r[Reg.EBX] & 0xff,
        instructions,
        seconds: (performance.now() - t0) / 1000,
      };
    }
    throw new Error(`bench guest stopped: trap kind ${t.kind} vector ${t.vector} at ${t.eip}`);
  }
}
