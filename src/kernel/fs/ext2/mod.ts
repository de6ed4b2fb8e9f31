/**
 * The kernel's read-write EXT2 driver: `mountExt2` turns a BlockDevice holding an EXT2
 * revision 0/1 file system into a mounted FileSystem whose inodes are the VFS's.
 * See README.md for the design and fs.ts / inode.ts for the contracts.
 *
 * @example
 * ```ts
 * const fs = mountExt2(new MemoryDisk(bytes), frames, { readOnly: false, devNo: 0x800 });
 * if (typeof fs === "number") throw new Error(`mount failed: ${fs}`);
 * fs.root.create("hello", 0o644, { uid: 0, gid: 0 });
 * fs.unmount();
 * ```
 */
export { mountExt2 } from "./mount.ts";
