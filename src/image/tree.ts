/**
 * The in-memory file tree the image builder turns into an EXT2 image.
 *
 * Nodes: directories, regular files (content held as bytes or as a reference to a
 * host file read at write time), symlinks, char/block devices and fifos, each with
 * permission bits, uid/gid and an mtime (seconds). A regular file node placed at
 * two paths (`link`) is one inode with two links; directories cannot be linked.
 *
 * Paths are absolute guest paths ("/bin/sh"); "." components and repeated slashes
 * are ignored, ".." and names over 255 bytes are refused with Ext2Error
 * (BadParameter). Parents are created on demand (mode 0755, owner 0:0).
 */
import { Ext2Error, Ext2ErrorCode, NAME_MAX } from "../formats/ext2/mod.ts";

/** Where a regular file's bytes come from. */
export type Content =
  /** Bytes held in memory. */
  | { kind: "bytes"; bytes: Uint8Array }
  /** A host file of `size` bytes, read when the image is written. */
  | { kind: "host"; path: string; size: number };

/** Owner, permissions and modification time of a node. */
export interface Meta {
  /** Permission bits incl. setuid/setgid/sticky (0o7777). */
  perm: number;
  /** Owner user id (32-bit). */
  uid: number;
  /** Owner group id (32-bit). */
  gid: number;
  /** Modification time, seconds since the epoch (also used for atime and ctime). */
  mtime: number;
}

/** A directory; entries keep insertion order. */
export interface DirNode {
  /** Discriminant. */
  kind: "dir";
  /** Owner, mode, time. */
  meta: Meta;
  /** Children by name. */
  entries: Map<string, Node>;
}
/** A regular file. */
export interface FileNode {
  /** Discriminant. */
  kind: "file";
  /** Owner, mode, time. */
  meta: Meta;
  /** The file's bytes. */
  content: Content;
}
/** A symbolic link. */
export interface SymlinkNode {
  /** Discriminant. */
  kind: "symlink";
  /** Owner, mode, time. */
  meta: Meta;
  /** The link target, stored verbatim. */
  target: string;
}
/** A character or block special file. */
export interface DeviceNode {
  /** Discriminant: character or block device. */
  kind: "char" | "block";
  /** Owner, mode, time. */
  meta: Meta;
  /** Major device number (0..4095). */
  major: number;
  /** Minor device number (0..1048575). */
  minor: number;
}
/** A named pipe. */
export interface FifoNode {
  /** Discriminant. */
  kind: "fifo";
  /** Owner, mode, time. */
  meta: Meta;
}
/** Any node of the tree. */
export type Node = DirNode | FileNode | SymlinkNode | DeviceNode | FifoNode;

/** Default permission bits by kind. */
const DEFAULT_PERM: Record<Node["kind"], number> = {
  dir: 0o755,
  file: 0o644,
  symlink: 0o777,
  char: 0o600,
  block: 0o600,
  fifo: 0o644,
};

const encoder = new TextEncoder();

/** Splits an absolute guest path into checked names. */
export function splitPath(path: string): string[] {
  if (!path.startsWith("/")) {
    throw new Ext2Error(Ext2ErrorCode.BadParameter, `guest path must be absolute: ${path}`);
  }
  const names = path.split("/").filter((s) => s !== "" && s !== ".");
  for (const name of names) {
    if (name === "..") {
      throw new Ext2Error(Ext2ErrorCode.BadParameter, `'..' not allowed in guest path ${path}`);
    }
    if (encoder.encode(name).length > NAME_MAX) {
      throw new Ext2Error(Ext2ErrorCode.BadParameter, `name too long in guest path ${path}`);
    }
  }
  return names;
}

/** Byte size of a file node's content. */
export function contentSize(content: Content): number {
  return content.kind === "bytes" ? content.bytes.length : content.size;
}

/** A mutable tree rooted at "/". */
export class ImageTree {
  /** The root directory. */
  readonly root: DirNode;
  /** Default mtime for nodes created without one. */
  readonly now: number;

  /** An empty tree whose new nodes get mtime `now` (seconds; default: the current time). */
  constructor(now = Math.floor(Date.now() / 1000)) {
    this.now = now;
    this.root = { kind: "dir", meta: this.meta("dir"), entries: new Map() };
  }

  /** Default metadata for a new node of `kind`, overridden by `over`. */
  meta(kind: Node["kind"], over: Partial<Meta> = {}): Meta {
    return { perm: DEFAULT_PERM[kind], uid: 0, gid: 0, mtime: this.now, ...over };
  }

  /** The node at `path`, or undefined. */
  get(path: string): Node | undefined {
    let node: Node = this.root;
    for (const name of splitPath(path)) {
      if (node.kind !== "dir") return undefined;
      const next: Node | undefined = node.entries.get(name);
      if (!next) return undefined;
      node = next;
    }
    return node;
  }

  /** Creates directory `path` and missing parents (mkdir -p); returns it. */
  mkdir(path: string, meta: Partial<Meta> = {}): DirNode {
    let dir = this.root;
    const names = splitPath(path);
    if (names.length === 0) Object.assign(this.root.meta, meta);
    names.forEach((name, i) => {
      const last = i === names.length - 1;
      const found = dir.entries.get(name);
      if (found && found.kind !== "dir") {
        throw new Ext2Error(Ext2ErrorCode.BadParameter, `${path}: '${name}' is not a directory`);
      }
      if (found) {
        if (last) Object.assign(found.meta, meta);
        dir = found;
        return;
      }
      const made: DirNode = {
        kind: "dir",
        meta: this.meta("dir", last ? meta : {}),
        entries: new Map(),
      };
      dir.entries.set(name, made);
      dir = made;
    });
    return dir;
  }

  /** Places `node` at `path`, creating parents and replacing a non-directory. */
  put<N extends Node>(path: string, node: N): N {
    const names = splitPath(path);
    const name = names.pop();
    if (name === undefined) throw new Ext2Error(Ext2ErrorCode.BadParameter, `cannot replace /`);
    const parent = this.mkdir("/" + names.join("/"));
    const old = parent.entries.get(name);
    if (old?.kind === "dir" && node.kind !== "dir") {
      throw new Ext2Error(Ext2ErrorCode.BadParameter, `${path}: is a directory`);
    }
    parent.entries.set(name, node);
    return node;
  }

  /** Adds a regular file. */
  addFile(path: string, content: Content, meta: Partial<Meta> = {}): FileNode {
    return this.put(path, { kind: "file", meta: this.meta("file", meta), content });
  }

  /** Adds a symbolic link to `target`. */
  symlink(target: string, path: string, meta: Partial<Meta> = {}): SymlinkNode {
    if (target.length === 0) {
      throw new Ext2Error(Ext2ErrorCode.BadParameter, `empty symlink target for ${path}`);
    }
    return this.put(path, { kind: "symlink", meta: this.meta("symlink", meta), target });
  }

  /** Adds a character or block device node. */
  mknod(
    path: string,
    kind: "char" | "block",
    dev: { major: number; minor: number },
    meta: Partial<Meta> = {},
  ): DeviceNode {
    const ok = (n: number, max: number) => Number.isInteger(n) && n >= 0 && n <= max;
    if (!ok(dev.major, 0xfff) || !ok(dev.minor, 0xfffff)) {
      throw new Ext2Error(Ext2ErrorCode.BadParameter, `${path}: device number out of range`);
    }
    return this.put(path, { kind, meta: this.meta(kind, meta), ...dev });
  }

  /** Adds a fifo. */
  mkfifo(path: string, meta: Partial<Meta> = {}): FifoNode {
    return this.put(path, { kind: "fifo", meta: this.meta("fifo", meta) });
  }

  /** Makes `newPath` a hard link to the existing non-directory at `existing`. */
  link(existing: string, newPath: string): void {
    const node = this.get(existing);
    if (!node) throw new Ext2Error(Ext2ErrorCode.NotFound, `${existing}: no such file`);
    if (node.kind === "dir") {
      throw new Ext2Error(Ext2ErrorCode.BadParameter, `${existing}: cannot hard-link a directory`);
    }
    this.put(newPath, node);
  }

  /** The node at `path`; throws Ext2Error(NotFound) if there is none. */
  private need(path: string): Node {
    const node = this.get(path);
    if (!node) throw new Ext2Error(Ext2ErrorCode.NotFound, `${path}: no such file or directory`);
    return node;
  }

  /** Sets permission bits (0o7777) of `path`. */
  chmod(path: string, perm: number): void {
    this.need(path).meta.perm = perm & 0o7777;
  }

  /** Sets the owner of `path`. */
  chown(path: string, uid: number, gid: number): void {
    const meta = this.need(path).meta;
    meta.uid = uid;
    meta.gid = gid;
  }
}
