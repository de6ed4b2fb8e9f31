/**
 * The VFS inode: what every file system implements. Methods have safe defaults that
 * return the errno Linux gives for an object of the wrong type, so a file system only
 * overrides what its inodes support.
 *
 * Contract:
 * - Results are values or negative errnos, never exceptions for guest-caused errors.
 * - Directory methods take a single name component (no "/", not "." or "..").
 * - `readAt`/`writeAt` are positional and never block; objects that block (pipes,
 *   terminals) return their own FileOps from `open`.
 * - Times are milliseconds since the epoch.
 */
import { Errno } from "../../abi/errno.ts";
import type { FileOps } from "./file.ts";

/** File type bits of st_mode. */
export const enum Mode {
  TYPE = 0o170000,
  SOCK = 0o140000,
  LNK = 0o120000,
  REG = 0o100000,
  BLK = 0o060000,
  DIR = 0o040000,
  CHR = 0o020000,
  FIFO = 0o010000,
  PERM = 0o7777,
}

/** d_type values for getdents64. */
export const enum DirType {
  UNKNOWN = 0,
  FIFO = 1,
  CHR = 2,
  DIR = 4,
  REG = 8,
  LNK = 10,
}

/** One directory entry as readdir returns it. */
export interface DirEntry {
  name: string;
  ino: number;
  type: DirType;
}

/** Owner of a new inode. */
export interface Owner {
  uid: number;
  gid: number;
}

let nextIno = 1000;

/** A fresh inode number for file systems without their own. */
export function allocIno(): number {
  return nextIno++;
}

export abstract class Inode {
  ino: number;
  mode: number;
  nlink = 1;
  uid = 0;
  gid = 0;
  rdev = 0;
  atime: number;
  mtime: number;
  ctime: number;
  /** Device number of the file system (st_dev). */
  dev = 1;
  /** Open file descriptions referring to this inode. */
  openCount = 0;

  constructor(mode: number, ino = allocIno()) {
    this.mode = mode;
    this.ino = ino;
    this.atime = this.mtime = this.ctime = Date.now();
  }

  /** Size in bytes (st_size). */
  abstract get size(): number;

  get isDir(): boolean {
    return (this.mode & Mode.TYPE) === Mode.DIR;
  }

  get isSymlink(): boolean {
    return (this.mode & Mode.TYPE) === Mode.LNK;
  }

  get isRegular(): boolean {
    return (this.mode & Mode.TYPE) === Mode.REG;
  }

  /** 512-byte blocks allocated (st_blocks). */
  get blocks(): number {
    return Math.ceil(this.size / 4096) * 8;
  }

  lookup(_name: string): Inode | number {
    return -Errno.ENOTDIR;
  }
  create(_name: string, _mode: number, _owner: Owner): Inode | number {
    return -Errno.ENOTDIR;
  }
  mkdir(_name: string, _mode: number, _owner: Owner): Inode | number {
    return -Errno.ENOTDIR;
  }
  symlink(_name: string, _target: string, _owner: Owner): Inode | number {
    return -Errno.ENOTDIR;
  }
  /** Creates a FIFO, device node or socket named `name` (mode includes the type). */
  mknod(_name: string, _mode: number, _rdev: number, _owner: Owner): Inode | number {
    return -Errno.ENOTDIR;
  }
  link(_name: string, _target: Inode): number {
    return -Errno.ENOTDIR;
  }
  unlink(_name: string): number {
    return -Errno.ENOTDIR;
  }
  rmdir(_name: string): number {
    return -Errno.ENOTDIR;
  }
  rename(_oldName: string, _newDir: Inode, _newName: string): number {
    return -Errno.ENOTDIR;
  }
  readdir(): DirEntry[] | number {
    return -Errno.ENOTDIR;
  }
  readlink(): string | number {
    return -Errno.EINVAL;
  }
  readAt(_pos: number, _dst: Uint8Array): number {
    return this.isDir ? -Errno.EISDIR : -Errno.EINVAL;
  }
  writeAt(_pos: number, _src: Uint8Array): number {
    return this.isDir ? -Errno.EISDIR : -Errno.EINVAL;
  }
  truncate(_length: number): number {
    return this.isDir ? -Errno.EISDIR : -Errno.EINVAL;
  }
  /** Applies chmod (permission bits only); 0 or -errno. */
  chmod(perm: number): number {
    this.mode = (this.mode & Mode.TYPE) | (perm & Mode.PERM);
    this.ctime = Date.now();
    return 0;
  }
  /** Applies chown (-1 leaves a field); 0 or -errno. */
  chown(uid: number, gid: number): number {
    if (uid !== -1) this.uid = uid;
    if (gid !== -1) this.gid = gid;
    this.ctime = Date.now();
    return 0;
  }
  /** Sets access and modification times (ms); 0 or -errno. */
  setTimes(atime: number, mtime: number): number {
    this.atime = atime;
    this.mtime = mtime;
    this.ctime = Date.now();
    return 0;
  }
  /** Writes this file's dirty data and metadata to its device (fsync): 0 or -errno. */
  fsync(): number {
    return 0;
  }
  /** Called when the last open file description of this inode is closed. */
  lastClose(): void {}
  /** Special files (devices, FIFOs) return their own operations; others null. */
  open(): FileOps | null {
    return null;
  }
  /** Is the file system read-only? */
  get readOnly(): boolean {
    return false;
  }
}

/** d_type of an inode. */
export function dirType(i: Inode): DirType {
  switch (i.mode & Mode.TYPE) {
    case Mode.DIR:
      return DirType.DIR;
    case Mode.REG:
      return DirType.REG;
    case Mode.LNK:
      return DirType.LNK;
    case Mode.CHR:
      return DirType.CHR;
    case Mode.FIFO:
      return DirType.FIFO;
    default:
      return DirType.UNKNOWN;
  }
}
