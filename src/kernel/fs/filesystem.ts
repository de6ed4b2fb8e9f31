/**
 * The seam between the VFS and mountable file systems, and between file systems and
 * the disk. Every mountable file system (ext2, tmpfs, procfs, devfs, hostfs) is a
 * `FileSystem`; the ones that live on a disk read and write it through a
 * `BlockDevice`, whose host side (a disk-image file) is in src/host.
 *
 * Contract:
 * - `sync()` writes every dirty block/inode to the device and flushes it; 0 or -errno
 *   (-EIO when the device fails). Non-disk file systems return 0.
 * - `unmount()` syncs and releases the device; -EBUSY while the file system still
 *   has open files (the VFS checks mount points under it itself).
 * - `statfs()` fills statfs64 fields (counts in `bsize` units).
 * - A `BlockDevice` transfers whole byte ranges at absolute byte offsets; reads past
 *   the end give -EIO, never an exception. `flush()` makes earlier writes durable.
 */
import { Errno } from "../../abi/errno.ts";
import type { Inode } from "./inode.ts";

/** statfs64 contents. */
export interface StatFs {
  /** f_type magic (EXT2_SUPER_MAGIC 0xef53, TMPFS_MAGIC 0x01021994, PROC_SUPER_MAGIC 0x9fa0...). */
  type: number;
  bsize: number;
  blocks: number;
  bfree: number;
  bavail: number;
  files: number;
  ffree: number;
  namelen: number;
  /** f_frsize (usually bsize). */
  frsize: number;
  /** ST_RDONLY (1) and friends. */
  flags: number;
}

export interface FileSystem {
  /** The name mount(2) and /proc/filesystems use: "ext2", "tmpfs", "proc", "devtmpfs". */
  readonly type: string;
  readonly root: Inode;
  /** st_dev of every inode of this file system. */
  readonly dev: number;
  readonly readOnly: boolean;
  sync(): number;
  statfs(): StatFs;
  unmount(): number;
  /** Frees clean cached blocks under memory pressure; returns the frames freed. */
  shrink?(): number;
}

/** A disk (or any random-access byte store the kernel mounts from). */
export interface BlockDevice {
  /** Size in bytes. */
  readonly size: number;
  readonly readOnly: boolean;
  /** Reads dst.length bytes at byte offset pos: 0 or -EIO. */
  read(pos: number, dst: Uint8Array): number;
  /** Writes src at byte offset pos: 0 or -EIO (-EROFS when read-only). */
  write(pos: number, src: Uint8Array): number;
  /** Makes earlier writes durable (fsync of the image file): 0 or -EIO. */
  flush(): number;
  /** Releases the device (closes the host file). */
  close(): void;
}

/** A BlockDevice over a byte array (tests, images built in memory). */
export class MemoryDisk implements BlockDevice {
  readonly bytes: Uint8Array;
  readonly readOnly: boolean;

  constructor(bytes: Uint8Array, readOnly = false) {
    this.bytes = bytes;
    this.readOnly = readOnly;
  }

  get size(): number {
    return this.bytes.length;
  }

  read(pos: number, dst: Uint8Array): number {
    if (pos < 0 || pos + dst.length > this.bytes.length) return -Errno.EIO;
    dst.set(this.bytes.subarray(pos, pos + dst.length));
    return 0;
  }

  write(pos: number, src: Uint8Array): number {
    if (this.readOnly) return -Errno.EROFS;
    if (pos < 0 || pos + src.length > this.bytes.length) return -Errno.EIO;
    this.bytes.set(src, pos);
    return 0;
  }

  flush(): number {
    return 0;
  }

  close(): void {}
}
