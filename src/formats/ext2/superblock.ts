/**
 * The EXT2 superblock: field table, decode/encode, and validation of a decoded
 * superblock against the size of the device holding it.
 *
 * The primary superblock is the 1024 bytes at device offset 1024. Backups live at
 * the start of sparse groups (see geometry.ts) with s_block_group_nr set.
 * `validateSuperblock` throws `Ext2Error` (BadSuperblock, Unsupported, Truncated)
 * naming the field, so a fuzzed image yields a clear message instead of a crash.
 */
import { check, Ext2ErrorCode } from "./errors.ts";
import { type Decoded, decodeStruct, encodeStruct, type StructSpec, zeroStruct } from "./struct.ts";
import { EXT2_MAGIC, GOOD_OLD_INODE_SIZE, SUPPORTED_INCOMPAT } from "./constants.ts";

/** Superblock fields (offsets within the 1024-byte structure). */
export const SUPERBLOCK_SPEC = {
  inodesCount: [0, "u32"],
  blocksCount: [4, "u32"],
  rBlocksCount: [8, "u32"],
  freeBlocksCount: [12, "u32"],
  freeInodesCount: [16, "u32"],
  firstDataBlock: [20, "u32"],
  logBlockSize: [24, "u32"],
  logFragSize: [28, "u32"],
  blocksPerGroup: [32, "u32"],
  fragsPerGroup: [36, "u32"],
  inodesPerGroup: [40, "u32"],
  mtime: [44, "u32"],
  wtime: [48, "u32"],
  mntCount: [52, "u16"],
  maxMntCount: [54, "u16"],
  magic: [56, "u16"],
  state: [58, "u16"],
  errors: [60, "u16"],
  minorRevLevel: [62, "u16"],
  lastCheck: [64, "u32"],
  checkInterval: [68, "u32"],
  creatorOs: [72, "u32"],
  revLevel: [76, "u32"],
  defResuid: [80, "u16"],
  defResgid: [82, "u16"],
  firstIno: [84, "u32"],
  inodeSize: [88, "u16"],
  blockGroupNr: [90, "u16"],
  featureCompat: [92, "u32"],
  featureIncompat: [96, "u32"],
  featureRoCompat: [100, "u32"],
  uuid: [104, ["bytes", 16]],
  volumeName: [120, ["bytes", 16]],
  lastMounted: [136, ["bytes", 64]],
  reservedGdtBlocks: [206, "u16"],
  hashSeed: [236, ["bytes", 16]],
  defHashVersion: [252, "u8"],
  mkfsTime: [264, "u32"],
  minExtraIsize: [348, "u16"],
  wantExtraIsize: [350, "u16"],
} as const satisfies StructSpec;

/** A decoded superblock. */
export type Superblock = Decoded<typeof SUPERBLOCK_SPEC>;

/** Decodes the superblock found at byte `base` of `view` (no validation). */
export function decodeSuperblock(view: DataView, base = 0): Superblock {
  return decodeStruct(SUPERBLOCK_SPEC, view, base);
}

/** Encodes `sb` at byte `base` of `view`; bytes of unknown fields are left as they are. */
export function encodeSuperblock(sb: Superblock, view: DataView, base = 0): void {
  encodeStruct(SUPERBLOCK_SPEC, sb, view, base);
}

/** An all-zero superblock record, for builders to fill in. */
export function emptySuperblock(): Superblock {
  return zeroStruct(SUPERBLOCK_SPEC);
}

/** Block size in bytes (1024 << s_log_block_size). */
export function blockSizeOf(sb: Superblock): number {
  return 1024 << sb.logBlockSize;
}

/** Inode size in bytes (128 for revision 0). */
export function inodeSizeOf(sb: Superblock): number {
  return sb.revLevel === 0 ? GOOD_OLD_INODE_SIZE : sb.inodeSize;
}

/** Number of block groups described by `sb`. */
export function groupCountOf(sb: Superblock): number {
  return Math.ceil((sb.blocksCount - sb.firstDataBlock) / sb.blocksPerGroup);
}

/**
 * Checks that `sb` describes a file system this code can read from a device of
 * `deviceBytes` bytes. Throws Ext2Error naming the first bad field.
 */
export function validateSuperblock(sb: Superblock, deviceBytes: number): void {
  const bad = (msg: string) => () => `bad superblock: ${msg}`;
  check(
    sb.magic === EXT2_MAGIC,
    Ext2ErrorCode.BadSuperblock,
    () => `not an ext2 file system: magic 0x${sb.magic.toString(16)} (expected 0xef53)`,
  );
  check(
    sb.revLevel <= 1,
    Ext2ErrorCode.Unsupported,
    () => `unsupported s_rev_level ${sb.revLevel}`,
  );
  check(
    sb.logBlockSize <= 6,
    Ext2ErrorCode.BadSuperblock,
    bad(
      `s_log_block_size ${sb.logBlockSize} out of range (0..6)`,
    ),
  );
  const bs = blockSizeOf(sb);
  check(
    sb.firstDataBlock === (bs === 1024 ? 1 : 0),
    Ext2ErrorCode.BadSuperblock,
    bad(
      `s_first_data_block ${sb.firstDataBlock} wrong for ${bs}-byte blocks`,
    ),
  );
  check(
    sb.blocksPerGroup > 0 && sb.blocksPerGroup <= 8 * bs,
    Ext2ErrorCode.BadSuperblock,
    bad(
      `s_blocks_per_group ${sb.blocksPerGroup} out of range (1..${8 * bs})`,
    ),
  );
  check(
    sb.inodesPerGroup > 0 && sb.inodesPerGroup <= 8 * bs,
    Ext2ErrorCode.BadSuperblock,
    bad(
      `s_inodes_per_group ${sb.inodesPerGroup} out of range (1..${8 * bs})`,
    ),
  );
  check(
    sb.blocksCount > sb.firstDataBlock,
    Ext2ErrorCode.BadSuperblock,
    bad(
      `s_blocks_count ${sb.blocksCount} too small`,
    ),
  );
  const isz = inodeSizeOf(sb);
  check(
    isz >= GOOD_OLD_INODE_SIZE && isz <= bs && (isz & (isz - 1)) === 0,
    Ext2ErrorCode.BadSuperblock,
    bad(`s_inode_size ${isz} must be a power of two in 128..${bs}`),
  );
  const groups = groupCountOf(sb);
  check(
    sb.inodesCount === groups * sb.inodesPerGroup,
    Ext2ErrorCode.BadSuperblock,
    bad(
      `s_inodes_count ${sb.inodesCount} != ${groups} groups * ${sb.inodesPerGroup} inodes`,
    ),
  );
  check(
    sb.revLevel === 0 || sb.firstIno >= 11 && sb.firstIno < sb.inodesCount,
    Ext2ErrorCode.BadSuperblock,
    bad(`s_first_ino ${sb.firstIno} out of range`),
  );
  const unknown = sb.featureIncompat & ~SUPPORTED_INCOMPAT;
  check(
    unknown === 0,
    Ext2ErrorCode.Unsupported,
    () => `unsupported incompatible features 0x${unknown.toString(16)}`,
  );
  check(
    sb.blocksCount * bs <= deviceBytes,
    Ext2ErrorCode.Truncated,
    () =>
      `image truncated: file system needs ${sb.blocksCount * bs} bytes, device has ${deviceBytes}`,
  );
}
