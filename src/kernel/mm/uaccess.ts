/**
 * Kernel access to a process's user memory: copyIn, copyOut, copyInString and small
 * typed reads and writes, all through the process's own i386 page tables.
 *
 * Contract:
 * - Every access walks the page directory of `as` (whether or not it is loaded in the
 *   MMU) exactly as a CPL 3 access would (P, U, and W for writes; A/D set). A page that
 *   is not accessible goes through `as.fault`, so demand paging and copy-on-write work
 *   for kernel copies too; addresses in the kernel half or outside every region fail.
 * - Failure is a return value, never an exception: the copy functions return 0 or
 *   -EFAULT (-ENOMEM when no frame could be found even after `oom()`); `read32` etc.
 *   return null. Partial copies may have written a prefix (as on Linux).
 */
import { Errno } from "../../abi/errno.ts";
import { type AddressSpace, FaultResult } from "./address_space.ts";
import { KERNEL_BASE, Pte, pteAddr } from "./page_table.ts";

/** Longest string copyInString accepts (PATH_MAX / ARG_MAX pieces). */
export const MAX_STRING = 128 * 1024;

const decoder = new TextDecoder();

export class UserMemory {
  readonly as: AddressSpace;
  /** Called when a fault ran out of memory; returns true if memory was freed (retry). */
  oom: () => boolean = () => false;
  private err = 0;

  constructor(as: AddressSpace) {
    this.as = as;
  }

  /**
   * Physical address of user `va` for the access, faulting it in; -1 on failure (the
   * errno is then in `lastErrno`).
   */
  translate(va: number, write: boolean): number {
    va = va >>> 0;
    if (va >= KERNEL_BASE) return this.fail(Errno.EFAULT);
    const need = Pte.P | Pte.U | (write ? Pte.W : 0);
    for (let tries = 0; tries < 4; tries++) {
      const at = pteAddr(this.as.fr, this.as.pd, va, false);
      const pte = at < 0 ? 0 : this.as.fr.mem.read32(at);
      if ((pte & need) === need) {
        this.as.fr.mem.write32(at, pte | Pte.A | (write ? Pte.D : 0));
        return (pte & ~0xfff) + (va & 0xfff);
      }
      const r = this.as.fault(va, write);
      if (r === FaultResult.NoMem && !this.oom()) return this.fail(Errno.ENOMEM);
      if (r !== FaultResult.Ok && r !== FaultResult.NoMem) return this.fail(Errno.EFAULT);
    }
    return this.fail(Errno.EFAULT);
  }

  /** The errno of the last failed translation. */
  get lastErrno(): number {
    return this.err;
  }

  /** Copies user [va, va+dst.length) into `dst`; 0 or -errno. */
  copyIn(va: number, dst: Uint8Array): number {
    const mem = this.as.fr.mem.u8;
    for (let done = 0; done < dst.length;) {
      const pa = this.translate(va + done, false);
      if (pa < 0) return -this.err;
      const n = Math.min(dst.length - done, 0x1000 - (pa & 0xfff));
      dst.set(mem.subarray(pa, pa + n), done);
      done += n;
    }
    return 0;
  }

  /** Copies `src` to user memory at `va`; 0 or -errno. */
  copyOut(va: number, src: Uint8Array): number {
    const mem = this.as.fr.mem.u8;
    for (let done = 0; done < src.length;) {
      const pa = this.translate(va + done, true);
      if (pa < 0) return -this.err;
      const n = Math.min(src.length - done, 0x1000 - (pa & 0xfff));
      mem.set(src.subarray(done, done + n), pa);
      done += n;
    }
    return 0;
  }

  /** Reads a NUL-terminated string (UTF-8 decoded) of at most `max` bytes; -errno on failure. */
  copyInString(va: number, max = MAX_STRING): string | number {
    const bytes = this.copyInBytes(va, max);
    return typeof bytes === "number" ? bytes : decoder.decode(bytes);
  }

  /** The bytes of a NUL-terminated string (without the NUL), or -errno (ENAMETOOLONG past max). */
  copyInBytes(va: number, max = MAX_STRING): Uint8Array | number {
    const mem = this.as.fr.mem.u8;
    const parts: Uint8Array[] = [];
    let total = 0;
    for (;;) {
      const pa = this.translate(va + total, false);
      if (pa < 0) return -this.err;
      const end = pa + 0x1000 - (pa & 0xfff);
      const nul = mem.subarray(pa, end).indexOf(0);
      const chunk = mem.slice(pa, nul < 0 ? end : pa + nul);
      parts.push(chunk);
      total += chunk.length;
      if (total > max) return -Errno.ENAMETOOLONG;
      if (nul >= 0) break;
    }
    const out = new Uint8Array(total);
    let o = 0;
    for (const p of parts) {
      out.set(p, o);
      o += p.length;
    }
    return out;
  }

  /** Reads a user dword (int32) or null on a bad address. */
  read32(va: number): number | null {
    if ((va & 3) === 0) {
      const pa = this.translate(va, false);
      return pa < 0 ? null : this.as.fr.mem.read32(pa);
    }
    const b = new Uint8Array(4);
    return this.copyIn(va, b) < 0 ? null : new DataView(b.buffer).getInt32(0, true);
  }

  /** Writes a user dword; 0 or -errno. */
  write32(va: number, v: number): number {
    if ((va & 3) === 0) {
      const pa = this.translate(va, true);
      if (pa < 0) return -this.err;
      this.as.fr.mem.write32(pa, v);
      return 0;
    }
    const b = new Uint8Array(4);
    new DataView(b.buffer).setInt32(0, v, true);
    return this.copyOut(va, b);
  }

  private fail(e: number): number {
    this.err = e;
    return -1;
  }
}
