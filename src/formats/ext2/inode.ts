/**
 * EXT2 inodes: the 128-byte revision-0 core plus, for larger inode sizes, the
 * i_extra_isize field at offset 128 (the builder writes 32 there, like mke2fs, and
 * leaves the rest of the extra space zero).
 *
 * Inode n (1-based) lives in group (n-1) / s_inodes_per_group at index
 * (n-1) % s_inodes_per_group of that group's inode table (see geometry.ts).
 * 32-bit uid/gid are split into low and high halves; regular files' size is
 * i_size | i_size_high << 32 (large_file).
 */
import { type Decoded, decodeStruct, encodeStruct, type StructSpec, zeroStruct } from "./struct.ts";
import { GOOD_OLD_INODE_SIZE, Mode, N_BLOCKS } from "./constants.ts";

/** Inode fields of the 128-byte core. */
export const INODE_SPEC = {
  mode: [0, "u16"],
  uid: [2, "u16"],
  size: [4, "u32"],
  atime: [8, "u32"],
  ctime: [12, "u32"],
  mtime: [16, "u32"],
  dtime: [20, "u32"],
  gid: [24, "u16"],
  linksCount: [26, "u16"],
  blocks: [28, "u32"],
  flags: [32, "u32"],
  osd1: [36, "u32"],
  block: [40, ["u32s", N_BLOCKS]],
  generation: [100, "u32"],
  fileAcl: [104, "u32"],
  sizeHigh: [108, "u32"],
  faddr: [112, "u32"],
  blocksHigh: [116, "u16"],
  fileAclHigh: [118, "u16"],
  uidHigh: [120, "u16"],
  gidHigh: [122, "u16"],
} as const satisfies StructSpec;

/** A decoded inode (core fields; `extraIsize` is 0 for 128-byte inodes). */
export type Inode = Decoded<typeof INODE_SPEC> & { extraIsize: number };

/** The i_extra_isize the builder writes into inodes larger than 128 bytes. */
export const DEFAULT_EXTRA_ISIZE = 32;

/** Decodes an inode of `inodeSize` bytes at byte `base` of `view`. */
export function decodeInode(view: DataView, base: number, inodeSize: number): Inode {
  const core = decodeStruct(INODE_SPEC, view, base);
  const extraIsize = inodeSize > GOOD_OLD_INODE_SIZE ? view.getUint16(base + 128, true) : 0;
  return { ...core, extraIsize };
}

/** Encodes `inode` at byte `base` of `view` (the slot is `inodeSize` bytes). */
export function encodeInode(inode: Inode, view: DataView, base: number, inodeSize: number): void {
  encodeStruct(INODE_SPEC, inode, view, base);
  if (inodeSize > GOOD_OLD_INODE_SIZE) view.setUint16(base + 128, inode.extraIsize, true);
}

/** An all-zero inode record. */
export function emptyInode(): Inode {
  return { ...zeroStruct(INODE_SPEC), extraIsize: 0 };
}

/** The file size in bytes: i_size_high counts only for regular files. */
export function inodeFileSize(inode: Inode): number {
  const high = (inode.mode & Mode.TypeMask) === Mode.Regular ? inode.sizeHigh : 0;
  return high * 2 ** 32 + inode.size;
}

/** Sets i_size and i_size_high from a byte count. */
export function setInodeFileSize(inode: Inode, bytes: number): void {
  inode.size = bytes % 2 ** 32;
  inode.sizeHigh = Math.floor(bytes / 2 ** 32);
}

/** The 32-bit owner uid. */
export function inodeUid(inode: Inode): number {
  return (inode.uidHigh << 16 | inode.uid) >>> 0;
}

/** The 32-bit group gid. */
export function inodeGid(inode: Inode): number {
  return (inode.gidHigh << 16 | inode.gid) >>> 0;
}

/** Sets the 32-bit uid and gid into their low/high halves. */
export function setInodeOwner(inode: Inode, uid: number, gid: number): void {
  inode.uid = uid & 0xffff;
  inode.uidHigh = uid >>> 16;
  inode.gid = gid & 0xffff;
  inode.gidHigh = gid >>> 16;
}

/**
 * Device number of a char/block special inode. Old encoding: i_block[0] =
 * major << 8 | minor; new (Linux huge_encode_dev) in i_block[1]:
 * (minor & 0xff) | major << 8 | (minor & ~0xff) << 12.
 */
export function inodeDevice(inode: Inode): { major: number; minor: number } {
  const old = inode.block[0];
  if (old !== 0) return { major: (old >>> 8) & 0xff, minor: old & 0xff };
  const dev = inode.block[1];
  return { major: (dev >>> 8) & 0xfff, minor: (dev & 0xff) | ((dev >>> 12) & 0xfff00) };
}

/** Stores a device number the way Linux does (old encoding when both fit a byte). */
export function setInodeDevice(inode: Inode, major: number, minor: number): void {
  inode.block.fill(0);
  if (major < 256 && minor < 256) inode.block[0] = major << 8 | minor;
  else inode.block[1] = ((minor & 0xff) | major << 8 | (minor & ~0xff) << 12) >>> 0;
}
