/**
 * The MMU's software TLB: two direct-mapped arrays indexed by virtual page number.
 *
 * Contract:
 * - `read[vpn]` / `write[vpn]` hold the physical base (a multiple of 4096, >= 0) of the
 *   4 KiB page that user reads / user writes of linear page `vpn` use, or -1 (miss).
 *   `write` is filled only by a successful write walk (which set the Dirty bit), so a
 *   write hit never needs to touch the page tables.
 * - Entries are only ever filled through `fill`, which remembers each vpn once in a
 *   list, so `flush` costs O(pages filled since the last flush), not O(2^20). When the
 *   list overflows `flush` falls back to clearing both arrays whole (~2 ms).
 * - A 4 MiB page is cached as 4 KiB entries; its 4 MiB region is flagged so that
 *   `invalidate` of any page in it drops the whole region, as INVLPG does for a large
 *   page (SDM vol. 3, 4.10.4.1), even if the PDE has changed since.
 * - Physical RAM is below 2 GiB, so every page base is a positive int32 and -1 is free.
 */

const VPNS = 1 << 20;
/** Distinct pages remembered for a cheap flush (64 MiB worth of 4 KiB pages). */
const LIST_CAPACITY = 16384;

/** Two vpn-indexed translation arrays plus the bookkeeping for cheap flushes. */
export class Tlb {
  /** User-read translations: vpn -> physical page base, or -1. */
  readonly read: Int32Array = new Int32Array(VPNS).fill(-1);
  /** User-write translations (page known writable and Dirty): vpn -> base, or -1. */
  readonly write: Int32Array = new Int32Array(VPNS).fill(-1);
  /** 1 where the vpn is in `list` (so each vpn is listed at most once). */
  private readonly listed = new Uint8Array(VPNS);
  private readonly list = new Int32Array(LIST_CAPACITY);
  /** 1 where a 4 MiB region (vpn >>> 10) holds entries filled from a large page. */
  private readonly large = new Uint8Array(VPNS >>> 10);
  private count = 0;
  private spilled = false;

  /**
   * Records a read (and, when `writable`, a write) translation of `vpn` to `base`;
   * `large` says it came from a 4 MiB page.
   */
  fill(vpn: number, base: number, writable: boolean, large: boolean): void {
    if (this.listed[vpn] === 0) this.remember(vpn);
    if (large) this.large[vpn >>> 10] = 1;
    this.read[vpn] = base;
    if (writable) this.write[vpn] = base;
  }

  /** Drops both translations of one page (of the whole 4 MiB page if it was one). */
  invalidate(vpn: number): void {
    const region = vpn >>> 10;
    if (this.large[region] === 0) {
      this.read[vpn] = -1;
      this.write[vpn] = -1;
      return;
    }
    this.large[region] = 0;
    this.read.fill(-1, region << 10, (region + 1) << 10);
    this.write.fill(-1, region << 10, (region + 1) << 10);
  }

  /** Drops every translation. */
  flush(): void {
    if (this.spilled) {
      this.read.fill(-1);
      this.write.fill(-1);
      this.listed.fill(0);
      this.spilled = false;
    } else {
      for (let i = 0; i < this.count; i++) {
        const vpn = this.list[i];
        this.read[vpn] = -1;
        this.write[vpn] = -1;
        this.listed[vpn] = 0;
      }
    }
    this.count = 0;
    this.large.fill(0);
  }

  /** True when more pages were filled than the list holds (the next flush clears all). */
  get overflowed(): boolean {
    return this.spilled;
  }

  private remember(vpn: number): void {
    if (this.count === LIST_CAPACITY) {
      this.spilled = true;
      return;
    }
    this.listed[vpn] = 1;
    this.list[this.count++] = vpn;
  }
}
