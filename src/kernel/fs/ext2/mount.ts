/**
 * Mounting an EXT2 file system: read and validate the superblock and the group
 * descriptors, check features, load the root, mark the file system in use.
 *
 * Contract (`mountExt2`): the FileSystem, or
 * - -EINVAL: not ext2, a bad superblock, or an unknown incompat feature (logged);
 * - -EROFS: read-write refused (unknown ro_compat feature, logged; or a read-only
 *   device);
 * - -EUCLEAN: corrupt group descriptors or root inode;
 * - -EIO: the device cannot be read.
 * A read-write mount clears the "clean" state bit and counts the mount, as Linux does;
 * `unmount()` sets the bit again.
 */
import { Errno } from "../../../abi/errno.ts";
import {
  decodeSuperblock,
  encodeSuperblock,
  Ext2Error,
  FeatureIncompat,
  FeatureRoCompat,
  FsState,
  SUPPORTED_INCOMPAT,
  SUPPORTED_RO_COMPAT,
  validateSuperblock,
} from "../../../formats/ext2/mod.ts";
import type { Frames } from "../../mm/frames.ts";
import type { BlockDevice, FileSystem } from "../filesystem.ts";
import { Ext2Fs, type Ext2Options } from "./fs.ts";
import { Ext2Inode } from "./inode.ts";

const INCOMPAT_NAMES: Record<number, string> = {
  [FeatureIncompat.Compression]: "compression",
  [FeatureIncompat.Recover]: "needs_recovery",
  [FeatureIncompat.JournalDev]: "journal_dev",
  [FeatureIncompat.MetaBg]: "meta_bg",
  [FeatureIncompat.Extents]: "extent",
  [FeatureIncompat.Bit64]: "64bit",
  [FeatureIncompat.FlexBg]: "flex_bg",
};

const RO_COMPAT_NAMES: Record<number, string> = {
  [FeatureRoCompat.BtreeDir]: "btree_dir",
  [FeatureRoCompat.HugeFile]: "huge_file",
  [FeatureRoCompat.GdtCsum]: "uninit_bg",
  [FeatureRoCompat.DirNlink]: "dir_nlink",
  [FeatureRoCompat.ExtraIsize]: "extra_isize",
};

function featureNames(bits: number, names: Record<number, string>): string {
  const out: string[] = [];
  for (let bit = 1; bit !== 0 && bit <= bits; bit = (bit << 1) >>> 0) {
    if (bits & bit) out.push(names[bit] ?? `0x${bit.toString(16)}`);
  }
  return out.join(", ");
}

/** Mounts the EXT2 file system on `dev`; see the module contract. */
export function mountExt2(dev: BlockDevice, fr: Frames, opts: Ext2Options): FileSystem | number {
  const log = opts.log ?? (() => {});
  if (!opts.readOnly && dev.readOnly) return -Errno.EROFS;
  const raw = new Uint8Array(1024);
  if (dev.size < 2048 || dev.read(1024, raw) < 0) {
    return dev.size < 2048 ? -Errno.EINVAL : -Errno.EIO;
  }
  const sb = decodeSuperblock(new DataView(raw.buffer));
  const incompat = sb.featureIncompat & ~SUPPORTED_INCOMPAT;
  if (sb.magic === 0xef53 && incompat !== 0) {
    log(
      `ext2: couldn't mount because of unsupported optional features (${
        featureNames(incompat, INCOMPAT_NAMES)
      })`,
    );
    return -Errno.EINVAL;
  }
  try {
    validateSuperblock(sb, dev.size);
  } catch (e) {
    if (!(e instanceof Ext2Error)) throw e;
    log(`ext2: ${e.message}`);
    return -Errno.EINVAL;
  }
  const roCompat = sb.featureRoCompat & ~SUPPORTED_RO_COMPAT;
  if (roCompat !== 0 && !opts.readOnly) {
    log(
      `ext2: couldn't mount RDWR because of unsupported optional features (${
        featureNames(roCompat, RO_COMPAT_NAMES)
      })`,
    );
    return -Errno.EROFS;
  }
  const fs = new Ext2Fs(dev, fr, raw, sb, opts);
  fs.makeNode = (f, ino, d) => new Ext2Inode(f, ino, d);
  const bad = fs.loadGroups();
  if (bad) {
    log(`ext2: corrupt group descriptors: ${bad}`);
    fs.bc.drop();
    return bad.startsWith("cannot read") ? -Errno.EIO : -Errno.EUCLEAN;
  }
  recount(fs);
  const root = fs.run(() => fs.iget(2));
  if (typeof root === "number" || !root.isDir) {
    log("ext2: the root inode is not a directory");
    fs.bc.drop();
    return typeof root === "number" ? root : -Errno.EUCLEAN;
  }
  fs.rootNode = root;
  if (!opts.readOnly) return markMounted(fs, raw, log);
  return fs;
}

/** The superblock's free counts are the sums of the groups' (as Linux computes them). */
function recount(fs: Ext2Fs): void {
  let blocks = 0, inodes = 0;
  for (const gd of fs.gds) {
    blocks += gd.freeBlocksCount;
    inodes += gd.freeInodesCount;
  }
  if (fs.sb.freeBlocksCount !== blocks || fs.sb.freeInodesCount !== inodes) fs.sbDirty = true;
  fs.sb.freeBlocksCount = blocks;
  fs.sb.freeInodesCount = inodes;
}

function markMounted(
  fs: Ext2Fs,
  raw: Uint8Array,
  log: (line: string) => void,
): FileSystem | number {
  const sb = fs.sb;
  if (!(sb.state & FsState.Clean)) {
    log("ext2: warning: mounting unchecked fs, running e2fsck is recommended");
  }
  if (sb.state & FsState.Errors) {
    log("ext2: warning: mounting fs with errors, running e2fsck is recommended");
  }
  sb.state &= ~FsState.Clean;
  sb.mntCount = (sb.mntCount + 1) & 0xffff;
  sb.mtime = sb.wtime = Math.floor(Date.now() / 1000);
  encodeSuperblock(sb, new DataView(raw.buffer));
  if (fs.device.write(1024, raw) < 0 || fs.device.flush() < 0) {
    fs.bc.drop();
    return -Errno.EIO;
  }
  return fs;
}
