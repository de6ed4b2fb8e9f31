/**
 * The EXT2 image builder and image tools: build an `ImageTree` (by hand or from
 * host files), write it as an image, read images back.
 *
 * @example
 * ```ts
 * import { buildImage, ImageTree } from "./mod.ts";
 * const tree = new ImageTree();
 * tree.addFile("/etc/motd", { kind: "bytes", bytes: new TextEncoder().encode("hi\n") });
 * await buildImage(tree, "disk.img", { sizeBytes: 8 << 20 });
 * ```
 */
export * from "./tree.ts";
export * from "./build.ts";
export * from "./host_import.ts";
export * from "./from_image.ts";
export * from "./file_source.ts";
export * from "./cli.ts";
export * from "./image_cli.ts";
export { parseSize } from "./size.ts";
