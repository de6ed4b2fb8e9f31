/**
 * Index math of the classic EXT2 block map: 12 direct pointers in i_block[0..11],
 * then single (i_block[12]), double (13) and triple (14) indirect blocks, each an
 * array of P = blockSize / 4 u32 pointers.
 *
 * Worked example, 1 KiB blocks (P = 256):
 *   logical 5      -> { slot: 5,  path: [] }           direct
 *   logical 12     -> { slot: 12, path: [0] }          first pointer of the IND block
 *   logical 268    -> { slot: 13, path: [0, 0] }       12 + 256: first of the DIND tree
 *   logical 65804  -> { slot: 14, path: [0, 0, 0] }   12 + 256 + 65536: triple indirect
 */
import { check, Ext2ErrorCode } from "./errors.ts";
import { NDIR_BLOCKS } from "./constants.ts";

/** Where logical block `n` of a file is mapped: an i_block slot and indexes below it. */
export interface BlockPath {
  /** i_block index: 0..11 direct, 12 single, 13 double, 14 triple indirect. */
  slot: number;
  /** Index into each indirect block on the way down (length 0..3). */
  path: number[];
}

/** Pointers per indirect block. */
export function pointersPerBlock(blockSize: number): number {
  return blockSize / 4;
}

/** The largest number of blocks a file can map with this block size. */
export function maxFileBlocks(blockSize: number): number {
  const p = pointersPerBlock(blockSize);
  return NDIR_BLOCKS + p + p * p + p * p * p;
}

/** Maps logical block `n` to its i_block slot and indirect indexes. */
export function blockPath(n: number, blockSize: number): BlockPath {
  const p = pointersPerBlock(blockSize);
  check(
    Number.isInteger(n) && n >= 0 && n < maxFileBlocks(blockSize),
    Ext2ErrorCode.BadParameter,
    () => `logical block ${n} beyond the triple-indirect limit`,
  );
  if (n < NDIR_BLOCKS) return { slot: n, path: [] };
  n -= NDIR_BLOCKS;
  if (n < p) return { slot: 12, path: [n] };
  n -= p;
  if (n < p * p) return { slot: 13, path: [Math.floor(n / p), n % p] };
  n -= p * p;
  return { slot: 14, path: [Math.floor(n / (p * p)), Math.floor(n / p) % p, n % p] };
}

/** Number of indirect blocks needed to map a file of `dataBlocks` blocks. */
export function indirectBlockCount(dataBlocks: number, blockSize: number): number {
  const p = pointersPerBlock(blockSize);
  let n = Math.max(0, dataBlocks - NDIR_BLOCKS);
  if (n === 0) return 0;
  const single = Math.min(n, p);
  let count = 1;
  n -= single;
  if (n === 0) return count;
  const dbl = Math.min(n, p * p);
  count += 1 + Math.ceil(dbl / p);
  n -= dbl;
  if (n === 0) return count;
  return count + 1 + Math.ceil(n / (p * p)) + Math.ceil(n / p);
}

/**
 * For logical block `n`, the depths (1 = the block i_block[slot] points to) of the
 * indirect blocks that start at `n`, i.e. must be allocated before its data block
 * when a file is written in order. For 1 KiB blocks, n = 268 gives [1, 2].
 */
export function newIndirectDepths(bp: BlockPath): number[] {
  const out: number[] = [];
  for (let d = 1; d <= bp.path.length; d++) {
    if (bp.path.slice(d - 1).every((i) => i === 0)) out.push(d);
  }
  return out;
}
