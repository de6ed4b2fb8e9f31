/**
 * Guest physical memory as the kernel manages it: RAM, the buddy frame allocator and
 * kmalloc, bundled so every mm function takes one object.
 *
 * Contract: `allocZeroed()` returns a zero-filled frame number with refcount 1 or -1
 * (out of memory). Low memory below 1 MiB is reserved (frame 0 is never handed out, so
 * a zero PTE/PDE always means "not present").
 */
import type { PhysicalMemory } from "../../machine/memory.ts";
import { BuddyAllocator } from "./buddy.ts";
import { SlabAllocator } from "./slab.ts";
import { PageCache } from "./page_cache.ts";

/** Frames below this are never allocated (the first 1 MiB, as on a PC). */
export const RESERVED_FRAMES = 256;
const ZERO_PAGE = new Uint8Array(4096);

export class Frames {
  readonly mem: PhysicalMemory;
  readonly buddy: BuddyAllocator;
  readonly slab: SlabAllocator;
  readonly pageCache: PageCache;

  constructor(mem: PhysicalMemory) {
    this.mem = mem;
    this.buddy = new BuddyAllocator(mem.frames, RESERVED_FRAMES);
    this.slab = new SlabAllocator(this.buddy);
    this.pageCache = new PageCache(this);
  }

  /** A zeroed frame (refcount 1), or -1. */
  allocZeroed(): number {
    const f = this.buddy.alloc(0);
    if (f >= 0) this.mem.u8.set(ZERO_PAGE, f << 12);
    return f;
  }

  /** Frames held by kmalloc and the page cache (kernel-owned, not in any process). */
  kernelFrames(): number {
    return this.slab.frames() + this.pageCache.frames();
  }

  /** A frame holding a copy of frame `src`, or -1. */
  allocCopy(src: number): number {
    const f = this.buddy.alloc(0);
    if (f >= 0) this.mem.u8.copyWithin(f << 12, src << 12, (src + 1) << 12);
    return f;
  }
}
