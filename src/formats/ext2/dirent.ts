/**
 * Directory entries (linked-list directories with the filetype feature).
 *
 * Layout of one entry: inode u32, rec_len u16, name_len u8, file_type u8, name.
 * Rules (checked by `parseDirBlock`, honoured by `encodeDirBlocks`):
 * - rec_len is a multiple of 4, at least 8 + name_len rounded up to 4, and an entry
 *   never crosses the end of its block; the last entry's rec_len reaches the end.
 * - inode 0 marks an unused entry (skipped when reading).
 *
 * Example: a 1 KiB block with "." (ino 2) and ".." (ino 2) is
 *   [02 00 00 00 | 0c 00 | 01 | 02 | "." pad] [02 00 00 00 | f4 03 | 02 | 02 | ".." pad]
 * i.e. rec_len 12 for "." and 1012 for "..", which fills the block.
 */
import { check, Ext2ErrorCode } from "./errors.ts";
import type { FileType } from "./constants.ts";

/** One live directory entry. */
export interface DirEntry {
  /** Inode number (never 0 for live entries). */
  ino: number;
  /** Name (decoded as UTF-8). */
  name: string;
  /** file_type byte (filetype feature; Unknown without it). */
  fileType: FileType;
}

/** Longest name a directory entry can hold. */
export const NAME_MAX = 255;
/** Size of the fixed part of an entry. */
export const DIRENT_HEADER = 8;

/** The smallest rec_len that holds a name of `nameLen` bytes. */
export function direntSize(nameLen: number): number {
  return (DIRENT_HEADER + nameLen + 3) & ~3;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder("utf-8", { fatal: false });

/**
 * Parses the entries of one directory block. `maxIno` bounds inode numbers.
 * Throws Ext2Error(BadDirEntry) on a rec_len or name_len that breaks the rules.
 */
export function parseDirBlock(block: Uint8Array, maxIno: number): DirEntry[] {
  const view = new DataView(block.buffer, block.byteOffset, block.byteLength);
  const out: DirEntry[] = [];
  for (let off = 0; off < block.length;) {
    check(
      off + DIRENT_HEADER <= block.length,
      Ext2ErrorCode.BadDirEntry,
      () => `bad directory entry at offset ${off}: header crosses the block end`,
    );
    const ino = view.getUint32(off, true);
    const recLen = view.getUint16(off + 4, true);
    const nameLen = view.getUint8(off + 6);
    const fileType = view.getUint8(off + 7) as FileType;
    check(
      recLen >= DIRENT_HEADER && recLen % 4 === 0 && off + recLen <= block.length,
      Ext2ErrorCode.BadDirEntry,
      () => `bad directory entry at offset ${off}: rec_len ${recLen}`,
    );
    if (ino !== 0) {
      check(
        DIRENT_HEADER + nameLen <= recLen && nameLen > 0,
        Ext2ErrorCode.BadDirEntry,
        () => `bad directory entry at offset ${off}: name_len ${nameLen} with rec_len ${recLen}`,
      );
      check(
        ino <= maxIno,
        Ext2ErrorCode.BadDirEntry,
        () => `bad directory entry at offset ${off}: inode ${ino} out of range`,
      );
      const name = decoder.decode(block.subarray(off + 8, off + 8 + nameLen));
      out.push({ ino, name, fileType });
    }
    off += recLen;
  }
  return out;
}

/**
 * Packs entries into as few `blockSize` blocks as possible, in order; the last
 * entry of each block stretches to the block end. An empty list gives no blocks.
 */
export function encodeDirBlocks(entries: readonly DirEntry[], blockSize: number): Uint8Array {
  const names = entries.map((e) => encoder.encode(e.name));
  const starts: number[] = [];
  let blocks = 0, used = blockSize;
  for (const name of names) {
    check(
      name.length > 0 && name.length <= NAME_MAX,
      Ext2ErrorCode.BadParameter,
      () => `bad directory entry name length ${name.length}`,
    );
    const size = direntSize(name.length);
    if (used + size > blockSize) [blocks, used] = [blocks + 1, 0];
    starts.push((blocks - 1) * blockSize + used);
    used += size;
  }
  const out = new Uint8Array(blocks * blockSize);
  const view = new DataView(out.buffer);
  entries.forEach((e, i) => {
    const start = starts[i];
    const next = i + 1 < starts.length && Math.floor(starts[i + 1] / blockSize) ===
        Math.floor(start / blockSize)
      ? starts[i + 1]
      : (Math.floor(start / blockSize) + 1) * blockSize;
    view.setUint32(start, e.ino, true);
    view.setUint16(start + 4, next - start, true);
    view.setUint8(start + 6, names[i].length);
    view.setUint8(start + 7, e.fileType);
    out.set(names[i], start + 8);
  });
  return out;
}

/** One empty directory block: a single unused entry spanning the block. */
export function emptyDirBlock(blockSize: number): Uint8Array {
  const out = new Uint8Array(blockSize);
  new DataView(out.buffer).setUint16(4, blockSize, true);
  return out;
}
