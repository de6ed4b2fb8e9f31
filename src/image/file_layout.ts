/**
 * Lays out one inode's data: allocates its data blocks in logical order and, like
 * the ext2 driver, each indirect block just before the first data block it maps
 * (so i_block[12] precedes logical block 12, the DIND block precedes block
 * 12 + P, ...). Fills the indirect blocks' pointer arrays and i_block.
 *
 * Returns the physical block of every logical block and the indirect blocks with
 * their contents; i_blocks (512-byte units) counts both.
 */
import { blockPath, maxFileBlocks, N_BLOCKS, newIndirectDepths } from "../formats/ext2/mod.ts";
import type { BlockAllocator } from "./block_alloc.ts";

/** The block map of one inode. */
export interface DataLayout {
  /** The 15 i_block slots. */
  iblock: number[];
  /** Physical block of each logical block. */
  data: number[];
  /** Indirect blocks and their pointer contents. */
  indirect: { block: number; bytes: Uint8Array }[];
}

/** Allocates `count` data blocks (plus indirect blocks) near group `goal`. */
export function layoutData(
  count: number,
  goal: number,
  alloc: BlockAllocator,
  blockSize: number,
): DataLayout {
  if (count > maxFileBlocks(blockSize)) throw new RangeError("file too large for ext2 block map");
  const iblock = new Array<number>(N_BLOCKS).fill(0);
  const data: number[] = [];
  const indirect: DataLayout["indirect"] = [];
  const open: DataView[] = []; // open[d-1]: the indirect block at depth d on the current path
  let group = goal;
  const take = () => {
    const b = alloc.alloc(group);
    group = alloc.groupOf(b);
    return b;
  };
  for (let n = 0; n < count; n++) {
    const bp = blockPath(n, blockSize);
    for (const d of newIndirectDepths(bp)) {
      const block = take();
      const bytes = new Uint8Array(blockSize);
      indirect.push({ block, bytes });
      if (d === 1) iblock[bp.slot] = block;
      else open[d - 2].setUint32(bp.path[d - 2] * 4, block, true);
      open[d - 1] = new DataView(bytes.buffer);
    }
    const block = take();
    data.push(block);
    const depth = bp.path.length;
    if (depth === 0) iblock[bp.slot] = block;
    else open[depth - 1].setUint32(bp.path[depth - 1] * 4, block, true);
  }
  return { iblock, data, indirect };
}
