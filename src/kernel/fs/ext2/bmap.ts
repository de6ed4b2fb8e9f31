/**
 * The EXT2 block map of one inode: 12 direct pointers, then single, double and triple
 * indirect blocks (see formats/ext2/block_map.ts for the index math).
 *
 * Contract:
 * - `bmap(fs, node, n, create)` returns the block holding logical block `n`, 0 for a
 *   hole (when not creating), or 0 with `create` when the disk is full. A block it
 *   allocates (data or indirect) is counted in i_blocks; `lastBmapFresh` tells the
 *   caller the data block is new (its cached copy must be zeroed, not read). Missing
 *   indirect blocks are created zeroed.
 * - `freeFrom(fs, node, first)` frees every data block at logical index >= `first` and
 *   every indirect block left without pointers, clearing the pointers to them.
 * - Every pointer is range-checked before use (Corrupt otherwise); recursion depth is
 *   at most 3, so a looping tree cannot hang the driver.
 * - Neither writes the inode itself: the caller does after changing `node.d`.
 */
import { IND_BLOCK, NDIR_BLOCKS } from "../../../formats/ext2/mod.ts";
import { allocBlock, freeBlock } from "./alloc.ts";
import type { Ext2Fs, Ext2Node } from "./fs.ts";

/** Set by `bmap` when it allocated the data block it returns. */
export let lastBmapFresh = false;

function u32(view: Uint8Array, i: number): number {
  const o = i * 4;
  return (view[o] | view[o + 1] << 8 | view[o + 2] << 16 | view[o + 3] << 24) >>> 0;
}

function setU32(view: Uint8Array, i: number, v: number): void {
  const o = i * 4;
  view[o] = v & 0xff;
  view[o + 1] = (v >>> 8) & 0xff;
  view[o + 2] = (v >>> 16) & 0xff;
  view[o + 3] = v >>> 24;
}

/** First block of the inode's group: the allocation goal of an empty file. */
function homeBlock(fs: Ext2Fs, ino: number): number {
  const g = Math.floor((ino - 1) / fs.sb.inodesPerGroup);
  return fs.sb.firstDataBlock + g * fs.sb.blocksPerGroup;
}

function newBlock(fs: Ext2Fs, node: Ext2Node, goal: number): number {
  const b = allocBlock(fs, goal);
  if (b !== 0) node.d.blocks += fs.bs / 512;
  return b;
}

/** Logical block -> [i_block slot, indexes below it]. Returns false when too large. */
function path(n: number, p: number, out: number[]): number {
  if (n < NDIR_BLOCKS) return n;
  n -= NDIR_BLOCKS;
  if (n < p) {
    out.push(n);
    return IND_BLOCK;
  }
  n -= p;
  if (n < p * p) {
    out.push(Math.floor(n / p), n % p);
    return IND_BLOCK + 1;
  }
  n -= p * p;
  if (n < p * p * p) {
    out.push(Math.floor(n / (p * p)), Math.floor(n / p) % p, n % p);
    return IND_BLOCK + 2;
  }
  return -1;
}

const scratch: number[] = [];

/** See the module contract. */
export function bmap(fs: Ext2Fs, node: Ext2Node, n: number, create: boolean): number {
  lastBmapFresh = false;
  scratch.length = 0;
  const slot = path(n, fs.bs / 4, scratch);
  if (slot < 0) return 0;
  let b = node.d.block[slot];
  const goal = () => (node as { lastAlloc?: number }).lastAlloc ?? homeBlock(fs, node.ino);
  if (b === 0) {
    if (!create) return 0;
    b = newBlock(fs, node, goal());
    if (b === 0) return 0;
    node.d.block[slot] = b;
    remember(node, b);
    if (scratch.length === 0) {
      lastBmapFresh = true;
      return b;
    }
    fs.bc.getNew(b);
    fs.bc.markDirty(b);
  } else fs.checkDataBlock(b, `inode ${node.ino} block pointer`);
  for (let level = 0; level < scratch.length; level++) {
    const view = fs.block(b);
    let next = u32(view, scratch[level]);
    const leaf = level === scratch.length - 1;
    if (next === 0) {
      if (!create) return 0;
      next = newBlock(fs, node, goal());
      if (next === 0) return 0;
      setU32(view, scratch[level], next);
      fs.bc.markDirty(b);
      remember(node, next);
      if (leaf) {
        lastBmapFresh = true;
        return next;
      }
      fs.bc.getNew(next);
      fs.bc.markDirty(next);
    } else fs.checkDataBlock(next, `inode ${node.ino} indirect pointer`);
    b = next;
  }
  return b;
}

function remember(node: Ext2Node, b: number): void {
  (node as { lastAlloc?: number }).lastAlloc = b + 1;
}

/** See the module contract. */
export function freeFrom(fs: Ext2Fs, node: Ext2Node, first: number): void {
  const blk = node.d.block;
  for (let s = 0; s < NDIR_BLOCKS; s++) {
    if (s < first || blk[s] === 0) continue;
    freeOne(fs, node, blk[s]);
    blk[s] = 0;
  }
  const p = fs.bs / 4;
  let base = NDIR_BLOCKS, span = p;
  for (let depth = 1; depth <= 3; depth++) {
    const slot = IND_BLOCK + depth - 1;
    if (blk[slot] !== 0 && first < base + span) {
      if (freeTree(fs, node, blk[slot], depth, Math.max(0, first - base))) blk[slot] = 0;
    }
    base += span;
    span *= p;
  }
}

function freeOne(fs: Ext2Fs, node: Ext2Node, b: number): void {
  freeBlock(fs, b);
  node.d.blocks = Math.max(0, node.d.blocks - fs.bs / 512);
}

/** Frees the part of an indirect tree from `rel` on; true if `b` itself was freed. */
function freeTree(fs: Ext2Fs, node: Ext2Node, b: number, depth: number, rel: number): boolean {
  fs.checkDataBlock(b, `inode ${node.ino} indirect pointer`);
  const view = fs.block(b);
  const p = fs.bs / 4;
  const childSpan = p ** (depth - 1);
  const start = Math.floor(rel / childSpan);
  let changed = false;
  for (let i = start; i < p; i++) {
    const c = u32(view, i);
    if (c === 0) continue;
    const childRel = i === start ? rel - i * childSpan : 0;
    if (depth === 1) freeOne(fs, node, c);
    else if (!freeTree(fs, node, c, depth - 1, childRel)) continue;
    setU32(view, i, 0);
    changed = true;
  }
  if (rel === 0) {
    freeOne(fs, node, b);
    return true;
  }
  if (changed) fs.bc.markDirty(b);
  return false;
}
