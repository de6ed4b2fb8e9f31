/**
 * kmalloc: object caches for kernel byte buffers that live in guest RAM.
 *
 * Contract:
 * - `kmalloc(size)` returns the physical address of a buffer of at least `size` bytes
 *   (power-of-two caches of 16..2048 bytes, each slab one frame from the buddy
 *   allocator; bigger requests take whole buddy blocks), or -1 when memory is exhausted.
 * - `kfree(pa)` returns it. Freeing an address not handed out throws (kernel bug).
 * - A slab whose objects are all free goes back to the buddy allocator.
 * - `stats()` reports per-cache objects in use, slabs, allocations and frees;
 *   `check()` verifies the free counts against the bitmaps.
 */
import type { BuddyAllocator } from "./buddy.ts";

const MIN_SHIFT = 4;
const MAX_SHIFT = 11;

interface Slab {
  frame: number;
  shift: number;
  used: Uint8Array;
  inUse: number;
}

/** Statistics of one cache. */
export interface CacheStats {
  size: number;
  inUse: number;
  slabs: number;
  allocs: number;
  frees: number;
}

export class SlabAllocator {
  private readonly buddy: BuddyAllocator;
  /** Slabs with at least one free object, per shift. */
  private readonly partial: Slab[][] = [];
  private readonly byFrame = new Map<number, Slab>();
  /** Large allocations: first frame -> order. */
  private readonly large = new Map<number, number>();
  private readonly counters: CacheStats[] = [];

  constructor(buddy: BuddyAllocator) {
    this.buddy = buddy;
    for (let s = MIN_SHIFT; s <= MAX_SHIFT; s++) {
      this.partial[s] = [];
      this.counters[s] = { size: 1 << s, inUse: 0, slabs: 0, allocs: 0, frees: 0 };
    }
  }

  /** Allocates `size` bytes; returns a physical address or -1. */
  kmalloc(size: number): number {
    if (size > 1 << MAX_SHIFT) return this.allocLarge(size);
    let shift = MIN_SHIFT;
    while (1 << shift < size) shift++;
    const slab = this.partial[shift].at(-1) ?? this.newSlab(shift);
    if (!slab) return -1;
    const i = slab.used.indexOf(0);
    slab.used[i] = 1;
    if (++slab.inUse === slab.used.length) this.partial[shift].pop();
    const c = this.counters[shift];
    c.inUse++;
    c.allocs++;
    return (slab.frame << 12) + (i << shift);
  }

  /** Frees a buffer returned by `kmalloc`. */
  kfree(pa: number): void {
    const frame = pa >>> 12;
    const order = this.large.get(pa);
    if (order !== undefined && (pa & 0xfff) === 0) {
      this.large.delete(pa);
      this.buddy.free(frame, order);
      return;
    }
    const slab = this.byFrame.get(frame);
    const i = slab ? (pa & 0xfff) >> slab.shift : -1;
    if (!slab || slab.used[i] !== 1 || (pa & ((1 << slab.shift) - 1)) !== 0) {
      throw new Error(`kfree of unallocated address ${pa.toString(16)}`);
    }
    slab.used[i] = 0;
    if (slab.inUse-- === slab.used.length) this.partial[slab.shift].push(slab);
    const c = this.counters[slab.shift];
    c.inUse--;
    c.frees++;
    if (slab.inUse === 0) this.dropSlab(slab);
  }

  /** Per-cache statistics, smallest first. */
  stats(): CacheStats[] {
    return this.counters.filter((c) => c !== undefined).map((c) => ({ ...c }));
  }

  /** Frames currently held by slabs and large allocations. */
  frames(): number {
    let n = this.byFrame.size;
    for (const order of this.large.values()) n += 1 << order;
    return n;
  }

  /** Throws if a slab's counters disagree with its bitmap. */
  check(): void {
    for (const s of this.byFrame.values()) {
      const n = s.used.reduce((a, b) => a + b, 0);
      if (n !== s.inUse) throw new Error(`slab invariant: frame ${s.frame} ${n} != ${s.inUse}`);
      if (this.buddy.refcount(s.frame) === 0) throw new Error(`slab on free frame ${s.frame}`);
    }
  }

  private newSlab(shift: number): Slab | null {
    const frame = this.buddy.alloc(0);
    if (frame < 0) return null;
    const slab = { frame, shift, used: new Uint8Array(4096 >> shift), inUse: 0 };
    this.byFrame.set(frame, slab);
    this.partial[shift].push(slab);
    this.counters[shift].slabs++;
    return slab;
  }

  private dropSlab(slab: Slab): void {
    const list = this.partial[slab.shift];
    list.splice(list.indexOf(slab), 1);
    this.byFrame.delete(slab.frame);
    this.counters[slab.shift].slabs--;
    this.buddy.free(slab.frame, 0);
  }

  private allocLarge(size: number): number {
    let order = 0;
    while (4096 << order < size) order++;
    const f = this.buddy.alloc(order);
    if (f < 0) return -1;
    this.large.set(f << 12, order);
    return f << 12;
  }
}
