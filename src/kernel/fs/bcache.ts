/**
 * The buffer cache: device blocks held in guest RAM frames (buddy allocator), written
 * back lazily. Blocks smaller than a page share a frame (4 KiB / block size slots).
 *
 * Contract:
 * - `get(block)` returns a view of the cached block (read from the device on a miss) or
 *   -EIO; `getNew(block)` returns a zeroed view without reading (freshly allocated
 *   blocks). The view stays valid until the cache evicts the block, which never happens
 *   to a block touched since the last `begin()`: a file system calls `begin()` at the
 *   start of every operation, so the views one operation holds stay valid throughout.
 * - `markDirty(block)` schedules a cached block for write-back. `sync()` writes every
 *   dirty block in ascending block order, then flushes the device (0 or -EIO; blocks
 *   that failed stay dirty). `writeBack()` is `sync()` without the flush.
 * - Above the cap (a fraction of RAM by default), a miss evicts least recently used
 *   clean blocks; when only dirty ones are left it writes them back first. When the
 *   buddy allocator is empty the same happens, and if nothing can be evicted the block
 *   lives on the JS heap: allocation failure never throws and never loses data.
 * - `shrink()` frees every clean block not touched in the current operation and
 *   returns the number of frames given back; `forget(block)` drops a block whose disk
 *   copy no longer matters (freed by the file system); `drop()` discards everything
 *   without writing (unmount after sync, or a simulated power cut).
 */
import { Errno } from "../../abi/errno.ts";
import type { Frames } from "../mm/frames.ts";
import type { BlockDevice } from "./filesystem.ts";

interface Buf {
  block: number;
  /** Frame holding the block, or -1 when the block lives on the JS heap. */
  frame: number;
  slot: number;
  view: Uint8Array;
  dirty: boolean;
  epoch: number;
}

/** Counters for tests and /proc. */
export interface BcacheStats {
  hits: number;
  misses: number;
  dirty: number;
  cached: number;
  writes: number;
  evictions: number;
  /** Blocks that had to live on the JS heap because no frame was free. */
  heapBlocks: number;
}

/** Default cap: this fraction of guest RAM. */
const DEFAULT_RAM_FRACTION = 1 / 8;

export class BufferCache {
  readonly dev: BlockDevice;
  readonly fr: Frames;
  readonly blockSize: number;
  /** Most blocks kept before evicting. */
  readonly capBlocks: number;
  readonly stats: BcacheStats = {
    hits: 0,
    misses: 0,
    dirty: 0,
    cached: 0,
    writes: 0,
    evictions: 0,
    heapBlocks: 0,
  };
  /** Insertion order of the map = LRU order (a hit re-inserts). */
  private readonly bufs = new Map<number, Buf>();
  private readonly slotsPerFrame: number;
  private readonly order: number;
  /** Used-slot bit mask of every frame the cache holds. */
  private readonly frameUse = new Map<number, number>();
  /** Frames with a free slot. */
  private readonly partial: number[] = [];
  private epoch = 1;

  constructor(dev: BlockDevice, fr: Frames, blockSize: number, capBlocks?: number) {
    this.dev = dev;
    this.fr = fr;
    this.blockSize = blockSize;
    this.slotsPerFrame = Math.max(1, 4096 / blockSize);
    this.order = Math.max(0, Math.log2(blockSize / 4096));
    const ramBlocks = fr.buddy.frames * 4096 / blockSize;
    this.capBlocks = Math.max(64, capBlocks ?? Math.floor(ramBlocks * DEFAULT_RAM_FRACTION));
  }

  /** Starts an operation: blocks touched from now on are not evicted until the next. */
  begin(): void {
    this.epoch++;
  }

  /** The cached block (read on a miss), or -EIO. */
  get(block: number): Uint8Array | number {
    const hit = this.touch(block);
    if (hit) return hit.view;
    this.stats.misses++;
    const b = this.insert(block);
    if (this.dev.read(block * this.blockSize, b.view) < 0) {
      this.remove(b);
      return -Errno.EIO;
    }
    return b.view;
  }

  /** A zeroed cached block, not read from the device (it is about to be written). */
  getNew(block: number): Uint8Array {
    const b = this.touchBuf(block) ?? this.insert(block);
    b.view.fill(0);
    return b.view;
  }

  /** Schedules a cached block for write-back (no-op when it is not cached). */
  markDirty(block: number): void {
    const b = this.bufs.get(block);
    if (!b || b.dirty) return;
    b.dirty = true;
    this.stats.dirty++;
  }

  /** Writes dirty blocks in block order and flushes the device: 0 or -EIO. */
  sync(): number {
    const r = this.writeBack();
    const f = this.dev.readOnly ? 0 : this.dev.flush();
    return r < 0 ? r : f;
  }

  /** Writes dirty blocks in block order (no flush): 0 or -EIO. */
  writeBack(): number {
    if (this.stats.dirty === 0) return 0;
    const dirty: Buf[] = [];
    for (const b of this.bufs.values()) if (b.dirty) dirty.push(b);
    dirty.sort((a, b) => a.block - b.block);
    let result = 0;
    for (const b of dirty) if (this.writeOne(b) < 0) result = -Errno.EIO;
    return result;
  }

  /** Frees clean blocks not used by the current operation; returns frames freed. */
  shrink(): number {
    let freed = 0;
    for (const b of [...this.bufs.values()]) {
      if (!b.dirty && b.epoch !== this.epoch) freed += this.remove(b);
    }
    return freed;
  }

  /** Drops a block without writing it (the file system freed it). */
  forget(block: number): void {
    const b = this.bufs.get(block);
    if (b) this.remove(b);
  }

  /** Discards every block without writing; returns frames freed. */
  drop(): number {
    let freed = 0;
    for (const b of [...this.bufs.values()]) freed += this.remove(b);
    return freed;
  }

  /** Frames the cache holds. */
  frames(): number {
    return this.frameUse.size << this.order;
  }

  private touch(block: number): Buf | undefined {
    const b = this.touchBuf(block);
    if (b) this.stats.hits++;
    return b;
  }

  private touchBuf(block: number): Buf | undefined {
    const b = this.bufs.get(block);
    if (!b) return undefined;
    this.bufs.delete(block);
    this.bufs.set(block, b);
    b.epoch = this.epoch;
    return b;
  }

  private insert(block: number): Buf {
    if (this.bufs.size >= this.capBlocks) this.evict(this.bufs.size - this.capBlocks + 1);
    let place = this.allocSlot();
    if (!place) {
      this.evict(this.slotsPerFrame, true);
      place = this.allocSlot();
    }
    const b: Buf = place
      ? { block, frame: place[0], slot: place[1], view: place[2], dirty: false, epoch: 0 }
      : { block, frame: -1, slot: 0, view: new Uint8Array(this.blockSize), dirty: false, epoch: 0 };
    if (!place) this.stats.heapBlocks++;
    b.epoch = this.epoch;
    this.bufs.set(block, b);
    this.stats.cached++;
    return b;
  }

  /** Evicts up to `n` old clean blocks; with `force`, writes dirty ones back first. */
  private evict(n: number, force = false): void {
    let done = this.evictClean(n);
    if (done < n && (force || done === 0)) {
      this.writeBack();
      done += this.evictClean(n - done);
    }
  }

  private evictClean(n: number): number {
    let done = 0;
    for (const b of this.bufs.values()) {
      if (done >= n) break;
      if (b.dirty || b.epoch === this.epoch) continue;
      this.remove(b);
      this.stats.evictions++;
      done++;
    }
    return done;
  }

  private writeOne(b: Buf): number {
    if (this.dev.write(b.block * this.blockSize, b.view) < 0) return -Errno.EIO;
    b.dirty = false;
    this.stats.dirty--;
    this.stats.writes++;
    return 0;
  }

  /** A free slot: [frame, slot, view], or null when no frame can be had. */
  private allocSlot(): [number, number, Uint8Array] | null {
    let frame = this.partial.length > 0 ? this.partial[this.partial.length - 1] : -1;
    if (frame < 0) {
      frame = this.fr.buddy.alloc(this.order);
      if (frame < 0) return null;
      this.frameUse.set(frame, 0);
      this.partial.push(frame);
    }
    const used = this.frameUse.get(frame) ?? 0;
    let slot = 0;
    while (used & (1 << slot)) slot++;
    const mask = used | (1 << slot);
    this.frameUse.set(frame, mask);
    if (mask === (1 << this.slotsPerFrame) - 1) this.partial.pop();
    const at = frame * 4096 + slot * this.blockSize;
    return [frame, slot, this.fr.mem.u8.subarray(at, at + this.blockSize)];
  }

  /** Removes a buffer; returns frames given back to the allocator. */
  private remove(b: Buf): number {
    this.bufs.delete(b.block);
    this.stats.cached--;
    if (b.dirty) this.stats.dirty--;
    if (b.frame < 0) {
      this.stats.heapBlocks--;
      return 0;
    }
    const full = (1 << this.slotsPerFrame) - 1;
    const used = this.frameUse.get(b.frame) ?? 0;
    const mask = used & ~(1 << b.slot);
    if (used === full) this.partial.push(b.frame);
    if (mask !== 0) {
      this.frameUse.set(b.frame, mask);
      return 0;
    }
    this.frameUse.delete(b.frame);
    this.partial.splice(this.partial.lastIndexOf(b.frame), 1);
    this.fr.buddy.free(b.frame, this.order);
    return 1 << this.order;
  }
}
