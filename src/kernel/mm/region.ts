/**
 * Regions (virtual memory areas): the pieces an address space is made of.
 *
 * A region covers [start, end) (page aligned) with one protection and one backing:
 * - anonymous: zero-filled on first touch (heap, bss, stack, MAP_ANONYMOUS);
 * - file: bytes of `file` from `fileOffset` (the file position of `start`) up to the
 *   address `fileEnd`, zeros after it (ELF segments whose memsz > filesz);
 * - shared: pages come from a `SharedPages` object (MAP_SHARED anonymous memory), so
 *   every region referring to it, in any process, maps the same frames.
 * Private regions copy on write after fork; shared regions do not. Shared file regions
 * are written back to their file by msync and when the last mapping goes.
 */
import type { PhysicalMemory } from "../../machine/memory.ts";

/** Region protection bits (PROT_*). */
export const enum Prot {
  None = 0,
  Read = 1,
  Write = 2,
  Exec = 4,
}

/** Something a region can read file pages from (an open file, an ELF image). */
export interface Backing {
  /** Reads up to dst.length bytes at `pos`; returns the count (short at end of file). */
  readAt(pos: number, dst: Uint8Array): number;
  /** The file's current version for the page cache; absent or null: do not cache. */
  cacheKey?(): string | null;
  /** Writes bytes at `pos` (MAP_SHARED write-back); count or -errno. */
  writeAt?(pos: number, src: Uint8Array): number;
  /** Current file size in bytes (write-back stops at end of file). */
  readonly size?: number;
}

/**
 * Frames of a MAP_SHARED mapping, by page index. Holds one reference on each frame;
 * `users` counts the regions pointing at it (all processes).
 */
export class SharedPages {
  readonly frames: Map<number, number> = new Map();
  users = 0;
  /** For MAP_SHARED file mappings: the file and the file position of page index 0. */
  file: Backing | null = null;
  fileOffset = 0;

  /**
   * Writes every page back to the file (msync, and when the last mapping goes), up to
   * the file's current end: a shared mapping never extends its file.
   */
  writeBack(mem: PhysicalMemory): void {
    const file = this.file;
    if (!file?.writeAt) return;
    const size = file.size ?? 0;
    for (const [idx, f] of this.frames) {
      const pos = this.fileOffset + idx * 4096;
      if (pos < size) file.writeAt(pos, mem.view(f << 12, Math.min(4096, size - pos)));
    }
  }
}

export class Region {
  start: number;
  end: number;
  prot: number;
  file: Backing | null = null;
  fileOffset = 0;
  fileEnd = 0;
  shared: SharedPages | null = null;
  /** Page index within `shared` of `start`. */
  sharedBase = 0;
  /** An mmap of a file: touching a page wholly past end of file is SIGBUS (not ELF bss). */
  busPastEof = false;
  /** A stack: faults just below `start` extend it downwards. */
  growsDown = false;
  /** Human-readable tag for diagnostics ("[heap]", "[stack]", a path). */
  name: string;

  constructor(start: number, end: number, prot: number, name = "") {
    this.start = start;
    this.end = end;
    this.prot = prot;
    this.name = name;
  }

  get length(): number {
    return this.end - this.start;
  }

  /** A copy (for fork or a split); shared objects gain a user. */
  clone(): Region {
    const r = new Region(this.start, this.end, this.prot, this.name);
    r.file = this.file;
    r.fileOffset = this.fileOffset;
    r.fileEnd = this.fileEnd;
    r.shared = this.shared;
    r.sharedBase = this.sharedBase;
    r.growsDown = this.growsDown;
    r.busPastEof = this.busPastEof;
    if (r.shared) r.shared.users++;
    return r;
  }

  /** Splits at page-aligned `va` (start < va < end): this keeps [start, va), returns the rest. */
  splitAt(va: number): Region {
    const tail = this.clone();
    tail.start = va;
    tail.fileOffset = this.fileOffset + (va - this.start);
    tail.sharedBase = this.sharedBase + ((va - this.start) >>> 12);
    tail.growsDown = false;
    this.end = va;
    return tail;
  }
}
