/**
 * Renders the metadata blocks of a planned image as extents: per group the
 * superblock and GDT copy (sparse_super groups only), the block and inode bitmaps
 * (padding bits past the end of the group set, as e2fsck expects) and the used
 * part of the inode table. Inode tables are rendered lazily, one group at a time,
 * so a large image never holds all of them in memory.
 *
 * The superblock counts are exact: free blocks/inodes are summed from the groups.
 */
import {
  DYNAMIC_REV,
  emptySuperblock,
  encodeGroupDesc,
  encodeInode,
  encodeSuperblock,
  ErrorsBehaviour,
  EXT2_MAGIC,
  FeatureIncompat,
  FeatureRoCompat,
  FsState,
  type Geometry,
  Ino,
  setBits,
  type Superblock,
  SUPERBLOCK_OFFSET,
} from "../formats/ext2/mod.ts";
import type { Extent, ImagePlan } from "./plan.ts";

/** Identity and clock of an image. */
export interface ImageIdentity {
  uuid: Uint8Array;
  label: string;
  /** Creation time, seconds. */
  now: number;
}

function superblockFor(plan: ImagePlan, id: ImageIdentity): Superblock {
  const geo = plan.geo;
  const sb = emptySuperblock();
  const freeBlocks = plan.blocks.freeTotal;
  const freeInodes = plan.inodes.used.reduce((n, u) => n + geo.inodesPerGroup - u, 0);
  Object.assign(sb, {
    inodesCount: geo.groupCount * geo.inodesPerGroup,
    blocksCount: geo.blocksCount,
    rBlocksCount: Math.floor(geo.blocksCount / 20),
    freeBlocksCount: freeBlocks,
    freeInodesCount: freeInodes,
    firstDataBlock: geo.firstDataBlock,
    logBlockSize: Math.log2(geo.blockSize / 1024),
    logFragSize: Math.log2(geo.blockSize / 1024),
    blocksPerGroup: geo.blocksPerGroup,
    fragsPerGroup: geo.blocksPerGroup,
    inodesPerGroup: geo.inodesPerGroup,
    wtime: id.now,
    maxMntCount: 0xffff,
    magic: EXT2_MAGIC,
    state: FsState.Clean,
    errors: ErrorsBehaviour.Continue,
    lastCheck: id.now,
    revLevel: DYNAMIC_REV,
    firstIno: Ino.FirstNonReserved,
    inodeSize: geo.inodeSize,
    featureIncompat: FeatureIncompat.Filetype,
    featureRoCompat: FeatureRoCompat.SparseSuper | (plan.largeFile ? FeatureRoCompat.LargeFile : 0),
    uuid: id.uuid,
    volumeName: new TextEncoder().encode(id.label).subarray(0, 16),
    mkfsTime: id.now,
    minExtraIsize: geo.inodeSize > 128 ? 32 : 0,
    wantExtraIsize: geo.inodeSize > 128 ? 32 : 0,
  });
  return sb;
}

function gdtBytes(plan: ImagePlan): Uint8Array {
  const geo = plan.geo;
  const bytes = new Uint8Array(geo.gdtBlocks * geo.blockSize);
  const view = new DataView(bytes.buffer);
  for (const g of geo.groups) {
    encodeGroupDesc(
      {
        blockBitmap: g.blockBitmap,
        inodeBitmap: g.inodeBitmap,
        inodeTable: g.inodeTable,
        freeBlocksCount: plan.blocks.free[g.index],
        freeInodesCount: geo.inodesPerGroup - plan.inodes.used[g.index],
        usedDirsCount: plan.inodes.dirs[g.index],
        flags: 0,
      },
      view,
      g.index,
    );
  }
  return bytes;
}

/** Superblock + GDT copy at the start of group `g` (the caller knows g has one). */
function superGroupBytes(sb: Superblock, gdt: Uint8Array, g: number, geo: Geometry): Uint8Array {
  const bs = geo.blockSize;
  const bytes = new Uint8Array(bs + gdt.length);
  const sbAt = g === 0 && bs > 1024 ? SUPERBLOCK_OFFSET : 0;
  encodeSuperblock({ ...sb, blockGroupNr: g }, new DataView(bytes.buffer), sbAt);
  bytes.set(gdt, bs);
  return bytes;
}

function inodeBitmap(used: number, geo: Geometry): Uint8Array {
  const map = new Uint8Array(geo.blockSize);
  setBits(map, 0, used);
  setBits(map, geo.inodesPerGroup, geo.blockSize * 8);
  return map;
}

function inodeTable(plan: ImagePlan, g: number, blocks: number): Uint8Array {
  const geo = plan.geo;
  const bytes = new Uint8Array(blocks * geo.blockSize);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < plan.inodes.used[g]; i++) {
    const inode = plan.records.get(g * geo.inodesPerGroup + i + 1);
    if (inode) encodeInode(inode, view, i * geo.inodeSize, geo.inodeSize);
  }
  return bytes;
}

/** The metadata extents of `plan`, in block order. */
export function metadataExtents(plan: ImagePlan, id: ImageIdentity): Extent[] {
  const geo = plan.geo;
  const sb = superblockFor(plan, id);
  const gdt = gdtBytes(plan);
  const out: Extent[] = [];
  const bytes = (block: number, b: Uint8Array) =>
    out.push({
      block,
      count: b.length / geo.blockSize,
      source: { kind: "bytes", bytes: b },
      offset: 0,
    });
  for (const g of geo.groups) {
    if (g.hasSuper) bytes(g.firstBlock, superGroupBytes(sb, gdt, g.index, geo));
    const blockMap = plan.blocks.bitmaps[g.index].slice();
    setBits(blockMap, g.blockCount, geo.blockSize * 8);
    bytes(g.blockBitmap, blockMap);
    bytes(g.inodeBitmap, inodeBitmap(plan.inodes.used[g.index], geo));
    const used = Math.ceil(plan.inodes.used[g.index] * geo.inodeSize / geo.blockSize);
    if (used > 0) {
      const make = () => inodeTable(plan, g.index, used);
      out.push({ block: g.inodeTable, count: used, source: { kind: "lazy", make }, offset: 0 });
    }
  }
  return out;
}
