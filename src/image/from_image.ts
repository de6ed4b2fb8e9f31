/**
 * Reads an EXT2 image back into an ImageTree (file contents as bytes): the inverse
 * of the builder, used by tests to compare trees and by `denix image` tools.
 * Hard links come back as one node at several paths; lost+found is kept.
 *
 * Failure contract: everything the reader throws (Ext2Error), plus
 * Ext2Error(BadInode) for a directory reachable twice (a cycle or a directory
 * hard link) and for inodes with an unknown file type.
 */
import {
  Ext2Error,
  Ext2ErrorCode,
  type Ext2Reader,
  Ino,
  type Inode,
  inodeDevice,
  inodeGid,
  inodeUid,
  Mode,
} from "../formats/ext2/mod.ts";
import { type DirNode, ImageTree, type Meta, type Node } from "./tree.ts";

/** Options of `readImageTree`. */
export interface ReadTreeOptions {
  /** Per-file size limit passed to the reader (default 256 MiB). */
  maxFileBytes?: number;
}

function metaOf(inode: Inode): Meta {
  return {
    perm: inode.mode & Mode.PermMask,
    uid: inodeUid(inode),
    gid: inodeGid(inode),
    mtime: inode.mtime,
  };
}

function nodeOf(fs: Ext2Reader, ino: number, inode: Inode, options: ReadTreeOptions): Node {
  const meta = metaOf(inode);
  switch (inode.mode & Mode.TypeMask) {
    case Mode.Regular: {
      const maxBytes = options.maxFileBytes ?? 256 << 20;
      return {
        kind: "file",
        meta,
        content: { kind: "bytes", bytes: fs.readFile(ino, { maxBytes }) },
      };
    }
    case Mode.Symlink:
      return { kind: "symlink", meta, target: fs.readLink(ino) };
    case Mode.CharDev:
      return { kind: "char", meta, ...inodeDevice(inode) };
    case Mode.BlockDev:
      return { kind: "block", meta, ...inodeDevice(inode) };
    case Mode.Fifo:
      return { kind: "fifo", meta };
    default:
      throw new Ext2Error(
        Ext2ErrorCode.BadInode,
        `inode ${ino}: unsupported mode 0${inode.mode.toString(8)}`,
      );
  }
}

/** Reads the whole file system of `fs` into a new ImageTree. */
export function readImageTree(fs: Ext2Reader, options: ReadTreeOptions = {}): ImageTree {
  const tree = new ImageTree(0);
  const seenDirs = new Set<number>([Ino.Root]);
  const files = new Map<number, Node>();
  const walk = (dirIno: number, dir: DirNode) => {
    for (const e of fs.readDir(dirIno)) {
      if (e.name === "." || e.name === "..") continue;
      const inode = fs.readInode(e.ino);
      if ((inode.mode & Mode.TypeMask) === Mode.Directory) {
        if (seenDirs.has(e.ino)) {
          throw new Ext2Error(
            Ext2ErrorCode.BadInode,
            `directory inode ${e.ino} is reachable twice`,
          );
        }
        seenDirs.add(e.ino);
        const sub: DirNode = { kind: "dir", meta: metaOf(inode), entries: new Map() };
        dir.entries.set(e.name, sub);
        walk(e.ino, sub);
        continue;
      }
      let node = files.get(e.ino);
      if (!node) files.set(e.ino, node = nodeOf(fs, e.ino, inode, options));
      dir.entries.set(e.name, node);
    }
  };
  Object.assign(tree.root.meta, metaOf(fs.readInode(Ino.Root)));
  walk(Ino.Root, tree.root);
  return tree;
}
