/**
 * The builder's planner: tree → complete image plan. Chooses the geometry (the
 * inode count grows to fit the tree), numbers inodes, lays out every inode's
 * blocks and produces the inode records and the list of data extents to write.
 * Metadata blocks (superblocks, GDTs, bitmaps, inode tables) are rendered from the
 * plan by metadata.ts; writer.ts streams everything to the image file.
 *
 * Failure contract: a tree that does not fit throws Ext2Error(NoSpace) with the
 * number of blocks or inodes needed and a size that would fit.
 */
import {
  DEFAULT_EXTRA_ISIZE,
  emptyDirBlock,
  emptyInode,
  encodeDirBlocks,
  Ext2Error,
  Ext2ErrorCode,
  FAST_SYMLINK_MAX,
  fileTypeOfMode,
  type Geometry,
  indirectBlockCount,
  type Inode,
  Mode,
  planGeometry,
  setInodeDevice,
  setInodeFileSize,
  setInodeOwner,
} from "../formats/ext2/mod.ts";
import { BlockAllocator } from "./block_alloc.ts";
import { collect, type InodeRec } from "./collect.ts";
import { assignInodes, type InodeUsage } from "./inode_alloc.ts";
import { layoutData } from "./file_layout.ts";
import { type Content, contentSize, type ImageTree, type Node } from "./tree.ts";

/** Bytes to write for a run of blocks. */
export type Source = Content | { kind: "lazy"; make: () => Uint8Array };

/** `count` blocks starting at `block`, taken from `source` at byte `offset`. */
export interface Extent {
  block: number;
  count: number;
  source: Source;
  offset: number;
}

/** Everything needed to write an image. */
export interface ImagePlan {
  geo: Geometry;
  blocks: BlockAllocator;
  inodes: InodeUsage;
  /** Inode records by number. */
  records: Map<number, Inode>;
  /** Data, directory, symlink and indirect blocks. */
  extents: Extent[];
  /** True if some file is 2 GiB or larger (sets the large_file feature). */
  largeFile: boolean;
  /** Bytes of file data in the tree. */
  dataBytes: number;
}

/** Options of `planImage`. */
export interface PlanOptions {
  sizeBytes: number;
  blockSize: number;
  inodeSize: number;
  /** Total inodes (default: mke2fs-like ratio, raised to fit the tree). */
  inodeCount?: number;
}

const MODE_OF_KIND: Record<Node["kind"], number> = {
  dir: Mode.Directory,
  file: Mode.Regular,
  symlink: Mode.Symlink,
  char: Mode.CharDev,
  block: Mode.BlockDev,
  fifo: Mode.Fifo,
};

const encoder = new TextEncoder();

/** Preallocated size of lost+found, like mke2fs: 16 KiB, at most 12 blocks. */
function lostFoundBlocks(blockSize: number): number {
  return Math.min(12, Math.max(2, Math.ceil(16384 / blockSize)));
}

/** The bytes stored in an inode's data blocks (undefined: none, e.g. fast symlinks). */
function dataOf(rec: InodeRec, isLostFound: boolean, bs: number): Content | undefined {
  const node = rec.node;
  if (node.kind === "file") return node.content;
  if (node.kind === "symlink") {
    const target = encoder.encode(node.target);
    if (target.length >= bs) {
      throw new Ext2Error(Ext2ErrorCode.BadParameter, `symlink target too long: ${node.target}`);
    }
    return target.length < FAST_SYMLINK_MAX ? undefined : { kind: "bytes", bytes: target };
  }
  if (node.kind !== "dir") return undefined;
  const entries = [
    { ino: rec.ino, name: ".", fileType: fileTypeOfMode(Mode.Directory) },
    { ino: rec.parent!.ino, name: "..", fileType: fileTypeOfMode(Mode.Directory) },
    ...rec.children.map((c) => ({
      ino: c.rec.ino,
      name: c.name,
      fileType: fileTypeOfMode(MODE_OF_KIND[c.rec.node.kind]),
    })),
  ];
  let bytes = encodeDirBlocks(entries, bs);
  const want = isLostFound ? lostFoundBlocks(bs) : 0;
  if (bytes.length / bs < want) {
    const padded = new Uint8Array(want * bs);
    padded.set(bytes);
    for (let b = bytes.length / bs; b < want; b++) padded.set(emptyDirBlock(bs), b * bs);
    bytes = padded;
  }
  return { kind: "bytes", bytes };
}

function blocksNeeded(size: number, bs: number): number {
  const data = Math.ceil(size / bs);
  return data + indirectBlockCount(data, bs);
}

/** ext2's EXT2_LINK_MAX: most links (for directories: subdirectories + 2) an inode may have. */
const LINK_MAX = 32000;

function baseInode(rec: InodeRec): Inode {
  const node = rec.node, meta = node.meta;
  if (rec.links > LINK_MAX) {
    throw new Ext2Error(
      Ext2ErrorCode.BadParameter,
      `an inode would have ${rec.links} links; ext2 allows at most ${LINK_MAX} (too many subdirectories?)`,
    );
  }
  const inode = emptyInode();
  inode.mode = MODE_OF_KIND[node.kind] | (meta.perm & Mode.PermMask);
  setInodeOwner(inode, meta.uid, meta.gid);
  inode.atime = inode.ctime = inode.mtime = meta.mtime >>> 0;
  inode.linksCount = rec.links;
  if (node.kind === "char" || node.kind === "block") setInodeDevice(inode, node.major, node.minor);
  if (node.kind === "symlink") {
    const target = encoder.encode(node.target);
    setInodeFileSize(inode, target.length);
    if (target.length < FAST_SYMLINK_MAX) {
      const slots = new Uint8Array(60);
      slots.set(target);
      const view = new DataView(slots.buffer);
      inode.block = inode.block.map((_, i) => view.getUint32(i * 4, true));
    }
  }
  return inode;
}

/** Appends extents for `data` (physical block per logical block) coalescing runs. */
function pushRuns(out: Extent[], data: number[], source: Source, bs: number): void {
  let start = 0;
  for (let i = 1; i <= data.length; i++) {
    if (i < data.length && data[i] === data[i - 1] + 1) continue;
    out.push({ block: data[start], count: i - start, source, offset: start * bs });
    start = i;
  }
}

function suggestSize(needBlocks: number, geo: Geometry): string {
  const mib = Math.ceil(needBlocks * geo.blockSize * 1.15 / (1 << 20)) + 1;
  return `${mib}M`;
}

/** Where placeData allocates and records. */
interface Placement {
  geo: Geometry;
  blocks: BlockAllocator;
  extents: Extent[];
}

/**
 * Allocates the blocks of `content` near group `goal` (the inode's group), fills
 * i_block, i_blocks and i_size, and appends the data and indirect-block extents.
 * Returns the size in bytes.
 */
function placeData(inode: Inode, goal: number, content: Content, at: Placement): number {
  const { geo, blocks, extents } = at;
  const bs = geo.blockSize;
  const size = contentSize(content);
  const layout = layoutData(Math.ceil(size / bs), goal, blocks, bs);
  inode.block = layout.iblock;
  inode.blocks = (layout.data.length + layout.indirect.length) * (bs / 512);
  setInodeFileSize(inode, size);
  pushRuns(extents, layout.data, content, bs);
  for (const ind of layout.indirect) {
    extents.push({
      block: ind.block,
      count: 1,
      source: { kind: "bytes", bytes: ind.bytes },
      offset: 0,
    });
  }
  return size;
}

/** Plans the image of `tree`. */
export function planImage(tree: ImageTree, options: PlanOptions): ImagePlan {
  const c = collect(tree);
  const bs = options.blockSize;
  const geoParams = { ...options, minInodes: c.recs.length + 9 };
  const geo = planGeometry(geoParams);
  const inodes = assignInodes(c, geo);
  const blocks = new BlockAllocator(geo);
  const contents = c.recs.map((rec) => dataOf(rec, rec === c.lostFound, bs));
  const need = contents.reduce((n, d) => n + (d ? blocksNeeded(contentSize(d), bs) : 0), 0);
  if (need > blocks.freeTotal) {
    const meta = geo.blocksCount - blocks.freeTotal;
    throw new Ext2Error(
      Ext2ErrorCode.NoSpace,
      `tree does not fit: needs ${need} data blocks, the ${options.sizeBytes}-byte image has ` +
        `${blocks.freeTotal} free; try --size ${suggestSize(need + meta, geo)}`,
    );
  }
  const records = new Map<number, Inode>();
  const extents: Extent[] = [];
  let largeFile = false, dataBytes = 0;
  c.recs.forEach((rec, i) => {
    const inode = baseInode(rec);
    if (geo.inodeSize > 128) inode.extraIsize = DEFAULT_EXTRA_ISIZE;
    const content = contents[i];
    if (content) {
      const goal = Math.floor((rec.ino - 1) / geo.inodesPerGroup);
      const size = placeData(inode, goal, content, { geo, blocks, extents });
      largeFile ||= size >= 2 ** 31;
      if (rec.node.kind === "file") dataBytes += size;
    }
    records.set(rec.ino, inode);
  });
  return { geo, blocks, inodes, records, extents, largeFile, dataBytes };
}
