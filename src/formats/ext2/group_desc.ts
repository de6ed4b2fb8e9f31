/**
 * Block group descriptors: the 32-byte records of the group descriptor table
 * (GDT), which starts in the block after the superblock (block 2 for 1 KiB blocks,
 * block 1 otherwise) and is repeated after every backup superblock.
 */
import { type Decoded, decodeStruct, encodeStruct, type StructSpec } from "./struct.ts";
import { GROUP_DESC_SIZE } from "./constants.ts";

/** Group descriptor fields. */
export const GROUP_DESC_SPEC = {
  blockBitmap: [0, "u32"],
  inodeBitmap: [4, "u32"],
  inodeTable: [8, "u32"],
  freeBlocksCount: [12, "u16"],
  freeInodesCount: [14, "u16"],
  usedDirsCount: [16, "u16"],
  flags: [18, "u16"],
} as const satisfies StructSpec;

/** A decoded group descriptor. */
export type GroupDesc = Decoded<typeof GROUP_DESC_SPEC>;

/** Decodes descriptor `index` of a GDT held in `view`. */
export function decodeGroupDesc(view: DataView, index: number): GroupDesc {
  return decodeStruct(GROUP_DESC_SPEC, view, index * GROUP_DESC_SIZE);
}

/** Encodes `gd` as descriptor `index` of the GDT held in `view`. */
export function encodeGroupDesc(gd: GroupDesc, view: DataView, index: number): void {
  encodeStruct(GROUP_DESC_SPEC, gd, view, index * GROUP_DESC_SIZE);
}
