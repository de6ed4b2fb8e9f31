/**
 * Pure layout arithmetic of an EXT2 file system: which groups carry superblock
 * backups (sparse_super), where each group's bitmaps and inode table sit, where
 * inode n is stored, and `planGeometry`, which turns an image size, block size and
 * inode size into a complete, mke2fs-like layout for the builder.
 *
 * Group g covers blocks [firstDataBlock + g * blocksPerGroup, ... + blocksPerGroup),
 * clipped to s_blocks_count for the last group. Inside a group the builder lays out:
 *   [superblock, GDT blocks]  (only groups 0, 1 and powers of 3, 5, 7)
 *   block bitmap, inode bitmap, inode table, data blocks...
 * No blocks are reserved for online resize (the resize_inode feature is not set).
 */
import { check, Ext2ErrorCode } from "./errors.ts";
import { GROUP_DESC_SIZE, Ino } from "./constants.ts";

/** True if `n` is a power of `base` (1 counts: base^0). */
function isPowerOf(n: number, base: number): boolean {
  while (n > 1 && n % base === 0) n /= base;
  return n === 1;
}

/** True if group `g` holds a superblock copy: all groups, or with sparse_super only 0, 1, 3^k, 5^k, 7^k. */
export function groupHasSuper(g: number, sparseSuper = true): boolean {
  if (!sparseSuper || g <= 1) return true;
  return isPowerOf(g, 3) || isPowerOf(g, 5) || isPowerOf(g, 7);
}

/** Blocks occupied by the group descriptor table. */
export function gdtBlockCount(groupCount: number, blockSize: number): number {
  return Math.ceil(groupCount * GROUP_DESC_SIZE / blockSize);
}

/** Block number of the start of the primary GDT. */
export function gdtStartBlock(blockSize: number): number {
  return blockSize === 1024 ? 2 : 1;
}

/** Where inode `ino` lives: its group and byte offset inside that group's inode table. */
export function inodeLocation(
  ino: number,
  inodesPerGroup: number,
  inodeSize: number,
): { group: number; offset: number } {
  const index = ino - 1;
  return {
    group: Math.floor(index / inodesPerGroup),
    offset: (index % inodesPerGroup) * inodeSize,
  };
}

/** The placement of one block group's metadata. */
export interface GroupLayout {
  /** Group number. */
  index: number;
  /** First block of the group. */
  firstBlock: number;
  /** Number of blocks in the group (the last group may be short). */
  blockCount: number;
  /** True if the group starts with a superblock and GDT copy. */
  hasSuper: boolean;
  /** Block of the block bitmap. */
  blockBitmap: number;
  /** Block of the inode bitmap. */
  inodeBitmap: number;
  /** First block of the inode table. */
  inodeTable: number;
  /** First block after the inode table: where data may go. */
  firstDataBlock: number;
}

/** A complete file system geometry. */
export interface Geometry {
  /** Block size in bytes. */
  blockSize: number;
  /** Inode size in bytes. */
  inodeSize: number;
  /** s_blocks_count (block 0 included). */
  blocksCount: number;
  /** s_first_data_block: 1 for 1 KiB blocks, else 0. */
  firstDataBlock: number;
  /** s_blocks_per_group. */
  blocksPerGroup: number;
  /** Number of block groups. */
  groupCount: number;
  /** s_inodes_per_group. */
  inodesPerGroup: number;
  /** Blocks of each group's inode table. */
  inodeTableBlocks: number;
  /** Blocks of the group descriptor table. */
  gdtBlocks: number;
  /** Per-group placement. */
  groups: GroupLayout[];
}

/** Inputs of `planGeometry`. */
export interface GeometryParams {
  /** Device size in bytes. */
  sizeBytes: number;
  /** Block size: 1024, 2048 or 4096. */
  blockSize: number;
  /** Inode size: 128, 256, 512 or 1024 (at most the block size). */
  inodeSize: number;
  /** Total inodes wanted; default from an mke2fs-like bytes-per-inode ratio. */
  inodeCount?: number;
  /** At least this many inodes (the builder passes what its tree needs). */
  minInodes?: number;
}

/** mke2fs.conf-like bytes-per-inode: floppy < 3 MiB, small < 512 MiB, default. */
function defaultInodeRatio(sizeBytes: number): number {
  if (sizeBytes < 3 << 20) return 8192;
  return sizeBytes < 512 << 20 ? 4096 : 16384;
}

/** Smallest data area we accept in the last group (mke2fs drops shorter groups). */
const MIN_LAST_GROUP_DATA = 50;

function checkParams(p: GeometryParams): void {
  check(
    [1024, 2048, 4096].includes(p.blockSize),
    Ext2ErrorCode.BadParameter,
    () => `block size ${p.blockSize} not supported (1024, 2048 or 4096)`,
  );
  check(
    [128, 256, 512, 1024].includes(p.inodeSize) && p.inodeSize <= p.blockSize,
    Ext2ErrorCode.BadParameter,
    () => `inode size ${p.inodeSize} not supported (128 or 256)`,
  );
  check(
    Number.isSafeInteger(p.sizeBytes) && p.sizeBytes > 0 && p.sizeBytes / p.blockSize < 2 ** 32,
    Ext2ErrorCode.BadParameter,
    () => `image size ${p.sizeBytes} out of range`,
  );
}

function inodesPerGroupFor(p: GeometryParams, groups: number): number {
  const perBlock = p.blockSize / p.inodeSize;
  const wanted = Math.max(
    p.inodeCount ?? Math.floor(p.sizeBytes / defaultInodeRatio(p.sizeBytes)),
    p.minInodes ?? 0,
    Ino.FirstNonReserved + 5,
  );
  const align = Math.max(perBlock, 8);
  const ipg = Math.ceil(Math.ceil(wanted / groups) / align) * align;
  const max = 8 * p.blockSize;
  check(
    ipg <= max,
    Ext2ErrorCode.NoSpace,
    () =>
      `${wanted} inodes do not fit: at most ${
        max * groups
      } in ${groups} groups; use a larger --size`,
  );
  return ipg;
}

function layoutGroup(g: number, geo: Omit<Geometry, "groups">): GroupLayout {
  const firstBlock = geo.firstDataBlock + g * geo.blocksPerGroup;
  const blockCount = Math.min(geo.blocksPerGroup, geo.blocksCount - firstBlock);
  const hasSuper = groupHasSuper(g);
  const bitmap = firstBlock + (hasSuper ? 1 + geo.gdtBlocks : 0);
  return {
    index: g,
    firstBlock,
    blockCount,
    hasSuper,
    blockBitmap: bitmap,
    inodeBitmap: bitmap + 1,
    inodeTable: bitmap + 2,
    firstDataBlock: bitmap + 2 + geo.inodeTableBlocks,
  };
}

/**
 * Plans a file system of at most `sizeBytes` bytes. Like mke2fs, a last group too
 * short to hold its metadata plus 50 data blocks is dropped. Throws Ext2Error
 * (BadParameter, NoSpace) when the parameters cannot make a valid file system.
 */
export function planGeometry(p: GeometryParams): Geometry {
  checkParams(p);
  const blockSize = p.blockSize;
  const firstDataBlock = blockSize === 1024 ? 1 : 0;
  const blocksPerGroup = 8 * blockSize;
  let blocksCount = Math.floor(p.sizeBytes / blockSize);
  for (;;) {
    check(
      blocksCount - firstDataBlock >= 64,
      Ext2ErrorCode.NoSpace,
      () => `image size ${p.sizeBytes} too small for a file system with ${blockSize}-byte blocks`,
    );
    const groupCount = Math.ceil((blocksCount - firstDataBlock) / blocksPerGroup);
    const inodesPerGroup = inodesPerGroupFor(p, groupCount);
    const inodeTableBlocks = inodesPerGroup * p.inodeSize / blockSize;
    const gdtBlocks = gdtBlockCount(groupCount, blockSize);
    const base = {
      blockSize,
      inodeSize: p.inodeSize,
      blocksCount,
      firstDataBlock,
      blocksPerGroup,
      groupCount,
      inodesPerGroup,
      inodeTableBlocks,
      gdtBlocks,
    };
    const last = layoutGroup(groupCount - 1, base);
    const overhead = last.firstDataBlock - last.firstBlock;
    check(
      overhead + 1 < blocksPerGroup,
      Ext2ErrorCode.NoSpace,
      () => `inode table of ${inodeTableBlocks} blocks does not fit a group; use fewer inodes`,
    );
    if (last.blockCount >= overhead + MIN_LAST_GROUP_DATA) {
      return {
        ...base,
        groups: Array.from({ length: groupCount }, (_, g) => layoutGroup(g, base)),
      };
    }
    check(
      groupCount > 1,
      Ext2ErrorCode.NoSpace,
      () =>
        `image size ${p.sizeBytes} too small: metadata needs ${overhead} blocks of ${blocksCount}`,
    );
    blocksCount -= last.blockCount;
  }
}
