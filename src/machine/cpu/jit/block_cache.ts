/**
 * The JIT's block cache: compiled blocks in a direct-mapped table indexed by the
 * block's linear address, each tagged with its linear and physical address and a
 * snapshot of its code bytes.
 *
 * Contract:
 * - `lookup(eip, pa)` returns the slot of a compiled block that starts at linear `eip`,
 *   physical `pa`, whose code bytes are still those it was compiled from; else -1.
 *   Checking the bytes on every entry makes the cache correct whoever changes code
 *   memory (the guest itself, or the kernel reusing a frame), with no hooks.
 * - `hot(eip)` counts interpreted executions of `eip`; once it passes the threshold the
 *   CPU calls `compile`, which installs a block or a "not compilable" marker.
 * - Blocks never span a page, so one translation covers the whole block.
 */
import type { CpuCore } from "../cpu_core.ts";
import { compileBlock } from "./compile.ts";

/** A compiled block's entry point; returns the instructions it retired. */
export type BlockFn = (c: CpuCore) => number;

const SLOTS = 1 << 14;
const MAX_INSN_BYTES = 15;

/** `lookup` result for code that is known not to compile (interpret it). */
export const NOT_COMPILABLE = -2;

function slotOf(eip: number): number {
  return (eip ^ (eip >>> 14)) & (SLOTS - 1);
}

export class BlockCache {
  /** Interpreted executions before a block is compiled. */
  threshold: number;
  private readonly eips = new Int32Array(SLOTS).fill(-1);
  private readonly pas = new Int32Array(SLOTS);
  private readonly heat = new Int32Array(SLOTS);
  /** The compiled function of each slot, or null when the block is not compilable. */
  readonly fns: (BlockFn | null)[] = new Array(SLOTS).fill(null);
  /** Instruction count of each slot's block (the most it retires). */
  readonly counts: Int32Array = new Int32Array(SLOTS);
  /** Linear address of every instruction of each slot's block (fault accounting). */
  readonly insnEips: number[][] = new Array(SLOTS).fill([]);
  private readonly code: Int32Array[] = new Array(SLOTS).fill(new Int32Array(0));
  /** Blocks compiled so far (statistics). */
  compiled = 0;

  constructor(threshold = 32) {
    this.threshold = threshold;
  }

  /**
   * The slot holding a valid compiled block for (eip, pa); -1 when there is none (or
   * the code changed since), NOT_COMPILABLE when the code there is known not to compile.
   */
  lookup(eip: number, pa: number, mem32: Int32Array): number {
    const s = slotOf(eip);
    if (this.eips[s] !== eip || this.pas[s] !== pa) return -1;
    const words = this.code[s];
    const base = pa >> 2;
    for (let i = 0; i < words.length; i++) {
      if (mem32[base + i] !== words[i]) {
        this.eips[s] = -1;
        return -1;
      }
    }
    return this.fns[s] === null ? NOT_COMPILABLE : s;
  }

  /** Counts one interpreted execution of a block start; true when it should be compiled now. */
  hot(eip: number): boolean {
    return ++this.heat[slotOf(eip)] >= this.threshold;
  }

  /**
   * Compiles the block at linear `eip`, physical `pa`, from
   * the bytes of its page in `mem8`, and installs it (or a not-compilable marker).
   */
  compile(eip: number, pa: number, mem8: Uint8Array): void {
    const s = slotOf(eip);
    this.heat[s] = 0;
    this.eips[s] = eip;
    this.pas[s] = pa;
    const pageEnd = (pa & ~0xfff) + 0x1000;
    const block = compileBlock(mem8.subarray(pa, pageEnd), eip);
    // Snapshot the aligned words covering the block (or, for code that does not compile,
    // its first instruction's worth of bytes), checked on every entry. A block never
    // crosses its page and pages are word-aligned, so the words stay in the page.
    const length = block === null ? Math.min(MAX_INSN_BYTES, pageEnd - pa) : block.length;
    const first = pa & ~3;
    this.code[s] = new Int32Array(mem8.buffer, first, (pa + length - first + 3) >> 2).slice();
    if (block === null) {
      this.fns[s] = null;
      return;
    }
    this.counts[s] = block.eips.length;
    this.insnEips[s] = block.eips;
    this.fns[s] = new Function("c", block.source) as BlockFn;
    this.compiled++;
  }
}
