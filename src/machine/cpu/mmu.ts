/**
 * The i386 MMU: 32-bit two-level paging (SDM vol. 3, ch. 4) behind a software TLB.
 *
 * Contract:
 * - CR3 names the page directory; PDE -> page table -> 4 KiB page, or with `setPse(true)`
 *   a PDE with PS=1 maps a 4 MiB page. Bits used: P, R/W, U/S, A, D, PS; PWT/PCD, G and
 *   the PAT bit are ignored. CR0.WP=1: supervisor writes need R/W=1 too.
 * - `read*` / `write*` / `translate*` / `checkWrite` are the CPU's user-mode (CPL 3) data
 *   accesses and fetches. On failure they raise #PF through `raise()` (which throws) with
 *   the SDM error code (P, W, U=1, RSVD) and CR2 = the first byte address of the access
 *   in the faulting page, as an int32. An access straddling two pages checks the first
 *   page, then the second, before touching any byte: a write is never half done (checked
 *   against native Linux by tests/machine/cpu/native/straddle_fault.c).
 * - A successful walk sets Accessed in the PDE and PTE, and Dirty in the PTE (or 4 MiB
 *   PDE) for writes; a failed walk changes nothing. TLB hits do not re-walk, so entries
 *   edited without `invlpg` / `flushTlb` / `loadCr3` stay stale, as on hardware. A page
 *   fault drops the faulting page's TLB entries (SDM 4.10.4.1).
 * - `tlbWrite` is filled only when the page is user-writable and already Dirty (a write
 *   walk sets D first), so a TLB write hit never needs to touch the page tables.
 * - A page table or page frame beyond the end of RAM counts as not present (#PF with
 *   P=0) instead of reading open bus; the kernel never builds such entries. Reserved
 *   bits 13-21 of a 4 MiB PDE give #PF with P=1 and RSVD=1.
 * - `walk` is the kernel's non-throwing translation with an explicit access type; it
 *   neither reads nor fills the TLB.
 */
import type { PhysicalMemory } from "../memory.ts";
import { PfError, Vector } from "../trap.ts";
import { raise } from "./fault.ts";
import { Tlb } from "./_tlb.ts";

/** Page-directory and page-table entry bits (SDM vol. 3, tables 4-4 to 4-6). */
export const enum Pte {
  P = 1,
  W = 2,
  U = 4,
  PWT = 8,
  PCD = 16,
  A = 32,
  D = 64,
  PS = 128,
}

/** Bits 13-21 of a 4 MiB PDE: reserved, since the CPU has no PSE-36. */
const PDE_4M_RESERVED = 0x003f_e000;
const USER_READ = PfError.User;
const USER_WRITE = PfError.User | PfError.Write;
/** Largest RAM whose page bases are all positive int32s. */
const MAX_RAM = 0x8000_0000;

/** The MMU of one CPU: paging state, software TLB and user-mode accessors. */
export class Mmu {
  readonly mem: PhysicalMemory;
  /** User-read TLB: vpn (va >>> 12) -> physical page base, or -1. The CPU may inline it. */
  readonly tlbRead: Int32Array;
  /** User-write TLB: vpn -> physical page base of a writable, Dirty page, or -1. */
  readonly tlbWrite: Int32Array;
  /** Incremented by every loadCr3 / flushTlb / invlpg / setPse and by every #PF raised. */
  generation = 0;
  /** #PF error code of the last failed `walk`. */
  lastError = 0;
  private readonly u8: Uint8Array;
  private readonly i32: Int32Array;
  private readonly frames: number;
  private readonly tlb: Tlb;
  private pd = 0;
  private pse = false;
  /** Set by each successful walk: the translation came from a 4 MiB page. */
  private walkedLarge = false;

  /** Wraps `mem` (at most 2 GiB); CR3 = 0, PSE off, TLB empty. */
  constructor(mem: PhysicalMemory) {
    if (mem.size > MAX_RAM) throw new RangeError(`MMU needs RAM <= 2 GiB, got ${mem.size}`);
    this.mem = mem;
    this.u8 = mem.u8;
    this.i32 = mem.i32;
    this.frames = mem.size >>> 12;
    this.tlb = new Tlb();
    this.tlbRead = this.tlb.read;
    this.tlbWrite = this.tlb.write;
  }

  /** Physical address of the current page directory (use loadCr3 to change). */
  get cr3(): number {
    return this.pd;
  }

  /** Loads CR3 (low 12 bits ignored) and flushes the TLB. Throws RangeError beyond RAM. */
  loadCr3(pa: number): void {
    const base = (pa & ~0xfff) >>> 0;
    if (base >>> 12 >= this.frames) throw new RangeError(`CR3 beyond RAM: ${base}`);
    this.pd = base;
    this.flushTlb();
  }

  /** Drops every TLB entry; O(pages filled since the last flush). */
  flushTlb(): void {
    this.tlb.flush();
    this.generation++;
  }

  /** Drops the TLB entries of the page holding `va` (the whole 4 MiB page if large). */
  invlpg(va: number): void {
    this.tlb.invalidate(va >>> 12);
    this.generation++;
  }

  /** Sets CR4.PSE (4 MiB pages for PDEs with PS=1) and flushes the TLB. */
  setPse(on: boolean): void {
    this.pse = on;
    this.flushTlb();
  }

  // ---- user data accesses: TLB fast path, then a separate slow path ----

  /** User read of a byte (0..255). */
  read8(va: number): number {
    const base = this.tlbRead[va >>> 12];
    if (base >= 0) return this.u8[base | (va & 0xfff)];
    return this.u8[this.missRead(va)];
  }

  /** User read of a little-endian word (0..65535). */
  read16(va: number): number {
    const off = va & 0xfff;
    const base = this.tlbRead[va >>> 12];
    if (base >= 0 && off <= 0xffe) {
      const pa = base | off;
      return this.u8[pa] | (this.u8[pa + 1] << 8);
    }
    return this.readSlow(va, 2);
  }

  /** User read of a little-endian dword, as a signed int32. */
  read32(va: number): number {
    const off = va & 0xfff;
    const base = this.tlbRead[va >>> 12];
    if (base >= 0 && off <= 0xffc) {
      const pa = base | off;
      if ((off & 3) === 0) return this.i32[pa >> 2];
      const m = this.u8;
      return m[pa] | (m[pa + 1] << 8) | (m[pa + 2] << 16) | (m[pa + 3] << 24);
    }
    return this.readSlow(va, 4);
  }

  /** User write of the low byte of `v`. */
  write8(va: number, v: number): void {
    const base = this.tlbWrite[va >>> 12];
    if (base >= 0) this.u8[base | (va & 0xfff)] = v;
    else this.u8[this.missWrite(va)] = v;
  }

  /** User write of the low word of `v`, little-endian. */
  write16(va: number, v: number): void {
    const off = va & 0xfff;
    const base = this.tlbWrite[va >>> 12];
    if (base >= 0 && off <= 0xffe) {
      const pa = base | off;
      this.u8[pa] = v;
      this.u8[pa + 1] = v >> 8;
      return;
    }
    this.writeSlow(va, v, 2);
  }

  /** User write of the dword `v`, little-endian. */
  write32(va: number, v: number): void {
    const off = va & 0xfff;
    const base = this.tlbWrite[va >>> 12];
    if (base >= 0 && off <= 0xffc) {
      const pa = base | off;
      if ((off & 3) === 0) {
        this.i32[pa >> 2] = v;
        return;
      }
      const m = this.u8;
      m[pa] = v;
      m[pa + 1] = v >> 8;
      m[pa + 2] = v >> 16;
      m[pa + 3] = v >> 24;
      return;
    }
    this.writeSlow(va, v, 4);
  }

  /** Physical address of the byte at va for a user read/fetch (fills the read TLB, sets Accessed). */
  translateRead(va: number): number {
    const base = this.tlbRead[va >>> 12];
    if (base >= 0) return base | (va & 0xfff);
    return this.missRead(va);
  }

  /** Physical address of the byte at va for a user write (sets Accessed and Dirty). */
  translateWrite(va: number): number {
    const base = this.tlbWrite[va >>> 12];
    if (base >= 0) return base | (va & 0xfff);
    return this.missWrite(va);
  }

  /**
   * Raises #PF unless every byte of [va, va+size) (size 1..8, may straddle two pages) is
   * user-writable; sets A/D on those pages. Used before read-modify-write instructions.
   */
  checkWrite(va: number, size: number): void {
    if (this.tlbWrite[va >>> 12] < 0) this.missWrite(va);
    const inFirst = 0x1000 - (va & 0xfff);
    if (size > inFirst) this.translateWrite((va + inFirst) | 0);
  }

  // ---- the page walk ----

  /**
   * Non-throwing walk for the kernel: `access` is a PfError bit set (Write=2, User=4).
   * Returns the physical address, or -1 and sets `lastError` to the #PF error code the
   * access would produce. Sets A (and D for writes) only when access succeeds, as
   * hardware would. Does not use or fill the TLB.
   */
  walk(va: number, access: number): number {
    const need = access & (PfError.Write | PfError.User);
    const pdeAt = (this.pd >>> 2) + (va >>> 22);
    const pde = this.i32[pdeAt];
    if ((pde & Pte.P) === 0) return this.deny(need);
    if ((pde & Pte.PS) !== 0 && this.pse) return this.walkLarge(va, need, pdeAt, pde);
    if (pde >>> 12 >= this.frames) return this.deny(need);
    const pteAt = ((pde & ~0xfff) >>> 2) + ((va >>> 12) & 0x3ff);
    const pte = this.i32[pteAt];
    if ((pte & Pte.P) === 0 || pte >>> 12 >= this.frames) return this.deny(need);
    // PfError.Write/User are the R/W and U/S bit positions: both levels must grant them.
    if ((pde & pte & need) !== need) return this.deny(need | PfError.Present);
    this.i32[pdeAt] = pde | Pte.A;
    this.i32[pteAt] = pte | Pte.A | dirtyFor(need);
    this.walkedLarge = false;
    return (pte & ~0xfff) | (va & 0xfff);
  }

  /** The second half of `walk` for a PDE mapping a 4 MiB page. */
  private walkLarge(va: number, need: number, pdeAt: number, pde: number): number {
    if ((pde & PDE_4M_RESERVED) !== 0) {
      return this.deny(need | PfError.Present | PfError.Reserved);
    }
    const frame = ((pde >>> 22) << 10) | ((va >>> 12) & 0x3ff);
    if (frame >= this.frames) return this.deny(need);
    if ((pde & need) !== need) return this.deny(need | PfError.Present);
    this.i32[pdeAt] = pde | Pte.A | dirtyFor(need);
    this.walkedLarge = true;
    return (frame << 12) | (va & 0xfff);
  }

  private deny(errorCode: number): number {
    this.lastError = errorCode;
    return -1;
  }

  // ---- slow paths: TLB misses and page-straddling accesses ----

  /** Walks for a user read, fills the TLB, returns the physical address; raises #PF. */
  private missRead(va: number): number {
    const pa = this.walk(va, USER_READ);
    if (pa < 0) this.fault(va);
    const at = (this.pd >>> 2) + (va >>> 22);
    this.tlb.fill(va >>> 12, pa & ~0xfff, this.writableAndDirty(va, at), this.walkedLarge);
    return pa;
  }

  /** Walks for a user write (setting D), fills both TLBs; raises #PF. */
  private missWrite(va: number): number {
    const pa = this.walk(va, USER_WRITE);
    if (pa < 0) this.fault(va);
    this.tlb.fill(va >>> 12, pa & ~0xfff, true, this.walkedLarge);
    return pa;
  }

  /**
   * After a successful read walk of `va`: may user writes use this page without a walk?
   * True when both levels grant U and R/W and the leaf is already Dirty.
   */
  private writableAndDirty(va: number, pdeAt: number): boolean {
    const pde = this.i32[pdeAt];
    const leaf = this.walkedLarge ? pde : this.i32[((pde & ~0xfff) >>> 2) + ((va >>> 12) & 0x3ff)];
    const need = Pte.U | Pte.W;
    return (pde & leaf & need) === need && (leaf & Pte.D) !== 0;
  }

  /** Raises the #PF the last walk of `va` described, dropping the page's TLB entries. */
  private fault(va: number): never {
    this.tlb.invalidate(va >>> 12);
    this.generation++;
    return raise(Vector.PF, this.lastError, va | 0);
  }

  /** Any read that missed the TLB or crosses a page boundary (size 2 or 4). */
  private readSlow(va: number, size: number): number {
    const inFirst = 0x1000 - (va & 0xfff);
    const pa0 = this.translateRead(va);
    const pa1 = size > inFirst ? this.translateRead((va + inFirst) | 0) - inFirst : pa0;
    const m = this.u8;
    let v = 0;
    for (let i = 0; i < size; i++) v |= m[i < inFirst ? pa0 + i : pa1 + i] << (i << 3);
    return v;
  }

  /** Any write that missed the TLB or crosses a page boundary: both pages checked first. */
  private writeSlow(va: number, v: number, size: number): void {
    const inFirst = 0x1000 - (va & 0xfff);
    const pa0 = this.translateWrite(va);
    const pa1 = size > inFirst ? this.translateWrite((va + inFirst) | 0) - inFirst : pa0;
    const m = this.u8;
    for (let i = 0; i < size; i++) m[i < inFirst ? pa0 + i : pa1 + i] = v >> (i << 3);
  }
}

/** The Dirty bit to set for an access (Write=2 shifted onto D=64). */
function dirtyFor(access: number): number {
  return (access & PfError.Write) << 5;
}
