/**
 * Block and inode allocation for the EXT2 driver: bitmaps, group descriptor and
 * superblock free counts, used-directory counts.
 *
 * Contract:
 * - `allocBlock(fs, goal)` returns a free block as close after `goal` as possible
 *   (searching the goal's group first, then the following groups), or 0 when the
 *   file system is full. `allocInode(fs, parentIno, isDir)` returns an inode number or
 *   0: files go to the parent's group, directories to the first group (from the
 *   parent's on) with free inodes above average and the most free blocks among those.
 * - Every bit flipped changes the group's and the superblock's counter by one, so the
 *   counters stay exact. A bitmap bit that contradicts the request (a "free" block
 *   that is metadata, freeing an already free block) throws Corrupt.
 * - `checkFreeCounts(fs)` compares every bitmap with the counters: null or a message.
 */
import {
  clearBit,
  countSetBits,
  findClearBit,
  setBit,
  testBit,
} from "../../../formats/ext2/mod.ts";
import { Corrupt, type Ext2Fs } from "./fs.ts";

function blockBitmap(fs: Ext2Fs, g: number): Uint8Array {
  return fs.block(fs.gds[g].blockBitmap);
}

function inodeBitmap(fs: Ext2Fs, g: number): Uint8Array {
  return fs.block(fs.gds[g].inodeBitmap);
}

function groupOfBlock(fs: Ext2Fs, b: number): number {
  return Math.floor((b - fs.sb.firstDataBlock) / fs.sb.blocksPerGroup);
}

/** A free block near `goal`, marked used; 0 when none is left. */
export function allocBlock(fs: Ext2Fs, goal: number): number {
  if (fs.sb.freeBlocksCount === 0) return 0;
  if (goal < fs.sb.firstDataBlock || goal >= fs.sb.blocksCount) goal = fs.sb.firstDataBlock;
  const g0 = groupOfBlock(fs, goal);
  for (let k = 0; k <= fs.groupCount; k++) {
    const g = (g0 + k) % fs.groupCount;
    if (fs.gds[g].freeBlocksCount === 0) continue;
    const map = blockBitmap(fs, g);
    const limit = fs.groupBlocks(g);
    const from = k === 0 ? goal - fs.sb.firstDataBlock - g * fs.sb.blocksPerGroup : 0;
    let bit = findClearBit(map, from, limit);
    if (bit < 0 && from > 0) bit = findClearBit(map, 0, from);
    if (bit < 0) throw new Corrupt(`group ${g} counts free blocks but its bitmap is full`);
    const b = fs.sb.firstDataBlock + g * fs.sb.blocksPerGroup + bit;
    if (fs.isMetaBlock(b)) throw new Corrupt(`block bitmap of group ${g} marks metadata free`);
    setBit(map, bit);
    fs.bc.markDirty(fs.gds[g].blockBitmap);
    fs.gds[g].freeBlocksCount--;
    fs.sb.freeBlocksCount--;
    fs.gdtDirty = true;
    return b;
  }
  return 0;
}

/** Marks block `b` free and drops it from the cache. */
export function freeBlock(fs: Ext2Fs, b: number): void {
  fs.checkDataBlock(b, "free");
  const g = groupOfBlock(fs, b);
  const map = blockBitmap(fs, g);
  const bit = b - fs.sb.firstDataBlock - g * fs.sb.blocksPerGroup;
  if (!testBit(map, bit)) throw new Corrupt(`freeing free block ${b}`);
  clearBit(map, bit);
  fs.bc.markDirty(fs.gds[g].blockBitmap);
  fs.gds[g].freeBlocksCount++;
  fs.sb.freeBlocksCount++;
  fs.gdtDirty = true;
  fs.bc.forget(b);
}

/** A free inode number for a child of `parentIno`, marked used; 0 when none. */
export function allocInode(fs: Ext2Fs, parentIno: number, isDir: boolean): number {
  if (fs.sb.freeInodesCount === 0) return 0;
  const pg = Math.floor((parentIno - 1) / fs.sb.inodesPerGroup);
  const g0 = isDir ? dirGroup(fs, pg) : pg;
  for (let k = 0; k < fs.groupCount; k++) {
    const g = (g0 + k) % fs.groupCount;
    if (fs.gds[g].freeInodesCount === 0) continue;
    const map = inodeBitmap(fs, g);
    const bit = findClearBit(map, 0, fs.sb.inodesPerGroup);
    if (bit < 0) throw new Corrupt(`group ${g} counts free inodes but its bitmap is full`);
    const ino = g * fs.sb.inodesPerGroup + bit + 1;
    if (ino < fs.firstIno) throw new Corrupt(`inode bitmap marks reserved inode ${ino} free`);
    setBit(map, bit);
    fs.bc.markDirty(fs.gds[g].inodeBitmap);
    fs.gds[g].freeInodesCount--;
    fs.sb.freeInodesCount--;
    if (isDir) fs.gds[g].usedDirsCount++;
    fs.gdtDirty = true;
    return ino;
  }
  return 0;
}

/** The group for a new directory: free inodes above average, most free blocks. */
function dirGroup(fs: Ext2Fs, parentGroup: number): number {
  const avg = fs.sb.freeInodesCount / fs.groupCount;
  let best = -1;
  for (let k = 0; k < fs.groupCount; k++) {
    const g = (parentGroup + k) % fs.groupCount;
    const gd = fs.gds[g];
    if (gd.freeInodesCount === 0 || gd.freeInodesCount < avg) continue;
    if (best < 0 || gd.freeBlocksCount > fs.gds[best].freeBlocksCount) best = g;
  }
  return best < 0 ? parentGroup : best;
}

/** Marks inode `ino` free. */
export function freeInode(fs: Ext2Fs, ino: number, isDir: boolean): void {
  const g = Math.floor((ino - 1) / fs.sb.inodesPerGroup);
  const bit = (ino - 1) % fs.sb.inodesPerGroup;
  const map = inodeBitmap(fs, g);
  if (!testBit(map, bit)) throw new Corrupt(`freeing free inode ${ino}`);
  clearBit(map, bit);
  fs.bc.markDirty(fs.gds[g].inodeBitmap);
  fs.gds[g].freeInodesCount++;
  fs.sb.freeInodesCount++;
  if (isDir && fs.gds[g].usedDirsCount > 0) fs.gds[g].usedDirsCount--;
  fs.gdtDirty = true;
}

/** Compares bitmaps with the free counters; null when they agree. */
export function checkFreeCounts(fs: Ext2Fs): string | null {
  let blocks = 0, inodes = 0;
  for (let g = 0; g < fs.groupCount; g++) {
    const fb = fs.groupBlocks(g) - countSetBits(blockBitmap(fs, g), fs.groupBlocks(g));
    const fi = fs.sb.inodesPerGroup - countSetBits(inodeBitmap(fs, g), fs.sb.inodesPerGroup);
    if (fb !== fs.gds[g].freeBlocksCount) {
      return `group ${g}: ${fb} free blocks in the bitmap, ${fs.gds[g].freeBlocksCount} counted`;
    }
    if (fi !== fs.gds[g].freeInodesCount) {
      return `group ${g}: ${fi} free inodes in the bitmap, ${fs.gds[g].freeInodesCount} counted`;
    }
    blocks += fb;
    inodes += fi;
  }
  if (blocks !== fs.sb.freeBlocksCount) {
    return `superblock counts ${fs.sb.freeBlocksCount} free blocks, bitmaps ${blocks}`;
  }
  if (inodes !== fs.sb.freeInodesCount) {
    return `superblock counts ${fs.sb.freeInodesCount} free inodes, bitmaps ${inodes}`;
  }
  return null;
}
