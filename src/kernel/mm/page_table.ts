/**
 * i386 two-level page tables in guest RAM, as the kernel builds them.
 *
 * Contract:
 * - A page directory is one frame. Entries 0..767 map user space through page tables
 *   (PDE = table | P | W | U; protection is decided by the PTE). Entries 768..1023 (the
 *   kernel half, 0xC0000000 up) map physical RAM with 4 MiB PSE pages, supervisor-only
 *   (P | W | PS, no U), identical in every directory: user access to them raises #PF
 *   with P=1, U=1.
 * - `pteAddr(pd, va, create)` gives the physical address of the PTE for `va`, creating
 *   the page table on demand when `create`; -1 when absent (or out of memory).
 * - Entries are only changed through these helpers and the AddressSpace; the caller
 *   invalidates TLB entries for any entry it downgrades.
 */
import type { Frames } from "./frames.ts";

/** Page-table entry bits. */
export const enum Pte {
  P = 1,
  W = 2,
  U = 4,
  A = 32,
  D = 64,
  PS = 128,
}

/** First byte of the kernel half. */
export const KERNEL_BASE = 0xc000_0000;
/** First kernel-half page-directory index. */
export const KERNEL_PDI = KERNEL_BASE >>> 22;
const USER_PDE = Pte.P | Pte.W | Pte.U;

/** Allocates a page directory with the kernel half mapped; returns its pa or -1. */
export function newDirectory(fr: Frames): number {
  const f = fr.allocZeroed();
  if (f < 0) return -1;
  const pd = f << 12;
  const ramPages4M = Math.ceil(fr.mem.size / (4 << 20));
  for (let i = 0; i < 1024 - KERNEL_PDI && i < ramPages4M; i++) {
    fr.mem.write32(pd + (KERNEL_PDI + i) * 4, (i << 22) | Pte.P | Pte.W | Pte.PS);
  }
  return pd;
}

/** Physical address of the PTE for user `va` in directory `pd`, or -1. */
export function pteAddr(fr: Frames, pd: number, va: number, create: boolean): number {
  const pdi = va >>> 22;
  if (pdi >= KERNEL_PDI) return -1;
  const pdeAt = pd + pdi * 4;
  let pde = fr.mem.read32(pdeAt);
  if ((pde & Pte.P) === 0) {
    if (!create) return -1;
    const t = fr.allocZeroed();
    if (t < 0) return -1;
    pde = (t << 12) | USER_PDE;
    fr.mem.write32(pdeAt, pde);
  }
  return (pde & ~0xfff) + ((va >>> 12) & 0x3ff) * 4;
}

/** Reads the PTE for `va` (0 when there is no page table). */
export function readPte(fr: Frames, pd: number, va: number): number {
  const at = pteAddr(fr, pd, va, false);
  return at < 0 ? 0 : fr.mem.read32(at);
}

/** Calls `fn(va, pteAt)` for every present user PTE in [start, end). */
export function forEachPte(
  fr: Frames,
  pd: number,
  start: number,
  end: number,
  fn: (va: number, pteAt: number) => void,
): void {
  for (let va = start; va < end;) {
    const pde = fr.mem.read32(pd + (va >>> 22) * 4);
    const tableEnd = Math.min(end, ((va >>> 22) + 1) * (4 << 20));
    if ((pde & Pte.P) === 0) {
      va = tableEnd;
      continue;
    }
    for (; va < tableEnd; va += 4096) {
      const at = (pde & ~0xfff) + ((va >>> 12) & 0x3ff) * 4;
      if ((fr.mem.read32(at) & Pte.P) !== 0) fn(va, at);
    }
  }
}

/** Frees the user page tables and the directory itself (PTEs must already be cleared). */
export function freeDirectory(fr: Frames, pd: number): void {
  for (let i = 0; i < KERNEL_PDI; i++) {
    const pde = fr.mem.read32(pd + i * 4);
    if ((pde & Pte.P) !== 0) fr.buddy.put(pde >>> 12);
  }
  fr.buddy.put(pd >>> 12);
}
