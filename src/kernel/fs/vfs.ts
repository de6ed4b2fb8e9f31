/**
 * The VFS core: the name cache, the mount table and path resolution.
 *
 * A `Dentry` is a resolved location: an inode plus the parent location and name it was
 * reached by, so ".." and getcwd follow the path actually walked (also across mount
 * points). Each dentry caches its looked-up children (positive entries only); the
 * syscall layer calls `forget` on every directory change, and file systems whose
 * contents can change behind the kernel's back (hostfs) opt out with `cacheable`.
 *
 * Resolution (`resolve`) walks component by component: each directory must grant
 * search (x) permission, mount points are crossed downwards on lookup and upwards on
 * "..", symbolic links are followed (relative to their directory; absolute ones from
 * the root) up to 40 times in total, then -ELOOP. Errors are negative errnos:
 * ENOENT, ENOTDIR, EACCES, ELOOP, ENAMETOOLONG.
 */
import { Errno } from "../../abi/errno.ts";
import type { Inode } from "./inode.ts";
import { Access, type Cred, permits } from "./perm.ts";

const MAX_SYMLINKS = 40;
const PATH_MAX = 4096;

export class Dentry {
  readonly inode: Inode;
  readonly parent: Dentry | null;
  readonly name: string;
  readonly children = new Map<string, Dentry>();

  constructor(inode: Inode, parent: Dentry | null, name: string) {
    this.inode = inode;
    this.parent = parent;
    this.name = name;
  }

  /** Absolute path of this location ("/" for the root). */
  get path(): string {
    const parts: string[] = [];
    if (this.parent) parts.push(this.name);
    for (let d = this.parent; d?.parent; d = d.parent) parts.push(d.name);
    return "/" + parts.reverse().join("/");
  }
}

/** How to treat a final symbolic link. */
export const enum Follow {
  Yes = 1,
  No = 2,
}

/** The mount table and the root of the name space. */
export class Vfs {
  /** The root of the name space (replaced when something is mounted on "/"). */
  root: Dentry;
  /** Mount point inode -> root inode of the file system mounted there. */
  private readonly mounts = new Map<Inode, Inode>();

  constructor(rootInode: Inode) {
    this.root = new Dentry(rootInode, null, "");
  }

  /** Mounts `fsRoot` on the directory at absolute `path`; 0 or -errno. */
  mount(path: string, fsRoot: Inode): number {
    const d = this.resolve(this.root, path, ROOT_CRED);
    if (typeof d === "number") return d;
    if (!d.inode.isDir) return -Errno.ENOTDIR;
    if (d === this.root) {
      this.root = new Dentry(fsRoot, null, "");
      return 0;
    }
    this.mounts.set(d.inode, fsRoot);
    d.parent?.children.delete(d.name);
    return 0;
  }

  /** Drops the cached child `name` of `dir` (after unlink, rename, rmdir, create). */
  forget(dir: Dentry, name: string): void {
    dir.children.delete(name);
  }

  /** Resolves `path` from `cwd`; see the module contract. */
  resolve(cwd: Dentry, path: string, cred: Cred, follow = Follow.Yes): Dentry | number {
    if (path.length === 0) return -Errno.ENOENT;
    if (path.length >= PATH_MAX) return -Errno.ENAMETOOLONG;
    const budget = { links: MAX_SYMLINKS };
    return this.walk(path.startsWith("/") ? this.root : cwd, path, cred, follow, budget);
  }

  /**
   * Resolves all but the last component: the parent directory and the final name
   * ("" when the path names the root or ends in "." / "..": the caller decides).
   */
  resolveParent(cwd: Dentry, path: string, cred: Cred): { dir: Dentry; name: string } | number {
    if (path.length === 0) return -Errno.ENOENT;
    if (path.length >= PATH_MAX) return -Errno.ENAMETOOLONG;
    const trimmed = path.replace(/\/+$/, "");
    const cut = trimmed.lastIndexOf("/");
    const name = trimmed.slice(cut + 1);
    const dirPath = cut < 0 ? "." : trimmed.slice(0, cut) || "/";
    const dir = this.resolve(cut < 0 ? cwd : path.startsWith("/") ? this.root : cwd, dirPath, cred);
    if (typeof dir === "number") return dir;
    if (!dir.inode.isDir) return -Errno.ENOTDIR;
    if (name === "." || name === "..") return { dir, name: "" };
    if (name.length > 255) return -Errno.ENAMETOOLONG;
    return { dir, name };
  }

  private walk(
    start: Dentry,
    path: string,
    cred: Cred,
    follow: Follow,
    budget: { links: number },
  ): Dentry | number {
    const parts = path.split("/").filter((p) => p !== "" && p !== ".");
    const mustBeDir = path.endsWith("/") || path.endsWith("/.");
    let d = start;
    for (let i = 0; i < parts.length; i++) {
      if (!d.inode.isDir) return -Errno.ENOTDIR;
      if (!permits(d.inode, cred, Access.X)) return -Errno.EACCES;
      const name = parts[i];
      if (name === "..") {
        d = d.parent ?? d;
        continue;
      }
      if (name.length > 255) return -Errno.ENAMETOOLONG;
      const next = this.child(d, name);
      if (typeof next === "number") return next;
      const last = i === parts.length - 1;
      if (next.inode.isSymlink && (!last || follow === Follow.Yes || mustBeDir)) {
        if (--budget.links < 0) return -Errno.ELOOP;
        const target = next.inode.readlink();
        if (typeof target === "number") return target;
        const t = this.walk(
          target.startsWith("/") ? this.root : d,
          target,
          cred,
          Follow.Yes,
          budget,
        );
        if (typeof t === "number") return t;
        d = t;
        continue;
      }
      d = next;
    }
    if (mustBeDir && !d.inode.isDir) return -Errno.ENOTDIR;
    return d;
  }

  /** Looks `name` up in `d` through the cache, crossing mount points. */
  private child(d: Dentry, name: string): Dentry | number {
    const hit = d.children.get(name);
    if (hit) return hit;
    const i = d.inode.lookup(name);
    if (typeof i === "number") return i;
    let top = i;
    for (let m = this.mounts.get(top); m; m = this.mounts.get(top)) top = m;
    const child = new Dentry(top, d, name);
    if (cacheable(d.inode) && cacheable(i)) d.children.set(name, child);
    return child;
  }
}

/** Identity used by the kernel itself (mounting at boot). */
export const ROOT_CRED: Cred = { uid: 0, gid: 0, groups: [] };

function cacheable(i: Inode): boolean {
  return !("uncached" in i);
}
