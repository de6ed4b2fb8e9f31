/**
 * Open file descriptions and per-process file descriptor tables.
 *
 * Contract:
 * - An OpenFile is shared by every fd that refers to it (dup, fork): they share the
 *   offset and status flags. `refs` counts those fds; at zero `ops.close` runs.
 * - FileOps return a byte count, a negative errno, or BLOCK (see proc/wait_queue.ts)
 *   after registering the caller; with O_NONBLOCK they return -EAGAIN instead.
 * - The FdTable holds at most `limit` descriptors; the lowest free number is used.
 */
import { Errno } from "../../abi/errno.ts";
import type { Sleeper } from "../proc/wait_queue.ts";
import type { DirEntry, Inode } from "./inode.ts";
import type { Dentry } from "./vfs.ts";

/** open(2) flags (i386 values). */
export const enum OFlag {
  ACCMODE = 3,
  RDONLY = 0,
  WRONLY = 1,
  RDWR = 2,
  CREAT = 0o100,
  EXCL = 0o200,
  NOCTTY = 0o400,
  TRUNC = 0o1000,
  APPEND = 0o2000,
  NONBLOCK = 0o4000,
  DIRECTORY = 0o200000,
  NOFOLLOW = 0o400000,
  CLOEXEC = 0o2000000,
  PATH = 0o10000000,
}

/** Flags F_SETFL may change. */
export const SETFL_MASK = OFlag.APPEND | OFlag.NONBLOCK;

/** poll(2) event bits. */
export const enum PollBit {
  IN = 1,
  PRI = 2,
  OUT = 4,
  ERR = 8,
  HUP = 16,
  NVAL = 32,
}

/** Writes user memory for ioctl replies: 0 or -EFAULT. */
export type CopyOut = (va: number, bytes: Uint8Array) => number;

/** Operations of an open file; see the module contract for results. */
export interface FileOps {
  read(f: OpenFile, dst: Uint8Array, who: Sleeper): number;
  write(f: OpenFile, src: Uint8Array, who: Sleeper): number;
  /** Readiness (PollBit mask); registers `who` for a wakeup when `who` is given. */
  poll(f: OpenFile, who: Sleeper | null): number;
  /** Device control; -ENOTTY when unsupported. `arg` is a user pointer or value. */
  ioctl?(f: OpenFile, request: number, arg: number, out: CopyOut): number;
  close?(f: OpenFile): void;
  /** Can lseek move the offset? (false: ESPIPE) */
  readonly seekable: boolean;
  /** Is this a terminal (isatty)? */
  readonly tty?: boolean;
}

export class OpenFile {
  readonly inode: Inode;
  readonly ops: FileOps;
  flags: number;
  pos = 0;
  refs = 1;
  /** Directory listing snapshot for getdents64 (taken at the first call, reset by lseek 0). */
  dirents: DirEntry[] | null = null;
  /** Where it was opened (for *at calls, fchdir); null for pipes and host streams. */
  dentry: Dentry | null = null;

  constructor(inode: Inode, ops: FileOps, flags: number) {
    this.inode = inode;
    this.ops = ops;
    this.flags = flags;
    inode.openCount++;
  }

  get readable(): boolean {
    return (this.flags & OFlag.ACCMODE) !== OFlag.WRONLY && (this.flags & OFlag.PATH) === 0;
  }

  get writable(): boolean {
    const acc = this.flags & OFlag.ACCMODE;
    return (acc === OFlag.WRONLY || acc === OFlag.RDWR) && (this.flags & OFlag.PATH) === 0;
  }

  /** Drops one reference; closes at zero. */
  release(): void {
    if (--this.refs > 0) return;
    this.ops.close?.(this);
    if (--this.inode.openCount === 0) this.inode.lastClose();
  }
}

/** FileOps of regular files and directories: positional I/O on the inode. */
export const INODE_OPS: FileOps = {
  read(f, dst) {
    const n = f.inode.readAt(f.pos, dst);
    if (n > 0) f.pos += n;
    return n;
  },
  write(f, src) {
    if (f.flags & OFlag.APPEND) f.pos = f.inode.size;
    const n = f.inode.writeAt(f.pos, src);
    if (n > 0) f.pos += n;
    return n;
  },
  poll() {
    return PollBit.IN | PollBit.OUT;
  },
  seekable: true,
};

/** Default RLIMIT_NOFILE. */
export const NOFILE = 1024;

export class FdTable {
  private files: (OpenFile | null)[] = [];
  private cloexec: boolean[] = [];
  limit = NOFILE;

  /** The file at `fd`, or null. */
  get(fd: number): OpenFile | null {
    return (fd >= 0 && this.files[fd]) || null;
  }

  /** Installs `f` at the lowest free fd >= min; returns it or -EMFILE. Takes over a ref. */
  install(f: OpenFile, cloexec = false, min = 0): number {
    let fd = min;
    while (fd < this.files.length && this.files[fd]) fd++;
    if (fd >= this.limit) return -Errno.EMFILE;
    this.files[fd] = f;
    this.cloexec[fd] = cloexec;
    return fd;
  }

  /** Puts `f` at `fd` (closing what was there), for dup2/dup3. Takes over a ref. */
  installAt(fd: number, f: OpenFile, cloexec: boolean): number {
    if (fd < 0 || fd >= this.limit) return -Errno.EBADF;
    this.files[fd]?.release();
    while (this.files.length < fd) this.files.push(null);
    this.files[fd] = f;
    this.cloexec[fd] = cloexec;
    return fd;
  }

  /** Closes `fd`: 0 or -EBADF. */
  close(fd: number): number {
    const f = this.get(fd);
    if (!f) return -Errno.EBADF;
    this.files[fd] = null;
    f.release();
    return 0;
  }

  getCloexec(fd: number): boolean {
    return this.cloexec[fd] ?? false;
  }

  setCloexec(fd: number, on: boolean): void {
    this.cloexec[fd] = on;
  }

  /** A copy sharing every open file description (fork). */
  clone(): FdTable {
    const t = new FdTable();
    t.files = this.files.slice();
    t.cloexec = this.cloexec.slice();
    t.limit = this.limit;
    for (const f of t.files) if (f) f.refs++;
    return t;
  }

  /** Closes every fd marked close-on-exec. */
  closeOnExec(): void {
    this.files.forEach((f, fd) => {
      if (f && this.cloexec[fd]) this.close(fd);
    });
  }

  /** Closes everything (exit). */
  closeAll(): void {
    this.files.forEach((f, fd) => f && this.close(fd));
  }

  /** Number of open descriptors. */
  get count(): number {
    return this.files.filter((f) => f).length;
  }
}
