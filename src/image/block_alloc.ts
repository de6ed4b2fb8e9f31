/**
 * Block allocation for the builder: one bitmap per group, filled once in
 * allocation order (nothing is ever freed), so each group keeps a cursor below
 * which every bit is set. `alloc(goal)` takes the lowest free block of group
 * `goal`, spilling over to the following groups (wrapping) when it is full.
 *
 * Group metadata (superblock/GDT copies, bitmaps, inode table) is marked used at
 * construction. Failure contract: `alloc` throws Ext2Error(NoSpace) when the file
 * system is full; callers check the total beforehand for a friendlier message.
 */
import {
  Ext2Error,
  Ext2ErrorCode,
  findClearBit,
  type Geometry,
  setBit,
} from "../formats/ext2/mod.ts";

/** Per-group block bitmaps with allocation cursors. */
export class BlockAllocator {
  readonly bitmaps: Uint8Array[];
  readonly free: number[];
  private readonly cursor: number[];
  private readonly geo: Geometry;

  constructor(geo: Geometry) {
    this.geo = geo;
    this.bitmaps = geo.groups.map(() => new Uint8Array(geo.blockSize));
    this.free = geo.groups.map((g) => g.blockCount);
    this.cursor = geo.groups.map(() => 0);
    for (const g of geo.groups) {
      for (let b = g.firstBlock; b < g.firstDataBlock; b++) this.markUsed(b);
    }
  }

  /** Total free blocks left. */
  get freeTotal(): number {
    return this.free.reduce((a, b) => a + b, 0);
  }

  /** Marks block `b` used (it must be free). */
  markUsed(b: number): void {
    const g = Math.floor((b - this.geo.firstDataBlock) / this.geo.blocksPerGroup);
    setBit(this.bitmaps[g], b - this.geo.groups[g].firstBlock);
    this.free[g]--;
  }

  private takeIn(g: number): number {
    const bit = findClearBit(this.bitmaps[g], this.cursor[g], this.geo.groups[g].blockCount);
    if (bit < 0) throw new Ext2Error(Ext2ErrorCode.NoSpace, `group ${g} bitmap full`);
    setBit(this.bitmaps[g], bit);
    this.cursor[g] = bit + 1;
    this.free[g]--;
    return this.geo.groups[g].firstBlock + bit;
  }

  /** Allocates one block, preferring group `goal`. */
  alloc(goal: number): number {
    const n = this.geo.groupCount;
    for (let i = 0; i < n; i++) {
      const g = (goal + i) % n;
      if (this.free[g] > 0) return this.takeIn(g);
    }
    throw new Ext2Error(Ext2ErrorCode.NoSpace, "file system full");
  }

  /** The group holding block `b`. */
  groupOf(b: number): number {
    return Math.floor((b - this.geo.firstDataBlock) / this.geo.blocksPerGroup);
  }
}
