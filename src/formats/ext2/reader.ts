/**
 * Read side of EXT2: validates an image's superblock and group descriptors, then
 * reads inodes, maps logical blocks through the direct/indirect block map, and
 * reads file data, directories and symlink targets.
 *
 * Failure contract: every inconsistency (bad magic or geometry, inode number out
 * of range, block pointer outside the file system, broken directory entry, image
 * shorter than the file system) throws Ext2Error with a message naming it. Loops
 * are bounded by the file size, which is checked against the file system size, so
 * corrupt input can neither crash nor hang the reader.
 *
 * Compat features (ext_attr, resize_inode, dir_index) are ignored: htree
 * directories are read as the linear directories they remain compatible with.
 */
import type { ByteSource } from "./byte_source.ts";
import { check, Ext2Error, Ext2ErrorCode } from "./errors.ts";
import { FAST_SYMLINK_MAX, Ino, Mode, SUPERBLOCK_OFFSET, SUPERBLOCK_SIZE } from "./constants.ts";
import {
  blockSizeOf,
  decodeSuperblock,
  groupCountOf,
  inodeSizeOf,
  type Superblock,
  validateSuperblock,
} from "./superblock.ts";
import { decodeGroupDesc, type GroupDesc } from "./group_desc.ts";
import { gdtStartBlock, inodeLocation } from "./geometry.ts";
import { decodeInode, type Inode, inodeFileSize } from "./inode.ts";
import { blockPath } from "./block_map.ts";
import { type DirEntry, parseDirBlock } from "./dirent.ts";

/** Options of `Ext2Reader.readFile`. */
export interface ReadFileOptions {
  /** Refuse files larger than this (default 256 MiB), to bound memory. */
  maxBytes?: number;
}

const decoder = new TextDecoder();

/** A validated, read-only view of an EXT2 file system on a ByteSource. */
export class Ext2Reader {
  /** The validated primary superblock. */
  readonly sb: Superblock;
  /** Block size in bytes. */
  readonly blockSize: number;
  /** Inode size in bytes. */
  readonly inodeSize: number;
  /** The validated group descriptors. */
  readonly groups: readonly GroupDesc[];
  private readonly src: ByteSource;
  private readonly indirectCache = new Map<number, DataView>();

  private constructor(src: ByteSource, sb: Superblock, groups: GroupDesc[]) {
    this.src = src;
    this.sb = sb;
    this.blockSize = blockSizeOf(sb);
    this.inodeSize = inodeSizeOf(sb);
    this.groups = groups;
  }

  /** Parses and validates the superblock and GDT of `src`. Throws Ext2Error. */
  static open(src: ByteSource): Ext2Reader {
    check(
      src.size >= SUPERBLOCK_OFFSET + SUPERBLOCK_SIZE,
      Ext2ErrorCode.Truncated,
      () => `image of ${src.size} bytes is too small to hold a superblock`,
    );
    const raw = src.read(SUPERBLOCK_OFFSET, SUPERBLOCK_SIZE).slice();
    const sb = decodeSuperblock(new DataView(raw.buffer));
    validateSuperblock(sb, src.size);
    const groups = readGroupDescs(src, sb);
    return new Ext2Reader(src, sb, groups);
  }

  /** Reads block `n` (a view; copy it to keep it). Throws on n outside the file system. */
  readBlock(n: number): Uint8Array {
    check(
      n >= 0 && n < this.sb.blocksCount,
      Ext2ErrorCode.BadBlockPointer,
      () => `block ${n} outside the file system (${this.sb.blocksCount} blocks)`,
    );
    return this.src.read(n * this.blockSize, this.blockSize);
  }

  /** Reads inode `ino` (1-based). */
  readInode(ino: number): Inode {
    check(
      Number.isInteger(ino) && ino >= 1 && ino <= this.sb.inodesCount,
      Ext2ErrorCode.BadInode,
      () => `inode ${ino} out of range (1..${this.sb.inodesCount})`,
    );
    const { group, offset } = inodeLocation(ino, this.sb.inodesPerGroup, this.inodeSize);
    const start = this.groups[group].inodeTable * this.blockSize + offset;
    const bytes = this.src.read(start, this.inodeSize).slice();
    return decodeInode(new DataView(bytes.buffer), 0, this.inodeSize);
  }

  /** Returns `ptr` if it is 0 (a hole) or a block inside the file system; throws otherwise. */
  private checkPointer(ptr: number, what: string): number {
    check(
      ptr === 0 || (ptr >= this.sb.firstDataBlock && ptr < this.sb.blocksCount),
      Ext2ErrorCode.BadBlockPointer,
      () => `bad block pointer ${ptr} in ${what}`,
    );
    return ptr;
  }

  /** An indirect block as a DataView, from a tiny cache (sequential reads reuse it). */
  private indirect(block: number): DataView {
    let view = this.indirectCache.get(block);
    if (!view) {
      if (this.indirectCache.size >= 8) this.indirectCache.clear();
      const bytes = this.readBlock(block).slice();
      view = new DataView(bytes.buffer);
      this.indirectCache.set(block, view);
    }
    return view;
  }

  /** The physical block of logical block `n` of `inode`, 0 for a hole. */
  bmap(inode: Inode, n: number): number {
    const bp = blockPath(n, this.blockSize);
    let ptr = this.checkPointer(inode.block[bp.slot], `i_block[${bp.slot}]`);
    for (const index of bp.path) {
      if (ptr === 0) return 0;
      ptr = this.checkPointer(
        this.indirect(ptr).getUint32(index * 4, true),
        `indirect block ${ptr}`,
      );
    }
    return ptr;
  }

  /** Reads `length` bytes at byte `offset` of a file's data (holes read as zeros). */
  readData(inode: Inode, offset: number, length: number): Uint8Array {
    const size = inodeFileSize(inode);
    const end = Math.min(size, offset + length);
    const out = new Uint8Array(Math.max(0, end - offset));
    const bs = this.blockSize;
    for (let pos = offset; pos < end;) {
      const n = Math.floor(pos / bs), within = pos % bs;
      const chunk = Math.min(bs - within, end - pos);
      const phys = this.bmap(inode, n);
      if (phys !== 0) out.set(this.readBlock(phys).subarray(within, within + chunk), pos - offset);
      pos += chunk;
    }
    return out;
  }

  /** Reads the whole content of file `ino`. Throws if larger than `maxBytes`. */
  readFile(ino: number, options: ReadFileOptions = {}): Uint8Array {
    const inode = this.readInode(ino);
    const size = inodeFileSize(inode);
    const max = options.maxBytes ?? 256 << 20;
    check(
      size <= max,
      Ext2ErrorCode.BadInode,
      () => `inode ${ino}: size ${size} exceeds the ${max}-byte read limit`,
    );
    return this.readData(inode, 0, size);
  }

  /** Lists the live entries of directory `ino`, in on-disk order. */
  readDir(ino: number): DirEntry[] {
    const inode = this.readInode(ino);
    check(
      (inode.mode & Mode.TypeMask) === Mode.Directory,
      Ext2ErrorCode.NotFound,
      () => `inode ${ino} is not a directory`,
    );
    const size = inodeFileSize(inode);
    check(
      size % this.blockSize === 0 && size <= this.sb.blocksCount * this.blockSize,
      Ext2ErrorCode.BadInode,
      () => `directory inode ${ino}: bad size ${size}`,
    );
    const out: DirEntry[] = [];
    for (let n = 0; n < size / this.blockSize; n++) {
      const phys = this.bmap(inode, n);
      check(phys !== 0, Ext2ErrorCode.BadInode, () => `directory inode ${ino}: hole at block ${n}`);
      out.push(...parseDirBlock(this.readBlock(phys), this.sb.inodesCount));
    }
    return out;
  }

  /** The target of symlink `ino` (fast symlinks live in i_block). */
  readLink(ino: number): string {
    const inode = this.readInode(ino);
    check(
      (inode.mode & Mode.TypeMask) === Mode.Symlink,
      Ext2ErrorCode.NotFound,
      () => `inode ${ino} is not a symbolic link`,
    );
    const size = inodeFileSize(inode);
    check(
      size < this.blockSize,
      Ext2ErrorCode.BadInode,
      () => `symlink inode ${ino}: target length ${size} too long`,
    );
    if (isFastSymlink(inode, this.blockSize)) {
      check(
        size < FAST_SYMLINK_MAX,
        Ext2ErrorCode.BadInode,
        () => `fast symlink inode ${ino}: length ${size} does not fit i_block`,
      );
      const bytes = new Uint8Array(60);
      const view = new DataView(bytes.buffer);
      inode.block.forEach((w, i) => view.setUint32(i * 4, w, true));
      return decoder.decode(bytes.subarray(0, size));
    }
    return decoder.decode(this.readData(inode, 0, size));
  }

  /** Resolves an absolute path (no symlink following) to an inode number. */
  lookup(path: string): number {
    let ino: number = Ino.Root;
    for (const name of path.split("/").filter((s) => s !== "" && s !== ".")) {
      const hit = this.readDir(ino).find((e) => e.name === name);
      if (!hit) throw new Ext2Error(Ext2ErrorCode.NotFound, `${path}: no such file or directory`);
      ino = hit.ino;
    }
    return ino;
  }
}

/** True if a symlink inode keeps its target in i_block (no data block). */
export function isFastSymlink(inode: Inode, blockSize: number): boolean {
  const eaBlocks = inode.fileAcl !== 0 ? blockSize / 512 : 0;
  return inode.blocks - eaBlocks === 0;
}

function readGroupDescs(src: ByteSource, sb: Superblock): GroupDesc[] {
  const bs = blockSizeOf(sb);
  const count = groupCountOf(sb);
  const bytes = src.read(gdtStartBlock(bs) * bs, count * 32).slice();
  const view = new DataView(bytes.buffer);
  const itb = Math.ceil(sb.inodesPerGroup * inodeSizeOf(sb) / bs);
  const inFs = (b: number, n: number) => b >= sb.firstDataBlock && b + n <= sb.blocksCount;
  return Array.from({ length: count }, (_, g) => {
    const gd = decodeGroupDesc(view, g);
    check(
      inFs(gd.blockBitmap, 1) && inFs(gd.inodeBitmap, 1) && inFs(gd.inodeTable, itb),
      Ext2ErrorCode.BadGroupDesc,
      () =>
        `bad group descriptor ${g}: bitmaps ${gd.blockBitmap}/${gd.inodeBitmap} or inode table ${gd.inodeTable} outside the file system`,
    );
    return gd;
  });
}
