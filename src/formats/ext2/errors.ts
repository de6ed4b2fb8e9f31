/**
 * The one error type of the EXT2 layer. Every problem found while parsing or
 * building an image is reported as an `Ext2Error` with a `code` naming the kind of
 * damage and a message naming the structure and the offending value, e.g.
 * `bad superblock: s_log_block_size 9 out of range (0..2)`.
 *
 * Contract: code in src/formats/ext2 never lets a RangeError from a typed array, an
 * out-of-bounds read or an endless loop escape on corrupt input; it throws this.
 */

/** What kind of problem an `Ext2Error` reports. */
export enum Ext2ErrorCode {
  /** The superblock is missing, has a bad magic or inconsistent geometry. */
  BadSuperblock = "BadSuperblock",
  /** A block group descriptor points outside its group or the file system. */
  BadGroupDesc = "BadGroupDesc",
  /** An inode number is out of range or an inode's fields are inconsistent. */
  BadInode = "BadInode",
  /** A block pointer in an inode or an indirect block is out of range. */
  BadBlockPointer = "BadBlockPointer",
  /** A directory entry breaks the rec_len / name_len rules. */
  BadDirEntry = "BadDirEntry",
  /** The image uses a feature this implementation does not support. */
  Unsupported = "Unsupported",
  /** The image file is shorter than the file system it claims to hold. */
  Truncated = "Truncated",
  /** A path does not name an existing file, or names the wrong kind of file. */
  NotFound = "NotFound",
  /** The requested file system layout cannot hold the tree (builder). */
  NoSpace = "NoSpace",
  /** A builder parameter is out of range (size, block size, inode size). */
  BadParameter = "BadParameter",
}

/** A typed error from the EXT2 layer; `code` says which kind. */
export class Ext2Error extends Error {
  /** The kind of problem. */
  readonly code: Ext2ErrorCode;

  /** An error of kind `code` described by `message`. */
  constructor(code: Ext2ErrorCode, message: string) {
    super(message);
    this.name = "Ext2Error";
    this.code = code;
  }
}

/** Throws an `Ext2Error` with `code` and `message` unless `ok`. */
export function check(ok: boolean, code: Ext2ErrorCode, message: () => string): asserts ok {
  if (!ok) throw new Ext2Error(code, message());
}
