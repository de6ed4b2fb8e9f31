/**
 * EXT2 revision 1 on-disk layout, shared by the kernel's driver, the image builder
 * and the `denix image` tools: constants, struct codecs, layout arithmetic and a
 * validating reader. See README.md for the layout decisions.
 *
 * @example
 * ```ts
 * import { Ext2Reader, memorySource } from "./mod.ts";
 * const fs = Ext2Reader.open(memorySource(await Deno.readFile("disk.img")));
 * console.log(fs.readDir(fs.lookup("/")).map((e) => e.name));
 * ```
 */
export * from "./errors.ts";
export * from "./constants.ts";
export * from "./struct.ts";
export * from "./superblock.ts";
export * from "./group_desc.ts";
export * from "./inode.ts";
export * from "./dirent.ts";
export * from "./dirent_edit.ts";
export * from "./geometry.ts";
export * from "./block_map.ts";
export * from "./bitmap.ts";
export * from "./byte_source.ts";
export * from "./reader.ts";
