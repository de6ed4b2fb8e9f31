/**
 * The image builder's entry point: plans `tree` with the requested geometry and
 * writes the image file. Also the in-memory variant used by tests and tools.
 *
 * Failure contract: Ext2Error (NoSpace, BadParameter) for trees or parameters that
 * cannot make an image — thrown before the output file is touched; host I/O errors
 * propagate.
 */
import { planImage } from "./plan.ts";
import { type ImageIdentity, metadataExtents } from "./metadata.ts";
import { writeImage } from "./writer.ts";
import type { ImageTree } from "./tree.ts";

/** Options of `buildImage`. */
export interface BuildOptions {
  /** Image size in bytes (the file system may be slightly smaller, see planGeometry). */
  sizeBytes: number;
  /** 1024, 2048 or 4096 (default 1024). */
  blockSize?: number;
  /** 128 or 256 (default 256). */
  inodeSize?: number;
  /** Total inodes (default: mke2fs-like, raised to fit the tree). */
  inodeCount?: number;
  /** Volume label (at most 16 bytes). */
  label?: string;
  /** File system UUID (default random). */
  uuid?: Uint8Array;
  /** Progress of the write phase. */
  onProgress?: (done: number, total: number) => void;
}

/** What `buildImage` measured. */
export interface BuildStats {
  /** s_blocks_count. */
  blocksCount: number;
  /** Block size in bytes. */
  blockSize: number;
  /** Free blocks left. */
  freeBlocks: number;
  /** s_inodes_count. */
  inodesCount: number;
  /** Inodes in use, reserved ones included. */
  inodesUsed: number;
  /** Bytes of regular-file data in the tree. */
  dataBytes: number;
}

function identity(tree: ImageTree, options: BuildOptions): ImageIdentity {
  const uuid = options.uuid ?? crypto.getRandomValues(new Uint8Array(16));
  if (!options.uuid) {
    uuid[6] = (uuid[6] & 0x0f) | 0x40; // version 4
    uuid[8] = (uuid[8] & 0x3f) | 0x80; // RFC 4122 variant
  }
  return { uuid, label: options.label ?? "", now: tree.now };
}

/** Builds the image of `tree` into the host file `path`. */
export async function buildImage(
  tree: ImageTree,
  path: string,
  options: BuildOptions,
): Promise<BuildStats> {
  const plan = planImage(tree, {
    sizeBytes: options.sizeBytes,
    blockSize: options.blockSize ?? 1024,
    inodeSize: options.inodeSize ?? 256,
    ...(options.inodeCount !== undefined ? { inodeCount: options.inodeCount } : {}),
  });
  const geo = plan.geo;
  const extents = [...metadataExtents(plan, identity(tree, options)), ...plan.extents];
  const writeOptions = options.onProgress ? { onProgress: options.onProgress } : {};
  await writeImage(path, options.sizeBytes, geo.blockSize, extents, writeOptions);
  return {
    blocksCount: geo.blocksCount,
    blockSize: geo.blockSize,
    freeBlocks: plan.blocks.freeTotal,
    inodesCount: geo.groupCount * geo.inodesPerGroup,
    inodesUsed: plan.inodes.used.reduce((a, b) => a + b, 0),
    dataBytes: plan.dataBytes,
  };
}
