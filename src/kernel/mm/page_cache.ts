/**
 * The page cache: read-only copies of file pages in guest frames, shared by every
 * private mapping of the same file (program text and read-only data of every process
 * that runs the same executable use the same frames).
 *
 * Contract:
 * - Only backings with a `cacheKey()` take part; the key names the file's current
 *   version (e.g. inode, size and mtime). A different key drops the file's cached pages
 *   (mappings keep the frames they already have).
 * - `get(file, pos)` returns the frame holding the 4 KiB page at page-aligned file
 *   offset `pos` (bytes past the end of file read as zeros) with one new reference for
 *   the caller, or -1 (not cacheable, or out of memory). The cache keeps its own
 *   reference, so a mapped cache frame always has refcount >= 2 and a write to it goes
 *   through copy-on-write.
 * - `shrink()` frees every cached frame nobody maps (OOM relief before killing).
 */
import type { Frames } from "./frames.ts";
import type { Backing } from "./region.ts";

interface CachedFile {
  key: string;
  pages: Map<number, number>;
}

export class PageCache {
  private readonly fr: Frames;
  private readonly files = new Map<Backing, CachedFile>();
  hits = 0;
  misses = 0;

  constructor(fr: Frames) {
    this.fr = fr;
  }

  /** See the module contract. */
  get(file: Backing, pos: number): number {
    const key = file.cacheKey?.() ?? null;
    if (key === null) return -1;
    let entry = this.files.get(file);
    if (entry && entry.key !== key) {
      this.drop(file, entry);
      entry = undefined;
    }
    if (!entry) {
      entry = { key, pages: new Map() };
      this.files.set(file, entry);
    }
    let f = entry.pages.get(pos) ?? -1;
    if (f >= 0) {
      this.hits++;
    } else {
      f = this.fr.allocZeroed();
      if (f < 0) return -1;
      file.readAt(pos, this.fr.mem.view(f << 12, 4096));
      entry.pages.set(pos, f);
      this.misses++;
    }
    this.fr.buddy.get(f);
    return f;
  }

  /** Frames held by the cache. */
  frames(): number {
    let n = 0;
    for (const e of this.files.values()) n += e.pages.size;
    return n;
  }

  /** Frees cached frames that no mapping uses; returns how many. */
  shrink(): number {
    let n = 0;
    for (const [file, e] of this.files) {
      for (const [pos, f] of e.pages) {
        if (this.fr.buddy.refcount(f) === 1) {
          this.fr.buddy.put(f);
          e.pages.delete(pos);
          n++;
        }
      }
      if (e.pages.size === 0) this.files.delete(file);
    }
    return n;
  }

  private drop(file: Backing, e: CachedFile): void {
    for (const f of e.pages.values()) this.fr.buddy.put(f);
    this.files.delete(file);
  }
}
