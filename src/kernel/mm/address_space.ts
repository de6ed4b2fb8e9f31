/**
 * An address space: a page directory in guest RAM plus the sorted, disjoint regions
 * that say what may be mapped where. Page-table entries are filled lazily by `fault`.
 *
 * Invariants (checked by `check()`):
 * - regions are page aligned, non-empty, sorted and disjoint, all below 0xC0000000;
 * - every present user PTE lies inside a region and its frame has refcount >= 1;
 * - a PTE is writable only if its region is writable and, for private regions, the
 *   frame is not shared with anyone (refcount 1): copy-on-write is "writable region,
 *   read-only PTE". Whole file pages of private file regions map the page cache's frame
 *   read-only (so the first write copies it);
 * - a PTE of a PROT_NONE region is present but supervisor-only (U=0), so user access
 *   faults with P=1 and the data survives a later mprotect.
 *
 * Failure contract: `fault` reports MapErr/AccErr (the caller sends SIGSEGV with that
 * si_code) or NoMem (the caller runs the OOM killer); it never throws for guest input.
 * Whoever changes PTEs of the address space loaded in the MMU calls `tlb.flush()`.
 */
import {
  forEachPte,
  freeDirectory,
  KERNEL_BASE,
  newDirectory,
  Pte,
  pteAddr,
} from "./page_table.ts";
import type { Frames } from "./frames.ts";
import { Prot, type Region } from "./region.ts";

/** Outcome of a page fault. */
export const enum FaultResult {
  Ok = 0,
  /** No region there: SIGSEGV with SEGV_MAPERR. */
  MapErr = 1,
  /** Region forbids the access: SIGSEGV with SEGV_ACCERR. */
  AccErr = 2,
  /** Out of physical memory. */
  NoMem = 3,
  /** A file mapping's page lies wholly past the end of the file: SIGBUS (BUS_ADRERR). */
  BusErr = 4,
}

/** How the kernel tells the MMU about downgraded entries. */
export interface TlbControl {
  flush(): void;
  invlpg(va: number): void;
}

/** Default top of the user stack. */
export const STACK_TOP = KERNEL_BASE;
/** Largest stack (RLIMIT_STACK default, 8 MiB). */
export const STACK_LIMIT = 8 << 20;
/** Gap kept free below a growing stack (Linux's stack_guard_gap is 256 pages). */
export const STACK_GUARD = 256 << 12;
/** mmap without a hint searches downwards from here. */
export const MMAP_TOP = STACK_TOP - STACK_LIMIT - STACK_GUARD;
/** Lowest address mmap hands out (vm.mmap_min_addr). */
export const MMAP_MIN = 0x10000;

const PAGE = 4096;
/** Most regions an address space may hold (vm.max_map_count). */
export const MAX_REGIONS = 65530;

export class AddressSpace {
  readonly fr: Frames;
  readonly pd: number;
  regions: Region[] = [];
  brkStart = 0;
  brk = 0;
  /** Set while this address space is loaded in the MMU. */
  tlb: TlbControl | null = null;

  private constructor(fr: Frames, pd: number) {
    this.fr = fr;
    this.pd = pd;
  }

  /** A new, empty address space, or null when out of memory. */
  static create(fr: Frames): AddressSpace | null {
    const pd = newDirectory(fr);
    return pd < 0 ? null : new AddressSpace(fr, pd);
  }

  /** The region containing `va`, if any. */
  find(va: number): Region | undefined {
    const rs = this.regions;
    let lo = 0, hi = rs.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const r = rs[mid];
      if (va < r.start) hi = mid - 1;
      else if (va >= r.end) lo = mid + 1;
      else return r;
    }
    return undefined;
  }

  /** Is [start, end) free of regions? */
  isFree(start: number, end: number): boolean {
    const i = this.firstEndingAfter(start);
    return i === this.regions.length || this.regions[i].start >= end;
  }

  /** Index of the first region with end > va (regions.length if none). */
  private firstEndingAfter(va: number): number {
    let lo = 0, hi = this.regions.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.regions[mid].end > va) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  /** May another region be added (Linux's vm.max_map_count)? */
  get full(): boolean {
    return this.regions.length >= MAX_REGIONS;
  }

  /** Inserts a region; [start, end) must be free (the caller unmaps first for MAP_FIXED). */
  insert(r: Region): void {
    this.regions.splice(this.firstEndingAfter(r.start), 0, r);
  }

  /** A free range of `length` bytes, top-down below MMAP_TOP (or at `hint`); -1 if none. */
  findFree(length: number, hint = 0): number {
    if (hint >= MMAP_MIN && hint + length <= MMAP_TOP && this.isFree(hint, hint + length)) {
      return hint;
    }
    let top = MMAP_TOP;
    for (let i = this.regions.length - 1; i >= -1; i--) {
      const r = this.regions[i];
      const floor = r ? r.end : MMAP_MIN;
      if (r && r.start >= top) continue;
      if (top - floor >= length) return top - length;
      if (r) top = Math.min(top, r.start - (r.growsDown ? STACK_GUARD : 0));
    }
    return -1;
  }

  /** Handles a page fault at `va` (`write`: the access was a write). */
  fault(va: number, write: boolean): FaultResult {
    const page = (va & ~0xfff) >>> 0;
    const r = this.find(page) ?? this.growStack(page);
    if (!r) return FaultResult.MapErr;
    if (write ? (r.prot & Prot.Write) === 0 : r.prot === Prot.None) return FaultResult.AccErr;
    const at = pteAddr(this.fr, this.pd, page, true);
    if (at < 0) return FaultResult.NoMem;
    const pte = this.fr.mem.read32(at);
    if ((pte & Pte.P) === 0) {
      if (r.busPastEof && this.pastEof(r, page)) return FaultResult.BusErr;
      return this.populate(r, page, at);
    }
    if (write && (pte & Pte.W) === 0) return this.breakCow(r, page, at, pte);
    return FaultResult.Ok;
  }

  /** Unmaps [start, end): splits regions at the edges and frees the pages. */
  unmap(start: number, end: number): void {
    this.splitAround(start, end);
    const keep: Region[] = [];
    for (const r of this.regions) {
      if (r.start >= start && r.end <= end) this.release(r);
      else keep.push(r);
    }
    this.regions = keep;
    forEachPte(this.fr, this.pd, start, end, (_va, at) => {
      this.fr.buddy.put(this.fr.mem.read32(at) >>> 12);
      this.fr.mem.write32(at, 0);
    });
    this.tlb?.flush();
  }

  /** Drops the pages of [start, end) but keeps the regions (madvise MADV_DONTNEED). */
  discard(start: number, end: number): void {
    forEachPte(this.fr, this.pd, start, end, (va, at) => {
      const r = this.find(va);
      if (r?.shared) return;
      this.fr.buddy.put(this.fr.mem.read32(at) >>> 12);
      this.fr.mem.write32(at, 0);
    });
    this.tlb?.flush();
  }

  /** Changes the protection of [start, end) (all of it must be mapped: else false). */
  protect(start: number, end: number, prot: number): boolean {
    if (!this.covered(start, end)) return false;
    this.splitAround(start, end);
    for (const r of this.regions) if (r.start >= start && r.end <= end) r.prot = prot;
    forEachPte(this.fr, this.pd, start, end, (_va, at) => {
      let pte = this.fr.mem.read32(at);
      if ((prot & Prot.Write) === 0) pte &= ~Pte.W;
      pte = prot === Prot.None ? pte & ~Pte.U : pte | Pte.U;
      this.fr.mem.write32(at, pte);
    });
    this.tlb?.flush();
    return true;
  }

  /** Is every page of [start, end) inside some region? */
  covered(start: number, end: number): boolean {
    let at = start;
    for (const r of this.regions) {
      if (r.end <= at) continue;
      if (r.start > at) return false;
      at = r.end;
      if (at >= end) return true;
    }
    return at >= end;
  }

  /**
   * Moves the pages and regions of [from, from+length) to [to, to+length) (mremap with
   * MAYMOVE); the destination must be free. PTEs move without copying frames.
   */
  move(from: number, length: number, to: number): boolean {
    if (!this.covered(from, from + length)) return false;
    this.splitAround(from, from + length);
    const moved = this.regions.filter((r) => r.start >= from && r.end <= from + length);
    this.regions = this.regions.filter((r) => !moved.includes(r));
    const pages: [number, number][] = [];
    forEachPte(this.fr, this.pd, from, from + length, (va, at) => {
      pages.push([va - from + to, this.fr.mem.read32(at)]);
      this.fr.mem.write32(at, 0);
    });
    for (const [va, pte] of pages) {
      const at = pteAddr(this.fr, this.pd, va, true);
      if (at < 0) this.fr.buddy.put(pte >>> 12);
      else this.fr.mem.write32(at, pte);
    }
    for (const r of moved) {
      r.start += to - from;
      r.end += to - from;
      this.insert(r);
    }
    this.tlb?.flush();
    return true;
  }

  /** A copy-on-write copy of this address space (fork), or null when out of memory. */
  fork(): AddressSpace | null {
    const child = AddressSpace.create(this.fr);
    if (!child) return null;
    child.brkStart = this.brkStart;
    child.brk = this.brk;
    let ok = true;
    for (const r of this.regions) {
      child.regions.push(r.clone());
      forEachPte(this.fr, this.pd, r.start, r.end, (va, at) => {
        const cat = ok ? pteAddr(this.fr, child.pd, va, true) : -1;
        if (cat < 0) {
          ok = false;
          return;
        }
        let pte = this.fr.mem.read32(at);
        if (!r.shared) {
          pte &= ~Pte.W;
          this.fr.mem.write32(at, pte);
        }
        this.fr.buddy.get(pte >>> 12);
        this.fr.mem.write32(cat, pte);
      });
    }
    this.tlb?.flush();
    if (!ok) {
      child.destroy();
      return null;
    }
    return child;
  }

  /** Frees every page, page table and the directory. The object is dead afterwards. */
  destroy(): void {
    this.unmap(0, KERNEL_BASE);
    freeDirectory(this.fr, this.pd);
  }

  /** Number of present user pages (resident set size). */
  residentPages(): number {
    let n = 0;
    for (const r of this.regions) forEachPte(this.fr, this.pd, r.start, r.end, () => n++);
    return n;
  }

  /** Frames only this address space holds: unshared pages plus page tables (OOM score). */
  privateFrames(): number {
    let n = 0;
    for (const r of this.regions) {
      forEachPte(this.fr, this.pd, r.start, r.end, (_va, at) => {
        if (this.fr.buddy.refcount(this.fr.mem.read32(at) >>> 12) === 1) n++;
      });
    }
    for (let i = 0; i < KERNEL_BASE >>> 22; i++) {
      if (this.fr.mem.read32(this.pd + i * 4) & Pte.P) n++;
    }
    return n + 1;
  }

  /** Throws if an invariant of the module contract is broken. */
  check(): void {
    let prevEnd = 0;
    for (const r of this.regions) {
      if ((r.start | r.end) & 0xfff || r.start >= r.end || r.start < prevEnd) {
        throw new Error(`region invariant: [${r.start.toString(16)}, ${r.end.toString(16)})`);
      }
      if (r.end > KERNEL_BASE) throw new Error("region in the kernel half");
      prevEnd = r.end;
    }
    forEachPte(this.fr, this.pd, 0, KERNEL_BASE, (va, at) => {
      const pte = this.fr.mem.read32(at);
      const r = this.find(va);
      const f = pte >>> 12;
      if (!r) throw new Error(`PTE outside regions at ${va.toString(16)}`);
      if (this.fr.buddy.refcount(f) === 0) throw new Error(`PTE to free frame at ${va}`);
      if ((pte & Pte.W) && !(r.prot & Prot.Write)) throw new Error(`W PTE in RO region ${va}`);
      if ((pte & Pte.W) && !r.shared && this.fr.buddy.refcount(f) > 1) {
        throw new Error(`writable shared private frame at ${va.toString(16)}`);
      }
    });
  }

  // ---- fault helpers ----

  /** Extends a grows-down region to cover `page` when within the stack limit. */
  private growStack(page: number): Region | undefined {
    const i = this.regions.findIndex((r) => r.start > page);
    const r = this.regions[i];
    if (!r || !r.growsDown || r.end - page > STACK_LIMIT) return undefined;
    const below = this.regions[i - 1];
    if (below && below.end + STACK_GUARD > page) return undefined;
    r.fileOffset -= r.start - page;
    r.start = page;
    return r;
  }

  /** First touch of `page`: allocate and fill a frame, map it. */
  private populate(r: Region, page: number, at: number): FaultResult {
    let f: number;
    if (r.shared) {
      const idx = r.sharedBase + ((page - r.start) >>> 12);
      f = r.shared.frames.get(idx) ?? -1;
      if (f < 0) {
        f = this.fillFrame(r, page);
        if (f < 0) return FaultResult.NoMem;
        r.shared.frames.set(idx, f);
      }
      this.fr.buddy.get(f);
    } else {
      const cached = this.cachedFrame(r, page);
      if (cached >= 0) {
        // Shared with the page cache: read-only, writes copy (the region may be writable).
        this.fr.mem.write32(at, (cached << 12) | Pte.P | (r.prot !== Prot.None ? Pte.U : 0));
        return FaultResult.Ok;
      }
      f = this.fillFrame(r, page);
      if (f < 0) return FaultResult.NoMem;
    }
    let pte = (f << 12) | Pte.P;
    if (r.prot !== Prot.None) pte |= Pte.U;
    if (r.prot & Prot.Write) pte |= Pte.W;
    this.fr.mem.write32(at, pte);
    return FaultResult.Ok;
  }

  /** Is `page` of file region `r` wholly beyond the file's current end? */
  private pastEof(r: Region, page: number): boolean {
    const size = r.file?.size;
    if (size === undefined) return false;
    return r.fileOffset + (page - r.start) >= Math.ceil(size / PAGE) * PAGE;
  }

  /** A page-cache frame for a whole file page of a private file region, or -1. */
  private cachedFrame(r: Region, page: number): number {
    if (!r.file || page + PAGE > r.fileEnd) return -1;
    const pos = r.fileOffset + (page - r.start);
    if (pos % PAGE !== 0) return -1;
    return this.fr.pageCache.get(r.file, pos);
  }

  /** A new frame with the region's contents for `page` (zeros and/or file bytes). */
  private fillFrame(r: Region, page: number): number {
    const f = this.fr.allocZeroed();
    if (f < 0 || !r.file || page >= r.fileEnd) return f;
    const n = Math.min(PAGE, r.fileEnd - page);
    r.file.readAt(r.fileOffset + (page - r.start), this.fr.mem.view(f << 12, n));
    return f;
  }

  /** Write to a present read-only page of a writable region: copy-on-write. */
  private breakCow(r: Region, page: number, at: number, pte: number): FaultResult {
    const f = pte >>> 12;
    if (r.shared || this.fr.buddy.refcount(f) === 1) {
      this.fr.mem.write32(at, pte | Pte.W);
    } else {
      const n = this.fr.allocCopy(f);
      if (n < 0) return FaultResult.NoMem;
      this.fr.buddy.put(f);
      this.fr.mem.write32(at, (n << 12) | Pte.P | Pte.U | Pte.W);
    }
    this.tlb?.invlpg(page);
    return FaultResult.Ok;
  }

  /** Splits regions so that `start` and `end` fall on region boundaries. */
  private splitAround(start: number, end: number): void {
    for (const va of [start, end]) {
      const r = this.find(va);
      if (r && r.start < va) this.insertAfter(r, r.splitAt(va));
    }
  }

  private insertAfter(r: Region, tail: Region): void {
    this.regions.splice(this.regions.indexOf(r) + 1, 0, tail);
  }

  /** Drops a region's reference on its shared object. */
  private release(r: Region): void {
    const s = r.shared;
    if (!s || --s.users > 0) return;
    s.writeBack(this.fr.mem);
    for (const f of s.frames.values()) this.fr.buddy.put(f);
    s.frames.clear();
  }
}
