/**
 * The VFS inode of the EXT2 driver: one class for every file type, dispatching on
 * i_mode like Linux's ext2 inode operations.
 *
 * Contract:
 * - Every public method runs inside `fs.run()` (see fs.ts): results are values or
 *   -errno; corrupt metadata gives -EUCLEAN, device failures -EIO.
 * - The decoded disk inode `d` is the truth for size, blocks and pointers; the VFS
 *   fields (mode, nlink, uid, gid, times in ms) are copied into it by `save()`, which
 *   writes the inode into its cached inode-table block after every change.
 * - An inode whose link count drops to 0 is deleted (blocks and extended-attribute
 *   block freed, dtime set, bitmap bit cleared) at once, or at the last close when it
 *   is still open.
 * - Changes on a read-only mount give -EROFS.
 */
import { Errno } from "../../../abi/errno.ts";
import {
  FAST_SYMLINK_MAX,
  FeatureRoCompat,
  type FileType,
  fileTypeOfMode,
  type Inode as DiskInode,
  inodeDevice,
  inodeFileSize,
  inodeGid,
  inodeUid,
  setInodeDevice,
  setInodeFileSize,
  setInodeOwner,
} from "../../../formats/ext2/mod.ts";
import { type DirEntry, DirType, Inode, Mode, type Owner } from "../inode.ts";
import { allocInode, freeBlock, freeInode } from "./alloc.ts";
import { bmap, freeFrom, lastBmapFresh } from "./bmap.ts";
import {
  addEntry,
  findEntry,
  initDir,
  isEmptyDir,
  listEntries,
  removeEntry,
  setEntry,
} from "./dir.ts";
import { Corrupt, type Ext2Fs } from "./fs.ts";

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const NAME_MAX = 255;
/** Link count limit of Linux's ext2 (EXT2_LINK_MAX). */
const LINK_MAX = 32000;
/** d_type by ext2 file_type byte. */
const DTYPE_OF_FT = [
  DirType.UNKNOWN,
  DirType.REG,
  DirType.DIR,
  DirType.CHR,
  6,
  DirType.FIFO,
  12,
  DirType.LNK,
];
/** Extended-attribute block header magic. */
const EA_MAGIC = 0xea020000;

const sec = (ms: number) => Math.floor(ms / 1000) >>> 0;

export class Ext2Inode extends Inode {
  readonly fs: Ext2Fs;
  d: DiskInode;
  lastAlloc?: number;
  private deleted = false;

  constructor(fs: Ext2Fs, ino: number, d: DiskInode) {
    super(d.mode, ino);
    this.fs = fs;
    this.d = d;
    this.dev = fs.dev;
    this.nlink = d.linksCount;
    this.uid = inodeUid(d);
    this.gid = inodeGid(d);
    this.atime = d.atime * 1000;
    this.mtime = d.mtime * 1000;
    this.ctime = d.ctime * 1000;
    const t = d.mode & Mode.TYPE;
    if (t === Mode.CHR || t === Mode.BLK) {
      const { major, minor } = inodeDevice(d);
      this.rdev = (minor & 0xff) | (major << 8) | ((minor & ~0xff) << 12);
    }
  }

  get size(): number {
    return this.isRegular ? inodeFileSize(this.d) : this.d.size;
  }

  override get blocks(): number {
    return this.d.blocks;
  }

  override get readOnly(): boolean {
    return this.fs.readOnly;
  }

  /** Copies the VFS fields into `d` and writes the inode. */
  save(): void {
    const d = this.d;
    d.mode = this.mode;
    d.linksCount = this.nlink;
    setInodeOwner(d, this.uid, this.gid);
    d.atime = sec(this.atime);
    d.mtime = sec(this.mtime);
    d.ctime = sec(this.ctime);
    this.fs.writeDiskInode(this.ino, d);
  }

  private touch(): void {
    this.mtime = this.ctime = Date.now();
  }

  private rw<T>(op: () => T): T | number {
    if (this.fs.readOnly) return -Errno.EROFS;
    return this.fs.run(op);
  }

  // ---- directories ----

  override lookup(name: string): Inode | number {
    if (!this.isDir) return -Errno.ENOTDIR;
    return this.fs.run(() => {
      const ino = findEntry(this.fs, this, name);
      return ino === 0 ? -Errno.ENOENT : this.fs.iget(ino);
    });
  }

  override readdir(): DirEntry[] | number {
    if (!this.isDir) return -Errno.ENOTDIR;
    return this.fs.run(() =>
      listEntries(this.fs, this).map((e) => ({
        name: e.name,
        ino: e.ino,
        type: DTYPE_OF_FT[e.fileType] ?? DirType.UNKNOWN,
      }))
    );
  }

  override create(name: string, mode: number, o: Owner): Inode | number {
    return this.makeChild(name, Mode.REG | (mode & Mode.PERM), o, () => {});
  }

  override mknod(name: string, mode: number, rdev: number, o: Owner): Inode | number {
    const t = mode & Mode.TYPE;
    if (t !== Mode.FIFO && t !== Mode.CHR && t !== Mode.BLK && t !== Mode.SOCK && t !== Mode.REG) {
      return -Errno.EINVAL;
    }
    return this.makeChild(name, t | (mode & Mode.PERM), o, (child) => {
      if (t !== Mode.CHR && t !== Mode.BLK) return;
      setInodeDevice(child.d, (rdev >>> 8) & 0xfff, (rdev & 0xff) | ((rdev >>> 12) & 0xfff00));
      child.rdev = rdev;
    });
  }

  override symlink(name: string, target: string, o: Owner): Inode | number {
    const bytes = encoder.encode(target);
    if (bytes.length >= this.fs.bs) return -Errno.ENAMETOOLONG;
    return this.makeChild(name, Mode.LNK | 0o777, o, (child) => {
      if (bytes.length < FAST_SYMLINK_MAX) {
        const raw = new Uint8Array(60);
        raw.set(bytes);
        const dv = new DataView(raw.buffer);
        for (let i = 0; i < 15; i++) child.d.block[i] = dv.getUint32(i * 4, true);
      } else {
        const b = bmap(this.fs, child, 0, true);
        if (b === 0) throw new NoSpace();
        const view = this.fs.bc.getNew(b);
        view.set(bytes);
        this.fs.bc.markDirty(b);
      }
      child.d.size = bytes.length;
    });
  }

  override mkdir(name: string, mode: number, o: Owner): Inode | number {
    if (this.nlink >= LINK_MAX) return -Errno.EMLINK;
    const r = this.makeChild(name, Mode.DIR | (mode & Mode.PERM), o, (child) => {
      if (!initDir(this.fs, child, this.ino)) throw new NoSpace();
      child.nlink = 2;
    });
    if (typeof r !== "number") {
      this.nlink++;
      this.save();
    }
    return r;
  }

  /** Allocates an inode, lets `init` fill it, and links it as `name`. */
  private makeChild(
    name: string,
    mode: number,
    o: Owner,
    init: (c: Ext2Inode) => void,
  ): Inode | number {
    if (!this.isDir) return -Errno.ENOTDIR;
    const bad = checkName(name);
    if (bad) return bad;
    const isDir = (mode & Mode.TYPE) === Mode.DIR;
    const r = this.rw(() => {
      if (findEntry(this.fs, this, name) !== 0) return -Errno.EEXIST;
      if (this.nlink === 0) return -Errno.ENOENT;
      const ino = allocInode(this.fs, this.ino, isDir);
      if (ino === 0) return -Errno.ENOSPC;
      const d = this.fs.newDiskInode();
      d.mode = mode;
      d.linksCount = 1;
      const child = new Ext2Inode(this.fs, ino, d);
      child.uid = o.uid;
      child.gid = (this.mode & 0o2000) ? this.gid : o.gid;
      if (isDir && (this.mode & 0o2000)) child.mode |= 0o2000;
      child.atime = child.mtime = child.ctime = Date.now();
      this.fs.inodes.set(ino, child);
      this.fs.writeDiskInode(ino, d, true);
      try {
        init(child);
        if (!addEntry(this.fs, this, name, ino, fileTypeOfMode(mode) as FileType)) {
          throw new NoSpace();
        }
      } catch (e) {
        if (!(e instanceof NoSpace)) throw e;
        child.nlink = 0;
        child.evict();
        return -Errno.ENOSPC;
      }
      child.save();
      this.touch();
      this.save();
      return child;
    });
    return r;
  }

  override link(name: string, target: Inode): number {
    if (!this.isDir) return -Errno.ENOTDIR;
    if (!(target instanceof Ext2Inode) || target.fs !== this.fs) return -Errno.EXDEV;
    if (target.isDir) return -Errno.EPERM;
    const bad = checkName(name);
    if (bad) return bad;
    if (target.nlink >= LINK_MAX) return -Errno.EMLINK;
    return this.rw(() => {
      if (findEntry(this.fs, this, name) !== 0) return -Errno.EEXIST;
      if (target.nlink === 0) return -Errno.ENOENT;
      if (!addEntry(this.fs, this, name, target.ino, fileTypeOfMode(target.mode) as FileType)) {
        return -Errno.ENOSPC;
      }
      target.nlink++;
      target.ctime = Date.now();
      target.save();
      this.touch();
      this.save();
      return 0;
    });
  }

  override unlink(name: string): number {
    if (!this.isDir) return -Errno.ENOTDIR;
    return this.rw(() => {
      const child = this.child(name);
      if (typeof child === "number") return child;
      if (child.isDir) return -Errno.EISDIR;
      removeEntry(this.fs, this, name);
      this.touch();
      this.save();
      child.dropLink();
      return 0;
    });
  }

  override rmdir(name: string): number {
    if (!this.isDir) return -Errno.ENOTDIR;
    return this.rw(() => {
      const child = this.child(name);
      if (typeof child === "number") return child;
      if (!child.isDir) return -Errno.ENOTDIR;
      if (!isEmptyDir(this.fs, child)) return -Errno.ENOTEMPTY;
      removeEntry(this.fs, this, name);
      this.nlink = Math.max(1, this.nlink - 1);
      this.touch();
      this.save();
      child.nlink = 0;
      child.d.size = 0;
      child.dropLink(true);
      return 0;
    });
  }

  override rename(oldName: string, newDir: Inode, newName: string): number {
    if (!this.isDir || !newDir.isDir) return -Errno.ENOTDIR;
    if (!(newDir instanceof Ext2Inode) || newDir.fs !== this.fs) return -Errno.EXDEV;
    const bad = checkName(newName);
    if (bad) return bad;
    return this.rw(() => this.doRename(oldName, newDir, newName));
  }

  private doRename(oldName: string, to: Ext2Inode, newName: string): number {
    const src = this.child(oldName);
    if (typeof src === "number") return src;
    if (src.isDir && isBelow(to, src)) return -Errno.EINVAL;
    const oldIno = findEntry(this.fs, to, newName);
    const old = oldIno === 0 ? null : this.fs.iget(oldIno) as Ext2Inode;
    if (old === src) return 0;
    if (old) {
      if (old.isDir !== src.isDir) return old.isDir ? -Errno.EISDIR : -Errno.ENOTDIR;
      if (old.isDir && !isEmptyDir(this.fs, old)) return -Errno.ENOTEMPTY;
    } else if (src.isDir && to !== this && to.nlink >= LINK_MAX) return -Errno.EMLINK;
    const ft = fileTypeOfMode(src.mode) as FileType;
    if (old) setEntry(this.fs, to, newName, src.ino, ft);
    else if (!addEntry(this.fs, to, newName, src.ino, ft)) return -Errno.ENOSPC;
    removeEntry(this.fs, this, oldName);
    src.ctime = Date.now();
    if (src.isDir && to !== this) {
      setEntry(this.fs, src, "..", to.ino, 2 as FileType);
      this.nlink = Math.max(1, this.nlink - 1);
      if (!old) to.nlink++;
    }
    src.save();
    if (old) {
      if (old.isDir) {
        old.nlink = 0;
        old.d.size = 0;
        if (to === this || !src.isDir) to.nlink = Math.max(1, to.nlink - 1);
      }
      old.dropLink(old.isDir);
    }
    this.touch();
    to.touch();
    this.save();
    if (to !== this) to.save();
    return 0;
  }

  private child(name: string): Ext2Inode | number {
    if (encoder.encode(name).length > NAME_MAX) return -Errno.ENAMETOOLONG;
    const ino = findEntry(this.fs, this, name);
    return ino === 0 ? -Errno.ENOENT : this.fs.iget(ino) as Ext2Inode;
  }

  /** One name less: delete the inode when none is left and nobody has it open. */
  private dropLink(all = false): void {
    this.nlink = all ? 0 : Math.max(0, this.nlink - 1);
    this.ctime = Date.now();
    if (this.nlink > 0 || this.openCount > 0) {
      this.save();
      return;
    }
    this.evict();
  }

  override lastClose(): void {
    if (this.nlink === 0 && !this.deleted && !this.fs.readOnly) this.fs.run(() => this.evict());
  }

  /** Frees the blocks, the EA block and the inode itself. */
  evict(): void {
    if (this.deleted) return;
    this.deleted = true;
    if (this.hasBlocks()) freeFrom(this.fs, this, 0);
    this.freeXattr();
    this.d.dtime = sec(Date.now());
    this.d.linksCount = 0;
    setInodeFileSize(this.d, 0);
    this.nlink = 0;
    this.save();
    freeInode(this.fs, this.ino, this.isDir);
    this.fs.inodes.delete(this.ino);
  }

  private freeXattr(): void {
    const b = this.d.fileAcl;
    if (b === 0) return;
    this.fs.checkDataBlock(b, `inode ${this.ino} xattr block`);
    const view = this.fs.block(b);
    const dv = new DataView(view.buffer, view.byteOffset, 8);
    if (dv.getUint32(0, true) !== EA_MAGIC) {
      throw new Corrupt(`inode ${this.ino}: bad xattr block ${b}`);
    }
    const refs = dv.getUint32(4, true);
    this.d.fileAcl = 0;
    this.d.blocks = Math.max(0, this.d.blocks - this.fs.bs / 512);
    if (refs > 1) {
      dv.setUint32(4, refs - 1, true);
      this.fs.bc.markDirty(b);
    } else freeBlock(this.fs, b);
  }

  /** Does i_block hold block pointers (not a fast symlink or a device number)? */
  private hasBlocks(): boolean {
    const t = this.mode & Mode.TYPE;
    if (t === Mode.REG || t === Mode.DIR) return true;
    if (t === Mode.LNK) return !this.isFastSymlink();
    return false;
  }

  private isFastSymlink(): boolean {
    const eaBlocks = this.d.fileAcl !== 0 ? this.fs.bs / 512 : 0;
    return this.d.blocks - eaBlocks === 0;
  }

  // ---- symlinks ----

  override readlink(): string | number {
    if (!this.isSymlink) return -Errno.EINVAL;
    return this.fs.run(() => {
      const len = this.d.size;
      if (len >= this.fs.bs) throw new Corrupt(`symlink ${this.ino} too long`);
      if (this.isFastSymlink()) {
        if (len >= FAST_SYMLINK_MAX) throw new Corrupt(`fast symlink ${this.ino} too long`);
        const raw = new Uint8Array(60);
        const dv = new DataView(raw.buffer);
        for (let i = 0; i < 15; i++) dv.setUint32(i * 4, this.d.block[i], true);
        return decoder.decode(raw.subarray(0, len));
      }
      const b = bmap(this.fs, this, 0, false);
      if (b === 0) throw new Corrupt(`symlink ${this.ino} has no block`);
      return decoder.decode(this.fs.block(b).subarray(0, len));
    });
  }

  // ---- regular files ----

  override readAt(pos: number, dst: Uint8Array): number {
    if (!this.isRegular) return this.isDir ? -Errno.EISDIR : -Errno.EINVAL;
    return this.fs.run(() => {
      const bs = this.fs.bs;
      const end = Math.min(this.size, pos + dst.length);
      let done = 0;
      for (let at = pos; at < end;) {
        const inBlock = at % bs;
        const n = Math.min(end - at, bs - inBlock);
        const b = bmap(this.fs, this, Math.floor(at / bs), false);
        if (b === 0) dst.fill(0, done, done + n);
        else dst.set(this.fs.block(b).subarray(inBlock, inBlock + n), done);
        done += n;
        at += n;
      }
      return done;
    });
  }

  override writeAt(pos: number, src: Uint8Array): number {
    if (!this.isRegular) return this.isDir ? -Errno.EISDIR : -Errno.EINVAL;
    if (pos + src.length > this.maxSize()) return -Errno.EFBIG;
    return this.rw(() => {
      const bs = this.fs.bs;
      let done = 0;
      while (done < src.length) {
        const at = pos + done;
        const inBlock = at % bs;
        const n = Math.min(src.length - done, bs - inBlock);
        const b = bmap(this.fs, this, Math.floor(at / bs), true);
        if (b === 0) break;
        const view = lastBmapFresh ? this.fs.bc.getNew(b) : this.fs.block(b);
        view.set(src.subarray(done, done + n), inBlock);
        this.fs.bc.markDirty(b);
        done += n;
      }
      if (pos + done > this.size) this.setSize(pos + done);
      if (done > 0) this.touch();
      this.save();
      return done === 0 && src.length > 0 ? -Errno.ENOSPC : done;
    });
  }

  private setSize(bytes: number): void {
    setInodeFileSize(this.d, bytes);
    const sb = this.fs.sb;
    if (bytes >= 2 ** 31 && !(sb.featureRoCompat & FeatureRoCompat.LargeFile)) {
      sb.featureRoCompat |= FeatureRoCompat.LargeFile;
      this.fs.sbDirty = true;
    }
  }

  private maxSize(): number {
    const p = this.fs.bs / 4;
    return Math.min((12 + p + p * p + p * p * p) * this.fs.bs, 2 ** 32 * 512 - 1);
  }

  override truncate(length: number): number {
    if (!this.isRegular) return this.isDir ? -Errno.EISDIR : -Errno.EINVAL;
    if (length < 0) return -Errno.EINVAL;
    if (length > this.maxSize()) return -Errno.EFBIG;
    return this.rw(() => {
      const bs = this.fs.bs;
      if (length < this.size) {
        freeFrom(this.fs, this, Math.ceil(length / bs));
        if (length % bs !== 0) {
          const b = bmap(this.fs, this, Math.floor(length / bs), false);
          if (b !== 0) {
            this.fs.block(b).fill(0, length % bs);
            this.fs.bc.markDirty(b);
          }
        }
      }
      this.setSize(length);
      this.touch();
      this.save();
      return 0;
    });
  }

  // ---- attributes ----

  override chmod(perm: number): number {
    return this.rw(() => {
      super.chmod(perm);
      this.save();
      return 0;
    });
  }

  override chown(uid: number, gid: number): number {
    return this.rw(() => {
      super.chown(uid, gid);
      this.save();
      return 0;
    });
  }

  override setTimes(atime: number, mtime: number): number {
    return this.rw(() => {
      super.setTimes(atime, mtime);
      this.save();
      return 0;
    });
  }

  override fsync(): number {
    return this.fs.sync();
  }
}

/** Thrown inside makeChild when the disk fills up half-way. */
class NoSpace extends Error {}

function checkName(name: string): number {
  const len = encoder.encode(name).length;
  if (len > NAME_MAX) return -Errno.ENAMETOOLONG;
  if (len === 0 || name === "." || name === ".." || name.includes("/")) return -Errno.EINVAL;
  return 0;
}

/** Is directory `dir` the directory `d` or below it? (walks ".." up to the root) */
function isBelow(dir: Ext2Inode, d: Ext2Inode): boolean {
  let cur = dir;
  for (let depth = 0; depth < 65536; depth++) {
    if (cur === d) return true;
    if (cur.ino === 2) return false;
    const up = findEntry(cur.fs, cur, "..");
    if (up === 0) throw new Corrupt(`directory ${cur.ino} has no ".."`);
    cur = cur.fs.iget(up) as Ext2Inode;
  }
  throw new Corrupt("directory tree loops");
}
