/**
 * File-system system calls on paths: open/openat/creat, the stat family, getdents64,
 * mkdir, rmdir, unlink, rename, link, symlink, readlink, chdir/fchdir/getcwd, chmod,
 * chown, access, truncate, umask and utimensat — mostly argument checking around the
 * VFS (path resolution, permission checks against the effective ids, name-cache
 * invalidation on every directory change).
 */
import { Errno } from "../../abi/errno.ts";
import { DIRENT64, STAT64 } from "../../abi/layouts.ts";
import type { Kernel } from "../kernel.ts";
import { credOf, type Process } from "../proc/process.ts";
import { INODE_OPS, OFlag, OpenFile } from "../fs/file.ts";
import type { Inode } from "../fs/inode.ts";
import { Access, permits } from "../fs/perm.ts";
import { type Dentry, Follow } from "../fs/vfs.ts";
import { type Handler, put64, readStruct, struct } from "./handler.ts";

const AT_FDCWD = -100;
const AT_SYMLINK_NOFOLLOW = 0x100;
const AT_REMOVEDIR = 0x200;
const AT_EACCESS = 0x200;
const AT_SYMLINK_FOLLOW = 0x400;
const AT_EMPTY_PATH = 0x1000;
const encoder = new TextEncoder();

/** The directory relative paths start from: cwd or the directory open at `dirfd`. */
function base(p: Process, dirfd: number, path: string): Dentry | number {
  if (path.startsWith("/") || dirfd === AT_FDCWD) return p.cwd;
  const f = p.fds.get(dirfd);
  if (!f || !f.dentry) return -Errno.EBADF;
  return f.inode.isDir ? f.dentry : -Errno.ENOTDIR;
}

function pathArg(p: Process, va: number): string | number {
  return p.um.copyInString(va, 4096);
}

/** Resolves (dirfd, path) to a dentry. */
function lookup(k: Kernel, p: Process, dirfd: number, va: number, follow: Follow): Dentry | number {
  const path = pathArg(p, va);
  if (typeof path === "number") return path;
  const b = base(p, dirfd, path);
  if (typeof b === "number") return b;
  return k.vfs.resolve(b, path, credOf(p), follow);
}

/** Resolves the parent of (dirfd, path) and checks write+search permission on it. */
function parentFor(
  k: Kernel,
  p: Process,
  dirfd: number,
  va: number,
): { dir: Dentry; name: string } | number {
  const path = pathArg(p, va);
  if (typeof path === "number") return path;
  const b = base(p, dirfd, path);
  if (typeof b === "number") return b;
  const r = k.vfs.resolveParent(b, path, credOf(p));
  if (typeof r === "number") return r;
  if (!permits(r.dir.inode, credOf(p), Access.W | Access.X)) return -Errno.EACCES;
  if (r.dir.inode.readOnly) return -Errno.EROFS;
  return r;
}

function openFile(k: Kernel, p: Process, dirfd: number, va: number, flags: number, mode: number) {
  const path = pathArg(p, va);
  if (typeof path === "number") return path;
  const b = base(p, dirfd, path);
  if (typeof b === "number") return b;
  const cred = credOf(p);
  const nofollow = (flags & OFlag.NOFOLLOW) || (flags & (OFlag.CREAT | OFlag.EXCL)) ===
      (OFlag.CREAT | OFlag.EXCL);
  let d = k.vfs.resolve(b, path, cred, nofollow ? Follow.No : Follow.Yes);
  if (d === -Errno.ENOENT && (flags & OFlag.CREAT)) {
    const par = k.vfs.resolveParent(b, path, cred);
    if (typeof par === "number") return par;
    if (par.name === "" || path.endsWith("/")) return -Errno.EISDIR;
    if (!permits(par.dir.inode, cred, Access.W | Access.X)) return -Errno.EACCES;
    if (par.dir.inode.readOnly) return -Errno.EROFS;
    const i = par.dir.inode.create(par.name, mode & ~p.umask & 0o7777, {
      uid: p.euid,
      gid: p.egid,
    });
    if (typeof i === "number") return i;
    k.vfs.forget(par.dir, par.name);
    d = k.vfs.resolve(par.dir, par.name, cred, Follow.No);
    if (typeof d === "number") return d;
    return install(p, d, flags, true);
  }
  if (typeof d === "number") return d;
  if ((flags & OFlag.CREAT) && (flags & OFlag.EXCL)) return -Errno.EEXIST;
  return install(p, d, flags, false);
}

/** Checks access for an existing file and installs the open file description. */
function install(p: Process, d: Dentry, flags: number, created: boolean): number {
  const i = d.inode;
  const acc = flags & OFlag.ACCMODE;
  if (i.isSymlink && !(flags & OFlag.PATH)) return -Errno.ELOOP;
  if ((flags & OFlag.DIRECTORY) && !i.isDir) return -Errno.ENOTDIR;
  if (i.isDir && (acc !== OFlag.RDONLY || (flags & OFlag.CREAT && !created))) return -Errno.EISDIR;
  if (acc === 3) return -Errno.EINVAL;
  if (!created && !(flags & OFlag.PATH)) {
    const want = (acc !== OFlag.WRONLY ? Access.R : 0) | (acc !== OFlag.RDONLY ? Access.W : 0);
    if (!permits(i, credOf(p), want)) return -Errno.EACCES;
    if (acc !== OFlag.RDONLY && i.readOnly && (i.isRegular || i.isDir)) return -Errno.EROFS;
  }
  if ((flags & OFlag.TRUNC) && i.isRegular && acc !== OFlag.RDONLY) {
    const e = i.truncate(0);
    if (e < 0) return e;
  }
  const f = new OpenFile(
    i,
    i.open() ?? INODE_OPS,
    flags & ~(OFlag.CREAT | OFlag.EXCL |
      OFlag.TRUNC | OFlag.NOCTTY | OFlag.CLOEXEC),
  );
  f.dentry = d;
  const fd = p.fds.install(f, (flags & OFlag.CLOEXEC) !== 0);
  if (fd < 0) f.release();
  return fd;
}

/** The stat64 bytes for an inode. */
export function statBytes(i: Inode): Uint8Array {
  const [b, v] = struct(STAT64.SIZE);
  put64(v, STAT64.dev, i.dev);
  v.setUint32(STAT64.ino32, i.ino >>> 0, true);
  v.setUint32(STAT64.mode, i.mode, true);
  v.setUint32(STAT64.nlink, i.nlink, true);
  v.setUint32(STAT64.uid, i.uid, true);
  v.setUint32(STAT64.gid, i.gid, true);
  put64(v, STAT64.rdev, i.rdev);
  put64(v, STAT64.size, i.size);
  v.setUint32(STAT64.blksize, 4096, true);
  put64(v, STAT64.blocks, i.blocks);
  const t = (off: number, ms: number) => {
    v.setUint32(off, Math.floor(ms / 1000), true);
    v.setUint32(off + 4, Math.floor((ms % 1000) * 1e6), true);
  };
  t(STAT64.atime, i.atime);
  t(STAT64.mtime, i.mtime);
  t(STAT64.ctime, i.ctime);
  put64(v, STAT64.ino, i.ino);
  return b;
}

function statOut(p: Process, i: Inode, va: number): number {
  return p.um.copyOut(va, statBytes(i)) < 0 ? -Errno.EFAULT : 0;
}

const fstatat64: Handler = (k, p, a) => {
  const [dirfd, pathVa, buf, flags] = a;
  if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH | 0x800)) return -Errno.EINVAL;
  if (flags & AT_EMPTY_PATH) {
    const path = pathArg(p, pathVa);
    if (path === "") {
      if (dirfd === AT_FDCWD) return statOut(p, p.cwd.inode, buf);
      const f = p.fds.get(dirfd);
      return f ? statOut(p, f.inode, buf) : -Errno.EBADF;
    }
  }
  const d = lookup(k, p, dirfd, pathVa, flags & AT_SYMLINK_NOFOLLOW ? Follow.No : Follow.Yes);
  return typeof d === "number" ? d : statOut(p, d.inode, buf);
};

const getdents64: Handler = (_k, p, a) => {
  const [fd, buf, count] = a;
  const f = p.fds.get(fd);
  if (!f) return -Errno.EBADF;
  if (!f.inode.isDir) return -Errno.ENOTDIR;
  if (!f.dirents) {
    const list = f.inode.readdir();
    if (typeof list === "number") return list;
    f.dirents = list;
  }
  const out = new Uint8Array(Math.min(count >>> 0, 1 << 20));
  const v = new DataView(out.buffer);
  let used = 0;
  while (f.pos < f.dirents.length) {
    const e = f.dirents[f.pos];
    const name = encoder.encode(e.name);
    const reclen = (DIRENT64.name + name.length + 1 + 7) & ~7;
    if (used + reclen > out.length) {
      if (used === 0) return -Errno.EINVAL;
      break;
    }
    put64(v, used + DIRENT64.ino, e.ino);
    put64(v, used + DIRENT64.off, f.pos + 1);
    v.setUint16(used + DIRENT64.reclen, reclen, true);
    v.setUint8(used + DIRENT64.type, e.type);
    out.set(name, used + DIRENT64.name);
    used += reclen;
    f.pos++;
  }
  return p.um.copyOut(buf, out.subarray(0, used)) < 0 ? -Errno.EFAULT : used;
};

const mkdirat: Handler = (k, p, a) => {
  const r = parentFor(k, p, a[0], a[1]);
  if (typeof r === "number") return r;
  if (r.name === "") return -Errno.EEXIST;
  const i = r.dir.inode.mkdir(r.name, a[2] & ~p.umask & 0o7777, { uid: p.euid, gid: p.egid });
  k.vfs.forget(r.dir, r.name);
  return typeof i === "number" ? i : 0;
};

const unlinkat: Handler = (k, p, a) => {
  const [dirfd, va, flags] = a;
  if (flags & ~AT_REMOVEDIR) return -Errno.EINVAL;
  const r = parentFor(k, p, dirfd, va);
  if (typeof r === "number") return r;
  if (r.name === "") return flags & AT_REMOVEDIR ? -Errno.EINVAL : -Errno.EISDIR;
  const target = r.dir.inode.lookup(r.name);
  if (typeof target === "number") return target;
  if (flags & AT_REMOVEDIR) {
    const e = r.dir.inode.rmdir(r.name);
    k.vfs.forget(r.dir, r.name);
    return e;
  }
  if (target.isDir) return -Errno.EISDIR;
  const e = r.dir.inode.unlink(r.name);
  k.vfs.forget(r.dir, r.name);
  return e;
};

const renameat: Handler = (k, p, a) => {
  const from = parentFor(k, p, a[0], a[1]);
  if (typeof from === "number") return from;
  const to = parentFor(k, p, a[2], a[3]);
  if (typeof to === "number") return to;
  if (from.name === "" || to.name === "") return -Errno.EBUSY;
  if (from.dir.inode.constructor !== to.dir.inode.constructor) return -Errno.EXDEV;
  const e = from.dir.inode.rename(from.name, to.dir.inode, to.name);
  k.vfs.forget(from.dir, from.name);
  k.vfs.forget(to.dir, to.name);
  return e;
};

const linkat: Handler = (k, p, a) => {
  const [olddir, oldVa, newdir, newVa, flags] = a;
  if (flags & ~(AT_SYMLINK_FOLLOW | AT_EMPTY_PATH)) return -Errno.EINVAL;
  const src = lookup(k, p, olddir, oldVa, flags & AT_SYMLINK_FOLLOW ? Follow.Yes : Follow.No);
  if (typeof src === "number") return src;
  if (src.inode.isDir) return -Errno.EPERM;
  const r = parentFor(k, p, newdir, newVa);
  if (typeof r === "number") return r;
  if (r.name === "") return -Errno.EEXIST;
  if (src.inode.dev !== r.dir.inode.dev) return -Errno.EXDEV;
  const e = r.dir.inode.link(r.name, src.inode);
  k.vfs.forget(r.dir, r.name);
  return e;
};

const symlinkat: Handler = (k, p, a) => {
  const target = pathArg(p, a[0]);
  if (typeof target === "number") return target;
  if (target === "") return -Errno.ENOENT;
  const r = parentFor(k, p, a[1], a[2]);
  if (typeof r === "number") return r;
  if (r.name === "") return -Errno.EEXIST;
  const i = r.dir.inode.symlink(r.name, target, { uid: p.euid, gid: p.egid });
  k.vfs.forget(r.dir, r.name);
  return typeof i === "number" ? i : 0;
};

const readlinkat: Handler = (k, p, a) => {
  const [dirfd, va, buf, size] = a;
  if (size <= 0) return -Errno.EINVAL;
  const d = lookup(k, p, dirfd, va, Follow.No);
  if (typeof d === "number") return d;
  const t = d.inode.readlink();
  if (typeof t === "number") return t;
  const bytes = encoder.encode(t).subarray(0, size);
  return p.um.copyOut(buf, bytes) < 0 ? -Errno.EFAULT : bytes.length;
};

function chdirTo(p: Process, d: Dentry): number {
  if (!d.inode.isDir) return -Errno.ENOTDIR;
  if (!permits(d.inode, credOf(p), Access.X)) return -Errno.EACCES;
  p.cwd = d;
  return 0;
}

const getcwd: Handler = (_k, p, a) => {
  const path = encoder.encode(p.cwd.path + "\0");
  if ((a[1] >>> 0) < path.length) return -Errno.ERANGE;
  return p.um.copyOut(a[0], path) < 0 ? -Errno.EFAULT : path.length;
};

function chmodInode(p: Process, i: Inode, mode: number): number {
  if (p.euid !== 0 && p.euid !== i.uid) return -Errno.EPERM;
  if (i.readOnly) return -Errno.EROFS;
  return i.chmod(mode & 0o7777);
}

function chownInode(p: Process, i: Inode, uid: number, gid: number): number {
  if (p.euid !== 0) {
    if (uid !== -1 && uid !== i.uid) return -Errno.EPERM;
    if (gid !== -1 && (p.euid !== i.uid || (gid !== p.egid && !p.groups.includes(gid)))) {
      return -Errno.EPERM;
    }
  }
  if (i.readOnly) return -Errno.EROFS;
  return i.chown(uid, gid);
}

const faccessat: Handler = (k, p, a) => {
  const [dirfd, va, mode, flags] = a;
  if (mode & ~7 || flags & ~(AT_EACCESS | AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH)) {
    return -Errno.EINVAL;
  }
  const d = lookup(k, p, dirfd, va, flags & AT_SYMLINK_NOFOLLOW ? Follow.No : Follow.Yes);
  if (typeof d === "number") return d;
  const cred = flags & AT_EACCESS ? credOf(p) : { uid: p.uid, gid: p.gid, groups: p.groups };
  if ((mode & Access.W) && d.inode.readOnly) return -Errno.EROFS;
  return permits(d.inode, cred, mode) ? 0 : -Errno.EACCES;
};

function truncateInode(p: Process, i: Inode, length: number): number {
  if (length < 0) return -Errno.EINVAL;
  if (i.isDir) return -Errno.EISDIR;
  if (!i.isRegular) return -Errno.EINVAL;
  if (!permits(i, credOf(p), Access.W)) return -Errno.EACCES;
  return i.truncate(length);
}

const ftruncate = (p: Process, fd: number, length: number): number => {
  const f = p.fds.get(fd);
  if (!f) return -Errno.EBADF;
  if (!f.writable || !f.inode.isRegular) return -Errno.EINVAL;
  if (length < 0) return -Errno.EINVAL;
  return f.inode.truncate(length);
};

const UTIME_NOW = (1 << 30) - 1;
const UTIME_OMIT = (1 << 30) - 2;

/** utimensat with 32-bit (`wide` false) or 64-bit timespecs (utimensat_time64). */
function utimens(wide: boolean): Handler {
  return (k, p, a) => utimensatImpl(k, p, a, wide);
}

function utimensatImpl(k: Kernel, p: Process, a: Int32Array, wide: boolean): number {
  const [dirfd, va, timesVa, flags] = a;
  let i: Inode;
  if (va === 0) {
    const f = p.fds.get(dirfd);
    if (!f) return -Errno.EBADF;
    i = f.inode;
  } else {
    const d = lookup(k, p, dirfd, va, flags & AT_SYMLINK_NOFOLLOW ? Follow.No : Follow.Yes);
    if (typeof d === "number") return d;
    i = d.inode;
  }
  const now = Date.now();
  let at = now, mt = now;
  if (timesVa !== 0) {
    const size = wide ? 16 : 8;
    const v = readStruct(p, timesVa, 2 * size);
    if (typeof v === "number") return v;
    const pick = (off: number, cur: number) => {
      const ns = v.getInt32(off + (wide ? 8 : 4), true);
      if (ns === UTIME_NOW) return now;
      if (ns === UTIME_OMIT) return cur;
      if (ns < 0 || ns >= 1e9) return -1;
      const sec = wide
        ? v.getUint32(off, true) + v.getInt32(off + 4, true) * 2 ** 32
        : v.getInt32(off, true);
      return sec * 1000 + ns / 1e6;
    };
    at = pick(0, i.atime);
    mt = pick(size, i.mtime);
    if (at === -1 || mt === -1) return -Errno.EINVAL;
    if (p.euid !== 0 && p.euid !== i.uid) return -Errno.EPERM;
  } else if (p.euid !== 0 && p.euid !== i.uid && !permits(i, credOf(p), Access.W)) {
    return -Errno.EACCES;
  }
  return i.setTimes(at, mt);
}

const STATX_BASIC_STATS = 0x7ff;

/** struct statx (linux/stat.h), 256 bytes. */
function statxBytes(i: Inode): Uint8Array {
  const [b, v] = struct(256);
  v.setUint32(0, STATX_BASIC_STATS, true);
  v.setUint32(4, 4096, true);
  v.setUint32(16, i.nlink, true);
  v.setUint32(20, i.uid, true);
  v.setUint32(24, i.gid, true);
  v.setUint16(28, i.mode, true);
  put64(v, 32, i.ino);
  put64(v, 40, i.size);
  put64(v, 48, i.blocks);
  const t = (off: number, ms: number) => {
    put64(v, off, Math.floor(ms / 1000));
    v.setUint32(off + 8, Math.floor((ms % 1000) * 1e6), true);
  };
  t(64, i.atime);
  t(96, i.ctime);
  t(112, i.mtime);
  v.setUint32(128, i.rdev >>> 8, true);
  v.setUint32(132, i.rdev & 0xff, true);
  v.setUint32(136, i.dev >>> 8, true);
  v.setUint32(140, i.dev & 0xff, true);
  return b;
}

const statx: Handler = (k, p, a) => {
  const [dirfd, pathVa, flags, _mask, buf] = a;
  if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH | 0x800 | 0x6000)) return -Errno.EINVAL;
  let i: Inode;
  const path = pathArg(p, pathVa);
  if (path === "" && (flags & AT_EMPTY_PATH)) {
    const f = dirfd === AT_FDCWD ? null : p.fds.get(dirfd);
    if (dirfd !== AT_FDCWD && !f) return -Errno.EBADF;
    i = f ? f.inode : p.cwd.inode;
  } else {
    const d = lookup(k, p, dirfd, pathVa, flags & AT_SYMLINK_NOFOLLOW ? Follow.No : Follow.Yes);
    if (typeof d === "number") return d;
    i = d.inode;
  }
  return p.um.copyOut(buf, statxBytes(i)) < 0 ? -Errno.EFAULT : 0;
};

const AT = AT_FDCWD;
const fdOf = (p: Process, fd: number) => p.fds.get(fd);

export const FS_HANDLERS: Readonly<Record<string, Handler>> = {
  open: (k, p, a) => openFile(k, p, AT, a[0], a[1], a[2]),
  openat: (k, p, a) => openFile(k, p, a[0], a[1], a[2], a[3]),
  creat: (k, p, a) => openFile(k, p, AT, a[0], OFlag.CREAT | OFlag.WRONLY | OFlag.TRUNC, a[1]),
  stat64: (k, p, a) => fstatat64(k, p, Int32Array.of(AT, a[0], a[1], 0)),
  lstat64: (k, p, a) => fstatat64(k, p, Int32Array.of(AT, a[0], a[1], AT_SYMLINK_NOFOLLOW)),
  fstat64: (_k, p, a) => {
    const f = fdOf(p, a[0]);
    return f ? statOut(p, f.inode, a[1]) : -Errno.EBADF;
  },
  fstatat64,
  getdents64,
  mkdir: (k, p, a) => mkdirat(k, p, Int32Array.of(AT, a[0], a[1])),
  mkdirat,
  rmdir: (k, p, a) => unlinkat(k, p, Int32Array.of(AT, a[0], AT_REMOVEDIR)),
  unlink: (k, p, a) => unlinkat(k, p, Int32Array.of(AT, a[0], 0)),
  unlinkat,
  rename: (k, p, a) => renameat(k, p, Int32Array.of(AT, a[0], AT, a[1])),
  renameat,
  link: (k, p, a) => linkat(k, p, Int32Array.of(AT, a[0], AT, a[1], 0)),
  linkat,
  symlink: (k, p, a) => symlinkat(k, p, Int32Array.of(a[0], AT, a[1])),
  symlinkat,
  readlink: (k, p, a) => readlinkat(k, p, Int32Array.of(AT, a[0], a[1], a[2])),
  readlinkat,
  chdir: (k, p, a) => {
    const d = lookup(k, p, AT, a[0], Follow.Yes);
    return typeof d === "number" ? d : chdirTo(p, d);
  },
  fchdir: (_k, p, a) => {
    const f = fdOf(p, a[0]);
    if (!f) return -Errno.EBADF;
    return f.dentry ? chdirTo(p, f.dentry) : -Errno.ENOTDIR;
  },
  getcwd,
  chmod: (k, p, a) => {
    const d = lookup(k, p, AT, a[0], Follow.Yes);
    return typeof d === "number" ? d : chmodInode(p, d.inode, a[1]);
  },
  fchmod: (_k, p, a) => {
    const f = fdOf(p, a[0]);
    return f ? chmodInode(p, f.inode, a[1]) : -Errno.EBADF;
  },
  fchmodat: (k, p, a) => {
    const d = lookup(k, p, a[0], a[1], Follow.Yes);
    return typeof d === "number" ? d : chmodInode(p, d.inode, a[2]);
  },
  chown: chownPath(Follow.Yes),
  chown32: chownPath(Follow.Yes),
  lchown32: chownPath(Follow.No),
  fchown: chownFd,
  fchown32: chownFd,
  fchownat: (k, p, a) => {
    const d = lookup(k, p, a[0], a[1], a[4] & AT_SYMLINK_NOFOLLOW ? Follow.No : Follow.Yes);
    return typeof d === "number" ? d : chownInode(p, d.inode, a[2], a[3]);
  },
  access: (k, p, a) => faccessat(k, p, Int32Array.of(AT, a[0], a[1], 0)),
  faccessat: (k, p, a) => faccessat(k, p, Int32Array.of(a[0], a[1], a[2], 0)),
  truncate: (k, p, a) => {
    const d = lookup(k, p, AT, a[0], Follow.Yes);
    return typeof d === "number" ? d : truncateInode(p, d.inode, a[1]);
  },
  truncate64: (k, p, a) => {
    const d = lookup(k, p, AT, a[0], Follow.Yes);
    return typeof d === "number" ? d : truncateInode(p, d.inode, a[1] + a[2] * 0x1_0000_0000);
  },
  ftruncate: (_k, p, a) => ftruncate(p, a[0], a[1]),
  ftruncate64: (_k, p, a) => ftruncate(p, a[0], (a[1] >>> 0) + a[2] * 0x1_0000_0000),
  umask: (_k, p, a) => {
    const old = p.umask;
    p.umask = a[0] & 0o777;
    return old;
  },
  utimensat: utimens(false),
  utimensat_time64: utimens(true),
  statx,
  faccessat2: faccessat,
  flock: (_k, p, a) => (p.fds.get(a[0]) ? 0 : -Errno.EBADF),
  fadvise64: (_k, p, a) => (p.fds.get(a[0]) ? 0 : -Errno.EBADF),
  fadvise64_64: (_k, p, a) => (p.fds.get(a[0]) ? 0 : -Errno.EBADF),
};

function chownPath(follow: Follow): Handler {
  return (k, p, a) => {
    const d = lookup(k, p, AT, a[0], follow);
    return typeof d === "number" ? d : chownInode(p, d.inode, a[1], a[2]);
  };
}

function chownFd(_k: Kernel, p: Process, a: Int32Array): number {
  const f = p.fds.get(a[0]);
  return f ? chownInode(p, f.inode, a[1], a[2]) : -Errno.EBADF;
}
