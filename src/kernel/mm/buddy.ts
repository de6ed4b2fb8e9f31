/**
 * The physical frame allocator: a binary buddy allocator over the frames of guest RAM,
 * with a reference count per frame.
 *
 * Contract:
 * - Frames are numbered 0..frames-1 (physical address = frame << 12). Frames below
 *   `reserved` are never handed out (low memory for the kernel's own structures).
 * - `alloc(order)` returns the first frame of a free, naturally aligned block of
 *   2^order frames with refcount 1 on every frame, or -1 when no block is large enough
 *   (the caller turns that into ENOMEM or the OOM killer). Contents are not cleared.
 * - `get(f)` adds a reference to an allocated order-0 frame (COW sharing); `put(f)`
 *   drops one and frees the frame at zero. `free(f, order)` frees a whole block.
 * - `check()` verifies every invariant (free lists well formed, blocks aligned and
 *   disjoint, free frames have refcount 0, counts add up) and throws on violation; tests
 *   call it after every scenario.
 */

/** Largest block: 2^MAX_ORDER frames (4 MiB). */
export const MAX_ORDER = 10;

export class BuddyAllocator {
  readonly frames: number;
  /** Number of frames currently free. */
  freeFrames = 0;
  private readonly refs: Uint16Array;
  /** Order of the free block starting at a frame, or -1 if it heads no free block. */
  private readonly freeOrder: Int8Array;
  private readonly next: Int32Array;
  private readonly prev: Int32Array;
  private readonly heads: Int32Array = new Int32Array(MAX_ORDER + 1).fill(-1);

  /** Manages `frames` frames; frames below `reserved` stay allocated forever. */
  constructor(frames: number, reserved = 0) {
    this.frames = frames;
    this.refs = new Uint16Array(frames);
    this.freeOrder = new Int8Array(frames).fill(-1);
    this.next = new Int32Array(frames).fill(-1);
    this.prev = new Int32Array(frames).fill(-1);
    this.refs.fill(1, 0, Math.min(reserved, frames));
    for (let f = reserved; f < frames;) {
      let order = MAX_ORDER;
      while (order > 0 && ((f & ((1 << order) - 1)) !== 0 || f + (1 << order) > frames)) order--;
      this.push(f, order);
      this.freeFrames += 1 << order;
      f += 1 << order;
    }
  }

  /** Allocates 2^order contiguous frames; returns the first frame or -1. */
  alloc(order = 0): number {
    let o = order;
    while (o <= MAX_ORDER && this.heads[o] < 0) o++;
    if (o > MAX_ORDER) return -1;
    const f = this.heads[o];
    this.unlink(f, o);
    while (o > order) {
      o--;
      this.push(f + (1 << o), o);
    }
    this.refs.fill(1, f, f + (1 << order));
    this.freeFrames -= 1 << order;
    return f;
  }

  /** Reference count of frame `f` (0 = free). */
  refcount(f: number): number {
    return this.refs[f];
  }

  /** Adds a reference to allocated frame `f`. */
  get(f: number): void {
    if (this.refs[f] === 0) throw new Error(`get of free frame ${f}`);
    this.refs[f]++;
  }

  /** Drops a reference to order-0 frame `f`; frees it at zero. Returns the new count. */
  put(f: number): number {
    const r = this.refs[f];
    if (r === 0) throw new Error(`put of free frame ${f}`);
    if (r > 1) return --this.refs[f];
    this.free(f, 0);
    return 0;
  }

  /** Frees the block of 2^order frames at `f`, merging with free buddies. */
  free(f: number, order = 0): void {
    this.refs.fill(0, f, f + (1 << order));
    this.freeFrames += 1 << order;
    let o = order;
    while (o < MAX_ORDER) {
      const buddy = f ^ (1 << o);
      if (buddy + (1 << o) > this.frames || this.freeOrder[buddy] !== o) break;
      this.unlink(buddy, o);
      f = Math.min(f, buddy);
      o++;
    }
    this.push(f, o);
  }

  /** Throws if any invariant is broken (see the module contract). */
  check(): void {
    let free = 0;
    const seen = new Uint8Array(this.frames);
    for (let o = 0; o <= MAX_ORDER; o++) {
      for (let f = this.heads[o], p = -1; f >= 0; p = f, f = this.next[f]) {
        assertInv(this.prev[f] === p, `broken prev link at ${f}`);
        assertInv(
          this.freeOrder[f] === o,
          `frame ${f} on list ${o} has order ${this.freeOrder[f]}`,
        );
        assertInv((f & ((1 << o) - 1)) === 0, `misaligned block ${f} order ${o}`);
        for (let i = f; i < f + (1 << o); i++) {
          assertInv(seen[i] === 0, `frame ${i} in two free blocks`);
          assertInv(this.refs[i] === 0, `free frame ${i} has refcount ${this.refs[i]}`);
          seen[i] = 1;
        }
        free += 1 << o;
      }
    }
    assertInv(free === this.freeFrames, `free count ${this.freeFrames} != lists ${free}`);
    for (let f = 0; f < this.frames; f++) {
      assertInv(seen[f] === 1 || this.refs[f] > 0, `frame ${f} neither free nor referenced`);
    }
  }

  private push(f: number, o: number): void {
    const h = this.heads[o];
    this.next[f] = h;
    this.prev[f] = -1;
    if (h >= 0) this.prev[h] = f;
    this.heads[o] = f;
    this.freeOrder[f] = o;
  }

  private unlink(f: number, o: number): void {
    const n = this.next[f], p = this.prev[f];
    if (p >= 0) this.next[p] = n;
    else this.heads[o] = n;
    if (n >= 0) this.prev[n] = p;
    this.freeOrder[f] = -1;
    this.next[f] = this.prev[f] = -1;
  }
}

function assertInv(ok: boolean, msg: string): void {
  if (!ok) throw new Error(`buddy invariant: ${msg}`);
}
