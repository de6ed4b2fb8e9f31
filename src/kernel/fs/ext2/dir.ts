/**
 * EXT2 directories: linear lists of entries (inode, rec_len, name_len, file_type,
 * name) filling whole blocks, edited the way Linux's ext2 does.
 *
 * Contract:
 * - Every block is validated before use (rec_len >= 8, a multiple of 4, inside the
 *   block; name_len fits; inode number in range); a bad block throws Corrupt, a hole
 *   in a directory too.
 * - `addEntry` takes the first entry with room (splitting a live entry's slack or
 *   reusing a dead one), else appends a new block; `removeEntry` merges the entry into
 *   its predecessor (or clears the inode of a block's first entry).
 * - Indexed (dir_index/htree) directories are read linearly; the first change clears
 *   EXT2_INDEX_FL, as Linux's ext2 does, so e2fsck sees a valid linear directory.
 */
import {
  addDirEntry,
  DIRENT_HEADER,
  type FileType,
  removeDirEntry,
} from "../../../formats/ext2/mod.ts";
import { bmap } from "./bmap.ts";
import { Corrupt, type Ext2Fs, type Ext2Node } from "./fs.ts";

/** i_flags bit of htree-indexed directories. */
export const INDEX_FL = 0x1000;

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** One live entry as a directory walk reports it. */
export interface Entry {
  ino: number;
  name: string;
  fileType: number;
}

/** Number of blocks of a directory. */
function dirBlocks(fs: Ext2Fs, dir: Ext2Node): number {
  return Math.ceil(dir.d.size / fs.bs);
}

/** Block `i` of a directory, validated. */
function dirBlock(fs: Ext2Fs, dir: Ext2Node, i: number): [number, Uint8Array] {
  const b = bmap(fs, dir, i, false);
  if (b === 0) throw new Corrupt(`directory ${dir.ino} has a hole at block ${i}`);
  const view = fs.block(b);
  validate(fs, dir, view);
  return [b, view];
}

function validate(fs: Ext2Fs, dir: Ext2Node, view: Uint8Array): void {
  for (let off = 0; off < view.length;) {
    const ino = u32(view, off);
    const recLen = view[off + 4] | view[off + 5] << 8;
    const nameLen = view[off + 6];
    const ok = off + DIRENT_HEADER <= view.length && recLen >= DIRENT_HEADER &&
      recLen % 4 === 0 && off + recLen <= view.length &&
      (ino === 0 || (nameLen > 0 && DIRENT_HEADER + nameLen <= recLen && ino <= fs.sb.inodesCount));
    if (!ok) throw new Corrupt(`directory ${dir.ino}: bad entry at offset ${off}`);
    off += recLen;
  }
}

function u32(view: Uint8Array, o: number): number {
  return (view[o] | view[o + 1] << 8 | view[o + 2] << 16 | view[o + 3] << 24) >>> 0;
}

/** Calls `fn` for every live entry until it returns true; returns that entry or null. */
function walk(
  fs: Ext2Fs,
  dir: Ext2Node,
  fn: (view: Uint8Array, off: number, nameLen: number) => boolean,
): [number, Uint8Array, number] | null {
  const n = dirBlocks(fs, dir);
  for (let i = 0; i < n; i++) {
    const [b, view] = dirBlock(fs, dir, i);
    for (let off = 0; off < view.length;) {
      const recLen = view[off + 4] | view[off + 5] << 8;
      if (u32(view, off) !== 0 && fn(view, off, view[off + 6])) return [b, view, off];
      off += recLen;
    }
  }
  return null;
}

/** Every live entry (including "." and ".."). */
export function listEntries(fs: Ext2Fs, dir: Ext2Node): Entry[] {
  const out: Entry[] = [];
  walk(fs, dir, (view, off, len) => {
    const name = decoder.decode(view.subarray(off + 8, off + 8 + len));
    out.push({ ino: u32(view, off), name, fileType: view[off + 7] });
    return false;
  });
  return out;
}

/** The inode number of `name`, or 0. */
export function findEntry(fs: Ext2Fs, dir: Ext2Node, name: string): number {
  const hit = find(fs, dir, encoder.encode(name));
  return hit ? u32(hit[1], hit[2]) : 0;
}

function find(fs: Ext2Fs, dir: Ext2Node, want: Uint8Array): [number, Uint8Array, number] | null {
  return walk(fs, dir, (view, off, len) => {
    if (len !== want.length) return false;
    for (let k = 0; k < len; k++) if (view[off + 8 + k] !== want[k]) return false;
    return true;
  });
}

/** Points the existing entry `name` at `ino` (rename over an existing name). */
export function setEntry(
  fs: Ext2Fs,
  dir: Ext2Node,
  name: string,
  ino: number,
  type: FileType,
): void {
  const hit = find(fs, dir, encoder.encode(name));
  if (!hit) throw new Corrupt(`directory ${dir.ino}: entry ${name} vanished`);
  const [b, view, off] = hit;
  view[off] = ino & 0xff;
  view[off + 1] = (ino >>> 8) & 0xff;
  view[off + 2] = (ino >>> 16) & 0xff;
  view[off + 3] = ino >>> 24;
  if (hasFiletype(fs)) view[off + 7] = type;
  fs.bc.markDirty(b);
  unindex(dir);
}

function hasFiletype(fs: Ext2Fs): boolean {
  return (fs.sb.featureIncompat & 2) !== 0;
}

/** Adds an entry; false when no block could be allocated (ENOSPC). */
export function addEntry(
  fs: Ext2Fs,
  dir: Ext2Node,
  name: string,
  ino: number,
  type: FileType,
): boolean {
  const entry = { ino, name, fileType: hasFiletype(fs) ? type : 0 };
  const n = dirBlocks(fs, dir);
  unindex(dir);
  for (let i = 0; i < n; i++) {
    const [b, view] = dirBlock(fs, dir, i);
    if (addDirEntry(view, entry)) {
      fs.bc.markDirty(b);
      return true;
    }
  }
  const b = bmap(fs, dir, n, true);
  if (b === 0) return false;
  const view = fs.bc.getNew(b);
  view[4] = fs.bs & 0xff;
  view[5] = fs.bs >> 8;
  addDirEntry(view, entry);
  fs.bc.markDirty(b);
  dir.d.size = (n + 1) * fs.bs;
  return true;
}

/** Removes `name`; returns its inode number or 0 when absent. */
export function removeEntry(fs: Ext2Fs, dir: Ext2Node, name: string): number {
  const n = dirBlocks(fs, dir);
  for (let i = 0; i < n; i++) {
    const [b, view] = dirBlock(fs, dir, i);
    const ino = removeDirEntry(view, name);
    if (ino !== 0) {
      fs.bc.markDirty(b);
      unindex(dir);
      return ino;
    }
  }
  return 0;
}

/** True when only "." and ".." are left. */
export function isEmptyDir(fs: Ext2Fs, dir: Ext2Node): boolean {
  const other = walk(fs, dir, (view, off, len) => {
    if (len === 1 && view[off + 8] === 0x2e) return false;
    if (len === 2 && view[off + 8] === 0x2e && view[off + 9] === 0x2e) return false;
    return true;
  });
  return other === null;
}

/** Writes the first block of a new directory: "." and "..". */
export function initDir(fs: Ext2Fs, dir: Ext2Node, parentIno: number): boolean {
  const b = bmap(fs, dir, 0, true);
  if (b === 0) return false;
  const view = fs.bc.getNew(b);
  const ft = hasFiletype(fs) ? 2 : 0;
  writeHeader(view, 0, dir.ino, 12, 1, ft);
  view[8] = 0x2e;
  writeHeader(view, 12, parentIno, fs.bs - 12, 2, ft);
  view[20] = view[21] = 0x2e;
  fs.bc.markDirty(b);
  dir.d.size = fs.bs;
  return true;
}

function writeHeader(
  view: Uint8Array,
  off: number,
  ino: number,
  recLen: number,
  nameLen: number,
  ft: number,
): void {
  view[off] = ino & 0xff;
  view[off + 1] = (ino >>> 8) & 0xff;
  view[off + 2] = (ino >>> 16) & 0xff;
  view[off + 3] = ino >>> 24;
  view[off + 4] = recLen & 0xff;
  view[off + 5] = recLen >> 8;
  view[off + 6] = nameLen;
  view[off + 7] = ft;
}

/** Clears the htree flag of a directory about to change (written with the inode). */
function unindex(dir: Ext2Node): void {
  if (dir.d.flags & INDEX_FL) dir.d.flags &= ~INDEX_FL;
}
