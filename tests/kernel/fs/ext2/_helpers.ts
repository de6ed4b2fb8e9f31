/**
 * Helpers of the EXT2 driver tests: guest frames, images made by mke2fs (the oracle)
 * or by the image builder, mounting a file through disk.ts, reading whole files and
 * trees back through the Inode API.
 */
import assert from "node:assert/strict";
import { PhysicalMemory } from "../../../../src/machine/memory.ts";
import { Frames } from "../../../../src/kernel/mm/frames.ts";
import { openDiskImage } from "../../../../src/host/disk.ts";
import { mountExt2 } from "../../../../src/kernel/fs/ext2/mod.ts";
import type { Ext2Fs } from "../../../../src/kernel/fs/ext2/fs.ts";
import type { Inode } from "../../../../src/kernel/fs/inode.ts";
import { run } from "../../../image/_e2fs.ts";

export { assertFsckClean, debugfs, e2fsTest, run, tempDir } from "../../../image/_e2fs.ts";

export const ROOT = { uid: 0, gid: 0 };

/** Guest RAM for the buffer cache. */
export function frames(mib = 32): Frames {
  return new Frames(new PhysicalMemory(mib << 20));
}

/** Runs mke2fs -t ext2 on a fresh image file of `sizeKiB`; extra args e.g. ["-d", dir]. */
export async function mke2fs(path: string, sizeKiB: number, args: string[]): Promise<void> {
  const r = await run("mke2fs", ["-q", "-F", "-t", "ext2", ...args, path, `${sizeKiB}`]);
  assert.equal(r.code, 0, r.out);
}

/** Mounts an image file read-write (or read-only); asserts success. */
export function mountFile(path: string, fr: Frames, readOnly = false): Ext2Fs {
  const dev = openDiskImage(path, readOnly);
  assert(typeof dev !== "string", String(dev));
  const fs = mountExt2(dev, fr, { readOnly, devNo: 0x800 });
  assert(typeof fs !== "number", `mount failed: ${fs}`);
  return fs as Ext2Fs;
}

/** Looks up a slash-separated path from `root`. */
export function walkPath(root: Inode, path: string): Inode | number {
  let cur: Inode | number = root;
  for (const part of path.split("/").filter((p) => p)) {
    if (typeof cur === "number") return cur;
    cur = cur.lookup(part);
  }
  return cur;
}

/** The whole contents of a regular file. */
export function readAll(i: Inode): Uint8Array {
  const out = new Uint8Array(i.size);
  const n = i.readAt(0, out);
  assert.equal(n, out.length);
  return out;
}

/** Asserts a call returned no -errno. */
export function ok<T>(r: T | number, what = "operation"): T {
  if (typeof r === "number" && r < 0) assert.fail(`${what} failed: ${r}`);
  return r as T;
}
