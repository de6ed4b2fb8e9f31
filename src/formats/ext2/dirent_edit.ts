/**
 * In-place edits of one directory block, the way the Linux ext2 driver does them,
 * for the kernel's create/link/unlink/rename:
 * - `addDirEntry` reuses an unused entry (inode 0) big enough, or splits the first
 *   live entry whose rec_len has enough slack after its own name; the new entry
 *   takes the slack, so the block still tiles exactly.
 * - `removeDirEntry` merges the entry into its predecessor's rec_len, or, for the
 *   first entry of the block, just clears its inode number.
 *
 * Both expect a block that `parseDirBlock` accepts and throw Ext2Error(BadDirEntry)
 * otherwise (they walk the same rec_len chain with the same checks).
 */
import { check, Ext2ErrorCode } from "./errors.ts";
import { DIRENT_HEADER, type DirEntry, direntSize, NAME_MAX } from "./dirent.ts";

const encoder = new TextEncoder();

interface Slot {
  off: number;
  ino: number;
  recLen: number;
  nameLen: number;
}

function* slots(block: Uint8Array): Generator<Slot> {
  const view = new DataView(block.buffer, block.byteOffset, block.byteLength);
  for (let off = 0; off < block.length;) {
    check(
      off + DIRENT_HEADER <= block.length,
      Ext2ErrorCode.BadDirEntry,
      () => `bad directory entry at offset ${off}: header crosses the block end`,
    );
    const recLen = view.getUint16(off + 4, true);
    check(
      recLen >= DIRENT_HEADER && recLen % 4 === 0 && off + recLen <= block.length,
      Ext2ErrorCode.BadDirEntry,
      () => `bad directory entry at offset ${off}: rec_len ${recLen}`,
    );
    yield { off, ino: view.getUint32(off, true), recLen, nameLen: view.getUint8(off + 6) };
    off += recLen;
  }
}

function write(
  block: Uint8Array,
  off: number,
  recLen: number,
  e: DirEntry,
  name: Uint8Array,
): void {
  const view = new DataView(block.buffer, block.byteOffset, block.byteLength);
  view.setUint32(off, e.ino, true);
  view.setUint16(off + 4, recLen, true);
  view.setUint8(off + 6, name.length);
  view.setUint8(off + 7, e.fileType);
  block.set(name, off + DIRENT_HEADER);
}

/** Adds `entry` to `block` if it has room; returns false when it does not. */
export function addDirEntry(block: Uint8Array, entry: DirEntry): boolean {
  const name = encoder.encode(entry.name);
  check(
    name.length > 0 && name.length <= NAME_MAX && entry.ino > 0,
    Ext2ErrorCode.BadParameter,
    () => `bad directory entry '${entry.name}' -> ${entry.ino}`,
  );
  const need = direntSize(name.length);
  for (const s of slots(block)) {
    if (s.ino === 0 && s.recLen >= need) {
      write(block, s.off, s.recLen, entry, name);
      return true;
    }
    const used = direntSize(s.nameLen);
    if (s.ino !== 0 && s.recLen - used >= need) {
      new DataView(block.buffer, block.byteOffset).setUint16(s.off + 4, used, true);
      write(block, s.off + used, s.recLen - used, entry, name);
      return true;
    }
  }
  return false;
}

/** Removes the live entry called `name`; returns its inode number, or 0 if absent. */
export function removeDirEntry(block: Uint8Array, name: string): number {
  const want = encoder.encode(name);
  const view = new DataView(block.buffer, block.byteOffset, block.byteLength);
  let prev: Slot | undefined;
  for (const s of slots(block)) {
    const here = block.subarray(s.off + DIRENT_HEADER, s.off + DIRENT_HEADER + s.nameLen);
    if (s.ino !== 0 && s.nameLen === want.length && here.every((b, i) => b === want[i])) {
      if (prev) view.setUint16(prev.off + 4, prev.recLen + s.recLen, true);
      else view.setUint32(s.off, 0, true);
      return s.ino;
    }
    prev = s;
  }
  return 0;
}
