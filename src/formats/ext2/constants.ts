/**
 * EXT2 revision 1 constants: magic, reserved inode numbers, feature flags, inode
 * mode bits and directory-entry file types (values from the Linux ext2 headers and
 * e2fsprogs' ext2_fs.h).
 */

/** s_magic. */
export const EXT2_MAGIC = 0xef53;
/** Byte offset of the primary superblock on the device, whatever the block size. */
export const SUPERBLOCK_OFFSET = 1024;
/** Size of the superblock structure in bytes. */
export const SUPERBLOCK_SIZE = 1024;
/** Size of one block group descriptor (without the 64bit feature). */
export const GROUP_DESC_SIZE = 32;
/** Revision 0 inode size; revision 1 may use any power of two up to the block size. */
export const GOOD_OLD_INODE_SIZE = 128;
/** s_rev_level of dynamic-revision file systems (what the builder writes). */
export const DYNAMIC_REV = 1;

/** Reserved inode numbers. */
export const enum Ino {
  BadBlocks = 1,
  Root = 2,
  UserQuota = 3,
  GroupQuota = 4,
  BootLoader = 5,
  UndelDir = 6,
  ResizeInode = 7,
  Journal = 8,
  /** First inode usable for files (s_first_ino of revision 0); lost+found by convention. */
  FirstNonReserved = 11,
}

/** Number of direct block pointers in i_block. */
export const NDIR_BLOCKS = 12;
/** i_block indexes of the single, double and triple indirect pointers. */
export const IND_BLOCK = 12;
/** i_block index of the double indirect pointer. */
export const DIND_BLOCK = 13;
/** i_block index of the triple indirect pointer. */
export const TIND_BLOCK = 14;
/** Number of u32 slots in i_block. */
export const N_BLOCKS = 15;
/** Symlinks whose target is shorter than this live in i_block ("fast" symlinks). */
export const FAST_SYMLINK_MAX = 60;

/** s_feature_compat bits. */
export const enum FeatureCompat {
  DirPrealloc = 0x0001,
  ImagicInodes = 0x0002,
  HasJournal = 0x0004,
  ExtAttr = 0x0008,
  ResizeInode = 0x0010,
  DirIndex = 0x0020,
}

/** s_feature_incompat bits. */
export const enum FeatureIncompat {
  Compression = 0x0001,
  Filetype = 0x0002,
  Recover = 0x0004,
  JournalDev = 0x0008,
  MetaBg = 0x0010,
  Extents = 0x0040,
  Bit64 = 0x0080,
  FlexBg = 0x0200,
}

/** s_feature_ro_compat bits. */
export const enum FeatureRoCompat {
  SparseSuper = 0x0001,
  LargeFile = 0x0002,
  BtreeDir = 0x0004,
  HugeFile = 0x0008,
  GdtCsum = 0x0010,
  DirNlink = 0x0020,
  ExtraIsize = 0x0040,
}

/** Incompat features the reader understands; any other incompat bit is refused. */
export const SUPPORTED_INCOMPAT: number = FeatureIncompat.Filetype;
/** Ro-compat features a writer (kernel, builder) understands. */
export const SUPPORTED_RO_COMPAT: number = FeatureRoCompat.SparseSuper | FeatureRoCompat.LargeFile;

/** i_mode file-format bits (the S_IFMT field). */
export const enum Mode {
  TypeMask = 0o170000,
  Socket = 0o140000,
  Symlink = 0o120000,
  Regular = 0o100000,
  BlockDev = 0o060000,
  Directory = 0o040000,
  CharDev = 0o020000,
  Fifo = 0o010000,
  /** setuid, setgid, sticky and rwxrwxrwx. */
  PermMask = 0o7777,
}

/** Directory-entry file_type values (filetype feature). */
export const enum FileType {
  Unknown = 0,
  Regular = 1,
  Directory = 2,
  CharDev = 3,
  BlockDev = 4,
  Fifo = 5,
  Socket = 6,
  Symlink = 7,
}

const MODE_TO_FILETYPE: ReadonlyMap<number, FileType> = new Map([
  [Mode.Regular, FileType.Regular],
  [Mode.Directory, FileType.Directory],
  [Mode.CharDev, FileType.CharDev],
  [Mode.BlockDev, FileType.BlockDev],
  [Mode.Fifo, FileType.Fifo],
  [Mode.Socket, FileType.Socket],
  [Mode.Symlink, FileType.Symlink],
]);

/** The directory-entry file type for an i_mode (Unknown for a bad format field). */
export function fileTypeOfMode(mode: number): FileType {
  return MODE_TO_FILETYPE.get(mode & Mode.TypeMask) ?? FileType.Unknown;
}

/** s_state values. */
export const enum FsState {
  Clean = 1,
  Errors = 2,
}

/** s_errors: what to do on errors. */
export const enum ErrorsBehaviour {
  Continue = 1,
  RemountRo = 2,
  Panic = 3,
}
