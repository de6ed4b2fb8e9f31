/**
 * tmpfs: a file system whose file data lives in guest RAM frames from the buddy
 * allocator (a page list per file, holes read as zeros) and whose directories are
 * name -> inode maps.
 *
 * Failure contract: writes that need a frame when none is free return what was written
 * so far, or -ENOSPC; names longer than 255 bytes give -ENAMETOOLONG.
 */
import { Errno } from "../../abi/errno.ts";
import type { Frames } from "../mm/frames.ts";
import { type DirEntry, dirType, Inode, Mode, type Owner } from "./inode.ts";

const NAME_MAX = 255;
/** Largest tmpfs file (1 TiB): bigger offsets get EFBIG. */
export const MAX_FILE_SIZE = 2 ** 40;
let nextDev = 10;

/** One tmpfs instance. */
export class Tmpfs {
  readonly fr: Frames;
  readonly dev = nextDev++;
  readonly root: TmpDir;

  constructor(fr: Frames, mode = 0o755) {
    this.fr = fr;
    this.root = new TmpDir(this, mode, null);
  }
}

function owned<T extends Inode>(i: T, fs: Tmpfs, o: Owner): T {
  i.uid = o.uid;
  i.gid = o.gid;
  i.dev = fs.dev;
  return i;
}

export class TmpDir extends Inode {
  readonly fs: Tmpfs;
  readonly entries = new Map<string, Inode>();
  parent: TmpDir | null;

  constructor(fs: Tmpfs, perm: number, parent: TmpDir | null) {
    super(Mode.DIR | perm);
    this.fs = fs;
    this.dev = fs.dev;
    this.parent = parent;
    this.nlink = 2;
  }

  get size(): number {
    return 4096;
  }

  override lookup(name: string): Inode | number {
    return this.entries.get(name) ?? -Errno.ENOENT;
  }

  override create(name: string, mode: number, o: Owner): Inode | number {
    return this.add(name, owned(new TmpFile(this.fs, Mode.REG | (mode & Mode.PERM)), this.fs, o));
  }

  override mkdir(name: string, mode: number, o: Owner): Inode | number {
    const d = owned(new TmpDir(this.fs, mode & Mode.PERM, this), this.fs, o);
    const r = this.add(name, d);
    if (typeof r !== "number") this.nlink++;
    return r;
  }

  override symlink(name: string, target: string, o: Owner): Inode | number {
    return this.add(name, owned(new TmpSymlink(target), this.fs, o));
  }

  /** Adds a special inode (device node) made elsewhere. */
  addNode(name: string, node: Inode): Inode | number {
    return this.add(name, node);
  }

  override link(name: string, target: Inode): number {
    if (target.isDir) return -Errno.EPERM;
    if (target.dev !== this.dev) return -Errno.EXDEV;
    const r = this.add(name, target);
    if (typeof r === "number") return r;
    target.nlink++;
    return 0;
  }

  override unlink(name: string): number {
    const i = this.entries.get(name);
    if (!i) return -Errno.ENOENT;
    if (i.isDir) return -Errno.EISDIR;
    this.entries.delete(name);
    i.nlink--;
    if (i.nlink === 0 && i.openCount === 0) i.lastClose();
    this.touch();
    return 0;
  }

  override rmdir(name: string): number {
    const i = this.entries.get(name);
    if (!i) return -Errno.ENOENT;
    if (!(i instanceof TmpDir)) return -Errno.ENOTDIR;
    if (i.entries.size > 0) return -Errno.ENOTEMPTY;
    this.entries.delete(name);
    this.nlink--;
    i.nlink = 0;
    this.touch();
    return 0;
  }

  override rename(oldName: string, newDir: Inode, newName: string): number {
    const i = this.entries.get(oldName);
    if (!i) return -Errno.ENOENT;
    if (!(newDir instanceof TmpDir) || newDir.fs !== this.fs) return -Errno.EXDEV;
    if (newName.length > NAME_MAX) return -Errno.ENAMETOOLONG;
    if (i instanceof TmpDir && newDir.isInside(i)) return -Errno.EINVAL;
    const old = newDir.entries.get(newName);
    if (old === i) return 0;
    if (old) {
      if (old.isDir !== i.isDir) return old.isDir ? -Errno.EISDIR : -Errno.ENOTDIR;
      if (old instanceof TmpDir && old.entries.size > 0) return -Errno.ENOTEMPTY;
      old.nlink = old.isDir ? 0 : old.nlink - 1;
      if (old.nlink === 0 && old.openCount === 0) old.lastClose();
      if (old.isDir) newDir.nlink--;
    }
    this.entries.delete(oldName);
    newDir.entries.set(newName, i);
    if (i instanceof TmpDir) {
      this.nlink--;
      newDir.nlink++;
      i.parent = newDir;
    }
    this.touch();
    newDir.touch();
    return 0;
  }

  override readdir(): DirEntry[] {
    const out: DirEntry[] = [
      { name: ".", ino: this.ino, type: dirType(this) },
      { name: "..", ino: (this.parent ?? this).ino, type: dirType(this) },
    ];
    for (const [name, i] of this.entries) out.push({ name, ino: i.ino, type: dirType(i) });
    return out;
  }

  /** Is this directory `d` or below it? */
  isInside(d: TmpDir): boolean {
    if (this === d) return true;
    for (let p = this.parent; p; p = p.parent) if (p === d) return true;
    return false;
  }

  private add(name: string, i: Inode): Inode | number {
    if (name.length > NAME_MAX) return -Errno.ENAMETOOLONG;
    if (this.entries.has(name)) return -Errno.EEXIST;
    this.entries.set(name, i);
    this.touch();
    return i;
  }

  private touch(): void {
    this.mtime = this.ctime = Date.now();
  }
}

export class TmpFile extends Inode {
  readonly fs: Tmpfs;
  /** Frame of each page, or -1 for a hole. */
  /** Frame of each written page by page index; missing pages are holes. */
  private readonly pages = new Map<number, number>();
  private length = 0;
  /** Bumped by every change of the contents (page-cache key). */
  private version = 0;

  constructor(fs: Tmpfs, mode: number) {
    super(mode);
    this.fs = fs;
    this.dev = fs.dev;
  }

  get size(): number {
    return this.length;
  }

  override get blocks(): number {
    return this.pages.size * 8;
  }

  cacheKey(): string {
    return `${this.ino}:${this.version}`;
  }

  override readAt(pos: number, dst: Uint8Array): number {
    const mem = this.fs.fr.mem.u8;
    const end = Math.min(this.length, pos + dst.length);
    let done = 0;
    for (let at = pos; at < end;) {
      const n = Math.min(end - at, 4096 - (at & 0xfff));
      const f = this.pages.get(Math.floor(at / 4096)) ?? -1;
      if (f < 0) dst.fill(0, done, done + n);
      else dst.set(mem.subarray((f << 12) + (at & 0xfff), (f << 12) + (at & 0xfff) + n), done);
      done += n;
      at += n;
    }
    this.atime = Date.now();
    return done;
  }

  override writeAt(pos: number, src: Uint8Array): number {
    if (pos + src.length > MAX_FILE_SIZE) return -Errno.EFBIG;
    const mem = this.fs.fr.mem.u8;
    let done = 0;
    while (done < src.length) {
      const at = pos + done;
      const idx = Math.floor(at / 4096);
      let f = this.pages.get(idx) ?? -1;
      if (f < 0) {
        f = this.fs.fr.allocZeroed();
        if (f < 0) break;
        this.pages.set(idx, f);
      }
      const n = Math.min(src.length - done, 4096 - (at & 0xfff));
      mem.set(src.subarray(done, done + n), (f << 12) + (at & 0xfff));
      done += n;
    }
    this.version++;
    if (done === 0 && src.length > 0) return -Errno.ENOSPC;
    this.length = Math.max(this.length, pos + done);
    this.mtime = this.ctime = Date.now();
    return done;
  }

  /** An unlinked file's data goes when its last open file closes. */
  override lastClose(): void {
    if (this.nlink === 0) this.truncate(0);
  }

  override truncate(length: number): number {
    const keep = Math.ceil(length / 4096);
    if (length > MAX_FILE_SIZE) return -Errno.EFBIG;
    for (const [i, f] of this.pages) {
      if (i < keep) continue;
      this.fs.fr.buddy.put(f);
      this.pages.delete(i);
    }
    if (length < this.length && (length & 0xfff) !== 0) {
      const f = this.pages.get(Math.floor(length / 4096)) ?? -1;
      if (f >= 0) this.fs.fr.mem.u8.fill(0, (f << 12) + (length & 0xfff), (f + 1) << 12);
    }
    this.length = length;
    this.version++;
    this.mtime = this.ctime = Date.now();
    return 0;
  }
}

export class TmpSymlink extends Inode {
  readonly target: string;

  constructor(target: string) {
    super(Mode.LNK | 0o777);
    this.target = target;
  }

  get size(): number {
    return new TextEncoder().encode(this.target).length;
  }

  override readlink(): string {
    return this.target;
  }
}
