/**
 * Memory system calls: brk, mmap2 / old mmap, munmap, mprotect, mremap, madvise, with
 * Linux's argument checks and errors. They only create, split, move and drop regions;
 * pages arrive on first touch (mm/address_space.ts).
 */
import { Errno } from "../../abi/errno.ts";
import { STACK_TOP } from "../mm/address_space.ts";
import { KERNEL_BASE } from "../mm/page_table.ts";
import { Prot, Region, SharedPages } from "../mm/region.ts";
import type { Kernel } from "../kernel.ts";
import type { Process } from "../proc/process.ts";
import { type Handler, readStruct } from "./handler.ts";
import type { OpenFile } from "../fs/file.ts";

const MAP_SHARED = 1;
const MAP_PRIVATE = 2;
const MAP_SHARED_VALIDATE = 3;
const MAP_FIXED = 0x10;
const MAP_ANONYMOUS = 0x20;
const MAP_GROWSDOWN = 0x100;
const MAP_FIXED_NOREPLACE = 0x100000;
const MREMAP_MAYMOVE = 1;
const MREMAP_FIXED = 2;
const MADV_DONTNEED = 4;
const PAGE = 4096;

function pageUp(n: number): number {
  return Math.ceil(n / PAGE) * PAGE;
}

const brk: Handler = (_k, p, a) => {
  const as = p.as;
  const want = a[0] >>> 0;
  if (want < as.brkStart) return as.brk;
  const oldTop = pageUp(as.brk);
  const newTop = pageUp(want);
  if (newTop > oldTop) {
    if (newTop > STACK_TOP - (8 << 20) || !as.isFree(oldTop, newTop)) return as.brk;
    const heap = as.find(oldTop - 1);
    if (heap && heap.name === "[heap]" && heap.end === oldTop) heap.end = newTop;
    else as.insert(new Region(oldTop, newTop, Prot.Read | Prot.Write, "[heap]"));
  } else if (newTop < oldTop) {
    as.unmap(newTop, oldTop);
  }
  as.brk = want;
  return want;
};

/** mmap's arguments (offset in bytes), decoded from either calling convention. */
interface MmapArgs {
  addr: number;
  len: number;
  prot: number;
  flags: number;
  fd: number;
  offset: number;
}

/** The common part of mmap and mmap2: checks, then `place`. */
function doMmap(p: Process, m: MmapArgs): number {
  const type = m.flags & 3;
  const len = m.len >>> 0;
  if (len === 0 || (type !== MAP_SHARED && type !== MAP_PRIVATE && type !== MAP_SHARED_VALIDATE)) {
    return -Errno.EINVAL;
  }
  if (m.prot & ~7) return -Errno.EINVAL;
  if (pageUp(len) > KERNEL_BASE) return -Errno.ENOMEM;
  if (m.flags & MAP_ANONYMOUS) return place(p, m, null);
  const f = p.fds.get(m.fd);
  if (!f) return -Errno.EBADF;
  if (!f.inode.isRegular) {
    // /dev/zero (1, 5) maps as anonymous memory; other special files cannot be mapped.
    return f.inode.rdev === 0x105
      ? place(p, { ...m, flags: m.flags | MAP_ANONYMOUS }, null)
      : -Errno.ENODEV;
  }
  if (!f.readable || (type !== MAP_PRIVATE && (m.prot & Prot.Write) && !f.writable)) {
    return -Errno.EACCES;
  }
  return place(p, m, f);
}

/** Chooses the address (MAP_FIXED, hint or top-down search) and inserts the region. */
function place(p: Process, m: MmapArgs, f: OpenFile | null): number {
  if (p.as.full) return -Errno.ENOMEM;
  const addr = m.addr >>> 0, length = pageUp(m.len >>> 0);
  let start: number;
  if (m.flags & (MAP_FIXED | MAP_FIXED_NOREPLACE)) {
    if (addr & (PAGE - 1)) return -Errno.EINVAL;
    if (addr + length > KERNEL_BASE) return -Errno.ENOMEM;
    if ((m.flags & MAP_FIXED_NOREPLACE) && !p.as.isFree(addr, addr + length)) return -Errno.EEXIST;
    p.as.unmap(addr, addr + length);
    start = addr;
  } else {
    start = p.as.findFree(length, addr & ~(PAGE - 1));
    if (start < 0) return -Errno.ENOMEM;
  }
  p.as.insert(makeRegion(m, f, start, length));
  return start;
}

function makeRegion(m: MmapArgs, f: OpenFile | null, start: number, length: number): Region {
  const r = new Region(start, start + length, m.prot, f ? "file" : "");
  if (f) {
    r.file = f.inode;
    r.fileOffset = m.offset;
    r.fileEnd = start + Math.max(0, Math.min(length, f.inode.size - m.offset));
    r.busPastEof = true;
  }
  if ((m.flags & 3) !== MAP_PRIVATE) {
    r.shared = new SharedPages();
    r.shared.users = 1;
    if (f) {
      r.shared.file = f.inode;
      r.shared.fileOffset = m.offset;
    }
  }
  r.growsDown = (m.flags & MAP_GROWSDOWN) !== 0;
  return r;
}

const mmap2: Handler = (_k, p, a) =>
  doMmap(p, {
    addr: a[0],
    len: a[1],
    prot: a[2],
    flags: a[3],
    fd: a[4],
    offset: (a[5] >>> 0) * PAGE,
  });

const oldMmap: Handler = (_k, p, a) => {
  const v = readStruct(p, a[0], 24);
  if (typeof v === "number") return v;
  const w = (i: number) => v.getInt32(i * 4, true);
  if (w(5) & (PAGE - 1)) return -Errno.EINVAL;
  return doMmap(p, {
    addr: w(0),
    len: w(1),
    prot: w(2),
    flags: w(3),
    fd: w(4),
    offset: w(5) >>> 0,
  });
};

function checkRange(addr: number, len: number): number {
  if ((addr & (PAGE - 1)) !== 0 || (addr >>> 0) + pageUp(len >>> 0) > KERNEL_BASE) {
    return -Errno.EINVAL;
  }
  return 0;
}

const munmap: Handler = (_k, p, a) => {
  if (checkRange(a[0], a[1]) < 0 || a[1] === 0) return -Errno.EINVAL;
  p.as.unmap(a[0] >>> 0, (a[0] >>> 0) + pageUp(a[1] >>> 0));
  return 0;
};

const mprotect: Handler = (_k, p, a) => {
  if (checkRange(a[0], a[1]) < 0 || (a[2] & ~0x7 & ~0x0300_0000)) return -Errno.EINVAL;
  if (a[1] === 0) return 0;
  const start = a[0] >>> 0;
  return p.as.protect(start, start + pageUp(a[1] >>> 0), a[2] & 7) ? 0 : -Errno.ENOMEM;
};

const mremap: Handler = (_k: Kernel, p, a) => {
  const old = a[0] >>> 0, oldLen = pageUp(a[1] >>> 0), newLen = pageUp(a[2] >>> 0);
  const flags = a[3];
  if (
    (old & (PAGE - 1)) || newLen === 0 || oldLen === 0 || (flags & ~3) || (flags & MREMAP_FIXED)
  ) {
    return -Errno.EINVAL;
  }
  const as = p.as;
  const r = as.find(old);
  if (!r || !as.covered(old, old + oldLen)) return -Errno.EFAULT;
  if (newLen <= oldLen) {
    if (newLen < oldLen) as.unmap(old + newLen, old + oldLen);
    return old;
  }
  const last = as.find(old + oldLen - 1)!;
  if (
    last.end === old + oldLen && as.isFree(old + oldLen, old + newLen) &&
    old + newLen <= KERNEL_BASE
  ) {
    last.end = old + newLen;
    return old;
  }
  if (!(flags & MREMAP_MAYMOVE)) return -Errno.ENOMEM;
  const dest = as.findFree(newLen);
  if (dest < 0) return -Errno.ENOMEM;
  as.move(old, oldLen, dest);
  as.find(dest + oldLen - 1)!.end = dest + newLen;
  return dest;
};

const madvise: Handler = (_k, p, a) => {
  if (checkRange(a[0], a[1]) < 0) return -Errno.EINVAL;
  const start = a[0] >>> 0, end = start + pageUp(a[1] >>> 0);
  if (!p.as.covered(start, end)) return -Errno.ENOMEM;
  if (a[2] === MADV_DONTNEED) p.as.discard(start, end);
  return 0;
};

const MS_ASYNC = 1;
const MS_INVALIDATE = 2;
const MS_SYNC = 4;

const msync: Handler = (k, p, a) => {
  const flags = a[2];
  if (checkRange(a[0], a[1]) < 0 || (flags & ~(MS_ASYNC | MS_INVALIDATE | MS_SYNC))) {
    return -Errno.EINVAL;
  }
  if ((flags & MS_ASYNC) && (flags & MS_SYNC)) return -Errno.EINVAL;
  const start = a[0] >>> 0, end = start + pageUp(a[1] >>> 0);
  if (!p.as.covered(start, end)) return -Errno.ENOMEM;
  for (const r of p.as.regions) {
    if (r.end > start && r.start < end) r.shared?.writeBack(k.fr.mem);
  }
  return 0;
};

export const MM_HANDLERS: Readonly<Record<string, Handler>> = {
  brk,
  mmap2,
  mmap: oldMmap,
  munmap,
  mprotect,
  mremap,
  madvise,
  msync,
};
