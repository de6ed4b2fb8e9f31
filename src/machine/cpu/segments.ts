/**
 * Segment descriptors visible to user code: the flat user code/data segments and the
 * thread-local-storage entries the kernel installs with set_thread_area.
 *
 * Contract: `lookup(selector)` returns the base of a data segment user code may load
 * into DS/ES/SS/FS/GS, or -1 when loading it must raise #GP(selector & ~3). The null
 * selectors (0..3) are loadable into DS/ES/FS/GS (base 0; the CPU does not fault on use
 * of a null FS/GS because every linear address is checked by paging anyway).
 * Only GDT selectors with RPL 3 and a present, DPL-3 descriptor are loadable; LDT
 * selectors (TI=1) are not (denix has no modify_ldt).
 */
import { Selector, TLS_ENTRY_MAX, TLS_ENTRY_MIN } from "./regs.ts";

/** A user data descriptor: base and limit in bytes (limit kept for get_thread_area). */
export interface Descriptor {
  base: number;
  limit: number;
  /** The raw Linux user_desc flags word (seg_32bit, contents, ...), stored verbatim. */
  flags: number;
}

export class SegmentTable {
  private readonly tls: (Descriptor | null)[] = [null, null, null];

  /** Installs (or with `null` clears) TLS GDT entry `index` (TLS_ENTRY_MIN..MAX). */
  setTls(index: number, d: Descriptor | null): void {
    if (index < TLS_ENTRY_MIN || index > TLS_ENTRY_MAX) {
      throw new RangeError(`not a TLS GDT entry: ${index}`);
    }
    this.tls[index - TLS_ENTRY_MIN] = d;
  }

  /** The TLS descriptor in entry `index`, or null. */
  getTls(index: number): Descriptor | null {
    if (index < TLS_ENTRY_MIN || index > TLS_ENTRY_MAX) return null;
    return this.tls[index - TLS_ENTRY_MIN] ?? null;
  }

  /** Base of the segment `selector` names, -1 if user code may not load it. */
  lookup(selector: number): number {
    if ((selector & 0xfffc) === 0) return 0;
    if ((selector & 3) !== 3 || (selector & 4) !== 0) return -1;
    if (selector === Selector.USER_DS) return 0;
    const d = this.getTls(selector >> 3);
    return d ? d.base | 0 : -1;
  }

  /** Copies another table (fork). */
  copyFrom(other: SegmentTable): void {
    for (let i = 0; i < this.tls.length; i++) {
      const d = other.tls[i];
      this.tls[i] = d ? { ...d } : null;
    }
  }
}
