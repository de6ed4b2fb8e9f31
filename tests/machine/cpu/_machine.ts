/**
 * Test helper: a small machine (PhysicalMemory + Cpu) with a hand-built i386 page
 * directory, and a bump allocator for frames. Frames below 0x10000 hold the paging
 * structures; pages are mapped on request with explicit PTE flags.
 */
import { PhysicalMemory } from "../../../src/machine/memory.ts";
import { Cpu } from "../../../src/machine/cpu/cpu.ts";

export const PTE_P = 1;
export const PTE_W = 2;
export const PTE_U = 4;
export const USER_RW = PTE_P | PTE_W | PTE_U;

export class TestMachine {
  readonly mem: PhysicalMemory;
  readonly cpu: Cpu;
  readonly pd = 0x1000;
  private nextTable = 0x2000;
  private nextFrame = 0x100000;

  constructor(size = 8 << 20) {
    this.mem = new PhysicalMemory(size);
    this.cpu = new Cpu(this.mem);
    this.cpu.mmu.loadCr3(this.pd);
  }

  /** Allocates a zeroed frame for data. */
  frame(): number {
    const f = this.nextFrame;
    this.nextFrame += 0x1000;
    return f;
  }

  /** Maps the page at `va` to frame `pa` (allocated when omitted) with `flags`; returns pa. */
  map(va: number, flags = USER_RW, pa = this.frame()): number {
    const pdi = va >>> 22;
    let pde = this.mem.read32(this.pd + pdi * 4);
    if ((pde & PTE_P) === 0) {
      pde = this.nextTable | USER_RW;
      this.nextTable += 0x1000;
      this.mem.write32(this.pd + pdi * 4, pde);
    }
    const pt = pde & ~0xfff;
    this.mem.write32(pt + ((va >>> 12) & 0x3ff) * 4, (pa & ~0xfff) | flags);
    this.cpu.mmu.flushTlb();
    return pa;
  }

  /** Maps a page at `va` and copies `hex` there; returns its physical address. */
  code(va: number, hex: string, flags = USER_RW): number {
    const pa = this.map(va & ~0xfff, flags);
    this.mem.load(pa + (va & 0xfff), hexBytes(hex));
    return pa;
  }

  /** Physical address of mapped `va` (test-side walk, no A/D side effects). */
  phys(va: number): number {
    const pde = this.mem.read32(this.pd + (va >>> 22) * 4);
    const pte = this.mem.read32((pde & ~0xfff) + ((va >>> 12) & 0x3ff) * 4);
    return (pte & ~0xfff) + (va & 0xfff);
  }
}

export function hexBytes(hex: string): Uint8Array {
  const clean = hex.replace(/\s+/g, "");
  const out = new Uint8Array(clean.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(clean.slice(2 * i, 2 * i + 2), 16);
  return out;
}
