/**
 * One mounted EXT2 file system: superblock, group descriptors, the buffer cache, the
 * table of live inode objects and raw inode I/O. Allocation lives in alloc.ts, the
 * block map in bmap.ts, directories in dir.ts, the VFS inode in inode.ts.
 *
 * Contract:
 * - Every Inode operation runs through `run()`: it starts a buffer-cache operation and
 *   turns `Corrupt` (bad on-disk metadata found deep inside) into -EUCLEAN and device
 *   errors into -EIO. Nothing throws out of the driver.
 * - The superblock and group descriptors are kept decoded in memory; `sync()` encodes
 *   the GDT into its cached blocks, writes every dirty block in block order, then the
 *   primary superblock, then flushes. Backup superblocks and GDT copies are left as
 *   mke2fs wrote them, as Linux's ext2 does.
 * - Free block/inode counts in the descriptors and the superblock always equal the
 *   bitmaps (`checkFreeCounts()` verifies it).
 * - Inode objects are interned per inode number for the life of the mount.
 */
import { Errno } from "../../../abi/errno.ts";
import {
  decodeGroupDesc,
  decodeInode,
  emptyInode,
  encodeGroupDesc,
  encodeInode,
  encodeSuperblock,
  Ext2Error,
  FeatureCompat,
  FeatureRoCompat,
  FsState,
  gdtBlockCount,
  type GroupDesc,
  groupHasSuper,
  type Inode as DiskInode,
  inodeSizeOf,
  type Superblock,
} from "../../../formats/ext2/mod.ts";
import type { Frames } from "../../mm/frames.ts";
import { BufferCache } from "../bcache.ts";
import type { BlockDevice, FileSystem, StatFs } from "../filesystem.ts";
import type { Inode } from "../inode.ts";

/** Bad on-disk metadata: thrown inside the driver, caught by `run()` as -EUCLEAN. */
export class Corrupt extends Error {}

/** Device failure: thrown inside the driver, caught by `run()` as -EIO. */
export class IoError extends Error {}

/** The Ext2Inode interface the core needs (inode.ts implements it). */
export interface Ext2Node extends Inode {
  d: DiskInode;
}

export const EXT2_SUPER_MAGIC = 0xef53;
const ST_RDONLY = 1;

export interface Ext2Options {
  readOnly: boolean;
  devNo: number;
  log?: (line: string) => void;
}

export class Ext2Fs implements FileSystem {
  readonly type = "ext2";
  readonly dev: number;
  readonly readOnly: boolean;
  readonly device: BlockDevice;
  readonly bc: BufferCache;
  readonly sb: Superblock;
  /** The raw 1024-byte primary superblock (fields we do not know are preserved). */
  readonly sbRaw: Uint8Array;
  readonly gds: GroupDesc[];
  readonly bs: number;
  readonly isz: number;
  readonly groupCount: number;
  readonly itbBlocks: number;
  readonly gdtBlocks: number;
  readonly reservedGdt: number;
  readonly sparse: boolean;
  readonly log: (line: string) => void;
  /** Live inode objects by number. */
  readonly inodes = new Map<number, Ext2Node>();
  /** Makes an inode object from its decoded disk inode (set by inode.ts). */
  makeNode!: (fs: Ext2Fs, ino: number, d: DiskInode) => Ext2Node;
  rootNode!: Ext2Node;
  gdtDirty = false;
  sbDirty = false;
  private mounted = true;

  constructor(dev: BlockDevice, fr: Frames, sbRaw: Uint8Array, sb: Superblock, opts: Ext2Options) {
    this.device = dev;
    this.dev = opts.devNo;
    this.readOnly = opts.readOnly;
    this.log = opts.log ?? (() => {});
    this.sb = sb;
    this.sbRaw = sbRaw;
    this.bs = 1024 << sb.logBlockSize;
    this.isz = inodeSizeOf(sb);
    this.groupCount = Math.ceil((sb.blocksCount - sb.firstDataBlock) / sb.blocksPerGroup);
    this.itbBlocks = Math.ceil(sb.inodesPerGroup * this.isz / this.bs);
    this.gdtBlocks = gdtBlockCount(this.groupCount, this.bs);
    this.reservedGdt = sb.featureCompat & FeatureCompat.ResizeInode ? sb.reservedGdtBlocks : 0;
    this.sparse = (sb.featureRoCompat & FeatureRoCompat.SparseSuper) !== 0;
    this.bc = new BufferCache(dev, fr, this.bs);
    this.gds = [];
  }

  get root(): Inode {
    return this.rootNode;
  }

  /** Runs one operation: a buffer-cache epoch, corruption and I/O errors as -errno. */
  run<T>(op: () => T): T | number {
    this.bc.begin();
    try {
      return op();
    } catch (e) {
      if (e instanceof IoError) return -Errno.EIO;
      if (e instanceof Corrupt || e instanceof Ext2Error) {
        this.log(`ext2: corrupt file system: ${e.message}`);
        return -Errno.EUCLEAN;
      }
      this.log(`ext2: internal error: ${e instanceof Error ? e.message : String(e)}`);
      return -Errno.EIO;
    }
  }

  /** A cached block; throws IoError when the device fails. */
  block(b: number): Uint8Array {
    const v = this.bc.get(b);
    if (typeof v === "number") throw new IoError(`cannot read block ${b}`);
    return v;
  }

  /** Throws Corrupt unless `b` may hold file data or an indirect block. */
  checkDataBlock(b: number, what: string): void {
    if (b < this.sb.firstDataBlock || b >= this.sb.blocksCount || this.isMetaBlock(b)) {
      throw new Corrupt(`${what}: block ${b} is out of range or file system metadata`);
    }
  }

  /** Is `b` a superblock, GDT, reserved GDT, bitmap or inode-table block? */
  isMetaBlock(b: number): boolean {
    const rel = b - this.sb.firstDataBlock;
    if (rel < 0) return true;
    const g = Math.floor(rel / this.sb.blocksPerGroup);
    const start = this.sb.firstDataBlock + g * this.sb.blocksPerGroup;
    if (groupHasSuper(g, this.sparse) && b < start + 1 + this.gdtBlocks + this.reservedGdt) {
      return true;
    }
    const gd = this.gds[g];
    if (!gd) return true;
    return b === gd.blockBitmap || b === gd.inodeBitmap ||
      (b >= gd.inodeTable && b < gd.inodeTable + this.itbBlocks);
  }

  /** Blocks in group `g` (the last one may be short). */
  groupBlocks(g: number): number {
    const start = this.sb.firstDataBlock + g * this.sb.blocksPerGroup;
    return Math.min(this.sb.blocksPerGroup, this.sb.blocksCount - start);
  }

  /** The cached bytes of inode `ino`: [block view, offset]. */
  private inodeSlot(ino: number): [Uint8Array, number] {
    if (ino < 1 || ino > this.sb.inodesCount) throw new Corrupt(`inode ${ino} out of range`);
    const g = Math.floor((ino - 1) / this.sb.inodesPerGroup);
    const off = ((ino - 1) % this.sb.inodesPerGroup) * this.isz;
    const view = this.block(this.gds[g].inodeTable + Math.floor(off / this.bs));
    return [view, off % this.bs];
  }

  readDiskInode(ino: number): DiskInode {
    const [view, off] = this.inodeSlot(ino);
    return decodeInode(new DataView(view.buffer, view.byteOffset + off, this.isz), 0, this.isz);
  }

  writeDiskInode(ino: number, d: DiskInode, fresh = false): void {
    const [view, off] = this.inodeSlot(ino);
    if (fresh) view.fill(0, off, off + this.isz);
    encodeInode(d, new DataView(view.buffer, view.byteOffset + off, this.isz), 0, this.isz);
    this.bc.markDirty(this.inodeBlockNo(ino));
  }

  private inodeBlockNo(ino: number): number {
    const g = Math.floor((ino - 1) / this.sb.inodesPerGroup);
    const off = ((ino - 1) % this.sb.inodesPerGroup) * this.isz;
    return this.gds[g].inodeTable + Math.floor(off / this.bs);
  }

  /** The live object of inode `ino` (read from disk on first use); throws Corrupt. */
  iget(ino: number): Ext2Node {
    const live = this.inodes.get(ino);
    if (live) return live;
    if (ino !== 2 && ino < this.firstIno) throw new Corrupt(`reserved inode ${ino} in a directory`);
    const d = this.readDiskInode(ino);
    if (d.linksCount === 0 || d.mode === 0) throw new Corrupt(`deleted inode ${ino} referenced`);
    const node = this.makeNode(this, ino, d);
    this.inodes.set(ino, node);
    return node;
  }

  get firstIno(): number {
    return this.sb.revLevel === 0 ? 11 : this.sb.firstIno;
  }

  /** A zeroed disk inode with the extra-size field mke2fs uses. */
  newDiskInode(): DiskInode {
    const d = emptyInode();
    if (this.isz > 128) d.extraIsize = 32;
    return d;
  }

  sync(): number {
    if (this.readOnly) return 0;
    const r = this.run(() => this.writeAll());
    return typeof r === "number" ? r : 0;
  }

  private writeAll(): number {
    if (this.gdtDirty) this.encodeGdt();
    let r = this.bc.writeBack();
    this.sb.wtime = Math.floor(Date.now() / 1000);
    encodeSuperblock(this.sb, new DataView(this.sbRaw.buffer, this.sbRaw.byteOffset, 1024));
    if (this.device.write(1024, this.sbRaw) < 0) r = -Errno.EIO;
    else this.sbDirty = false;
    const f = this.device.flush();
    return r < 0 ? r : f;
  }

  private encodeGdt(): void {
    const first = this.sb.firstDataBlock + 1;
    const per = this.bs / 32;
    for (let i = 0; i < this.gdtBlocks; i++) {
      const view = this.block(first + i);
      const dv = new DataView(view.buffer, view.byteOffset, this.bs);
      for (let j = 0; j < per && i * per + j < this.groupCount; j++) {
        encodeGroupDesc(this.gds[i * per + j], dv, j);
      }
      this.bc.markDirty(first + i);
    }
    this.gdtDirty = false;
  }

  statfs(): StatFs {
    const sb = this.sb;
    const overhead = this.overheadBlocks();
    return {
      type: EXT2_SUPER_MAGIC,
      bsize: this.bs,
      blocks: sb.blocksCount - overhead,
      bfree: sb.freeBlocksCount,
      bavail: Math.max(0, sb.freeBlocksCount - sb.rBlocksCount),
      files: sb.inodesCount,
      ffree: sb.freeInodesCount,
      namelen: 255,
      frsize: this.bs,
      flags: this.readOnly ? ST_RDONLY : 0,
    };
  }

  /** Blocks of group metadata (what Linux subtracts from f_blocks). */
  private overheadBlocks(): number {
    let n = this.sb.firstDataBlock;
    for (let g = 0; g < this.groupCount; g++) {
      if (groupHasSuper(g, this.sparse)) n += 1 + this.gdtBlocks + this.reservedGdt;
      n += 2 + this.itbBlocks;
    }
    return n;
  }

  unmount(): number {
    if (!this.mounted) return -Errno.EINVAL;
    for (const node of this.inodes.values()) if (node.openCount > 0) return -Errno.EBUSY;
    if (!this.readOnly) {
      this.sb.state |= FsState.Clean;
      this.sbDirty = true;
      const r = this.sync();
      if (r < 0) return r;
    }
    this.mounted = false;
    this.bc.drop();
    this.inodes.clear();
    this.device.close();
    return 0;
  }

  shrink(): number {
    return this.bc.shrink();
  }

  /** Loads and checks every group descriptor; a message on failure. */
  loadGroups(): string | null {
    const per = this.bs / 32;
    for (let i = 0; i < this.gdtBlocks; i++) {
      const view = this.bc.get(this.sb.firstDataBlock + 1 + i);
      if (typeof view === "number") return "cannot read the group descriptors";
      const dv = new DataView(view.buffer, view.byteOffset, this.bs);
      for (let j = 0; j < per && i * per + j < this.groupCount; j++) {
        this.gds.push(decodeGroupDesc(dv, j));
      }
    }
    for (let g = 0; g < this.groupCount; g++) {
      const bad = this.checkGroup(g);
      if (bad) return `group ${g}: ${bad}`;
    }
    return null;
  }

  private checkGroup(g: number): string | null {
    const gd = this.gds[g];
    const start = this.sb.firstDataBlock + g * this.sb.blocksPerGroup;
    const end = start + this.groupBlocks(g);
    const inside = (b: number) => b >= start && b < end;
    if (!inside(gd.blockBitmap)) return `block bitmap ${gd.blockBitmap} outside the group`;
    if (!inside(gd.inodeBitmap)) return `inode bitmap ${gd.inodeBitmap} outside the group`;
    if (!inside(gd.inodeTable) || gd.inodeTable + this.itbBlocks > end) {
      return `inode table ${gd.inodeTable} outside the group`;
    }
    if (gd.freeBlocksCount > this.groupBlocks(g)) return "free block count too large";
    if (gd.freeInodesCount > this.sb.inodesPerGroup) return "free inode count too large";
    return null;
  }
}
