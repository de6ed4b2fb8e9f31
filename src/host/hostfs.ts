/**
 * hostfs: a host directory served to the guest through Deno's synchronous file APIs,
 * implementing the kernel's Inode interface (src/kernel/fs/inode.ts).
 *
 * Contract:
 * - Every operation goes to the host at the time of the call (no data cache; inodes are
 *   marked `uncached` so the VFS name cache skips them), so host and guest see each
 *   other's changes at once. Inode objects are interned per host path.
 * - Host errors map to Linux errnos (NotFound -> ENOENT, PermissionDenied -> EACCES,
 *   AlreadyExists -> EEXIST, ...); nothing throws into the kernel.
 * - Names may not escape the root: lookups of "/" inside names are refused, and symlinks
 *   are resolved by the guest's VFS (an absolute link points into the guest's tree).
 */
import { Errno } from "../abi/errno.ts";
import { type DirEntry, DirType, Inode, Mode, type Owner } from "../kernel/fs/inode.ts";

const HOSTFS_DEV = 0x801;
/** How long host attributes are trusted (ms). */
const STAT_TTL_MS = 2;

/** Linux errno for a host exception. */
export function hostErrno(e: unknown): number {
  const code = (e as { code?: string }).code ?? "";
  const byCode: Record<string, number> = {
    ENOENT: Errno.ENOENT,
    EACCES: Errno.EACCES,
    EPERM: Errno.EPERM,
    EEXIST: Errno.EEXIST,
    ENOTDIR: Errno.ENOTDIR,
    EISDIR: Errno.EISDIR,
    ENOTEMPTY: Errno.ENOTEMPTY,
    EXDEV: Errno.EXDEV,
    EINVAL: Errno.EINVAL,
    ELOOP: Errno.ELOOP,
    ENAMETOOLONG: Errno.ENAMETOOLONG,
    ENOSPC: Errno.ENOSPC,
    EROFS: Errno.EROFS,
    EBUSY: Errno.EBUSY,
    EMLINK: Errno.EMLINK,
  };
  if (byCode[code]) return -byCode[code];
  if (e instanceof Deno.errors.NotFound) return -Errno.ENOENT;
  if (e instanceof Deno.errors.PermissionDenied) return -Errno.EACCES;
  if (e instanceof Deno.errors.AlreadyExists) return -Errno.EEXIST;
  if (e instanceof Deno.errors.NotADirectory) return -Errno.ENOTDIR;
  if (e instanceof Deno.errors.IsADirectory) return -Errno.EISDIR;
  return -Errno.EIO;
}

function attempt<T>(fn: () => T): T | number {
  try {
    return fn();
  } catch (e) {
    return hostErrno(e);
  }
}

/** One mounted host directory. */
export class Hostfs {
  readonly root: HostInode;
  private readonly interned = new Map<string, HostInode>();

  /** Serves the host directory `hostPath` (must exist). */
  constructor(hostPath: string) {
    const info = Deno.statSync(hostPath);
    this.root = new HostInode(this, hostPath, info);
    this.interned.set(hostPath, this.root);
  }

  /** The inode for host `path` (refreshing its attributes), or -errno. */
  inode(path: string): HostInode | number {
    const info = attempt(() => Deno.lstatSync(path));
    if (typeof info === "number") {
      this.forget(path);
      return info;
    }
    const old = this.interned.get(path);
    if (old && old.ino === (info.ino ?? 0) && old.sameType(info)) {
      old.refresh(info);
      return old;
    }
    if (old) this.handles.drop(path);
    const i = new HostInode(this, path, info);
    this.interned.set(path, i);
    return i;
  }

  forget(path: string): void {
    this.interned.delete(path);
    this.handles.drop(path);
  }

  /** Open host files, reused across reads and writes (see HandleCache). */
  readonly handles = new HandleCache();

  /** Closes the host files this file system holds open. */
  close(): void {
    this.handles.closeAll();
  }
}

/**
 * A small LRU of open host files keyed by path and mode, so that a guest reading a
 * file page by page does not open and close it each time. Handles of a path are closed
 * when the guest unlinks or renames it, and when more than MAX_HANDLES are open.
 */
class HandleCache {
  private static readonly MAX_HANDLES = 16;
  private readonly open = new Map<string, Deno.FsFile>();

  /** An open file for `path` ("r": read-only, "w": write-only), or throws as Deno does. */
  get(path: string, mode: "r" | "w"): Deno.FsFile {
    const key = `${mode}:${path}`;
    let f = this.open.get(key);
    if (f) {
      this.open.delete(key);
    } else {
      f = Deno.openSync(path, mode === "r" ? { read: true } : { write: true });
      if (this.open.size >= HandleCache.MAX_HANDLES) this.close(this.open.keys().next().value!);
    }
    this.open.set(key, f);
    return f;
  }

  /** Closes every handle (when the kernel shuts down). */
  closeAll(): void {
    for (const key of [...this.open.keys()]) this.close(key);
  }

  /** Closes the handles of `path`. */
  drop(path: string): void {
    this.close(`r:${path}`);
    this.close(`w:${path}`);
  }

  private close(key: string): void {
    const f = this.open.get(key);
    if (!f) return;
    this.open.delete(key);
    try {
      f.close();
    } catch { /* already closed */ }
  }
}

function modeOf(info: Deno.FileInfo): number {
  if (info.mode !== null) return info.mode;
  const type = info.isDirectory ? Mode.DIR : info.isSymlink ? Mode.LNK : Mode.REG;
  return type | 0o644;
}

export class HostInode extends Inode {
  readonly fs: Hostfs;
  readonly path: string;
  /** Tells the VFS not to cache names under or at this inode. */
  readonly uncached = true;
  private length = 0;
  private blockCount = 0;
  /** When the attributes were last read from the host (performance.now ms). */
  private statAt = -Infinity;

  constructor(fs: Hostfs, path: string, info: Deno.FileInfo) {
    super(modeOf(info), info.ino ?? 0);
    this.fs = fs;
    this.path = path;
    this.refresh(info);
  }

  /** Copies host attributes. */
  refresh(info: Deno.FileInfo): void {
    this.mode = modeOf(info);
    this.length = info.size;
    this.nlink = info.nlink ?? 1;
    this.uid = info.uid ?? 0;
    this.gid = info.gid ?? 0;
    this.rdev = info.rdev ?? 0;
    this.dev = info.dev ?? HOSTFS_DEV;
    this.blockCount = info.blocks ?? Math.ceil(info.size / 512);
    this.atime = info.atime?.getTime() ?? 0;
    this.mtime = info.mtime?.getTime() ?? 0;
    this.ctime = info.ctime?.getTime() ?? this.mtime;
  }

  sameType(info: Deno.FileInfo): boolean {
    return (modeOf(info) & Mode.TYPE) === (this.mode & Mode.TYPE);
  }

  /**
   * Re-reads the host attributes, at most every STAT_TTL_MS: page faults and reads ask
   * for the size and version constantly. The guest's own changes through this inode
   * reset the timer, so only concurrent host-side changes can be seen that much late.
   */
  private update(): void {
    const now = performance.now();
    if (now - this.statAt < STAT_TTL_MS) return;
    const info = attempt(() => Deno.lstatSync(this.path));
    if (typeof info !== "number") this.refresh(info);
    this.statAt = now;
  }

  get size(): number {
    this.update();
    return this.length;
  }

  override get blocks(): number {
    return this.blockCount;
  }

  private child(name: string): string {
    return this.path.endsWith("/") ? this.path + name : `${this.path}/${name}`;
  }

  override lookup(name: string): Inode | number {
    if (!this.isDir) return -Errno.ENOTDIR;
    if (name.includes("/")) return -Errno.ENOENT;
    return this.fs.inode(this.child(name));
  }

  override create(name: string, mode: number, _o: Owner): Inode | number {
    const path = this.child(name);
    const r = attempt(() => Deno.openSync(path, { createNew: true, write: true, mode }).close());
    return typeof r === "number" ? r : this.fs.inode(path);
  }

  override mkdir(name: string, mode: number, _o: Owner): Inode | number {
    const path = this.child(name);
    const r = attempt(() => Deno.mkdirSync(path, { mode }));
    return typeof r === "number" ? r : this.fs.inode(path);
  }

  override symlink(name: string, target: string, _o: Owner): Inode | number {
    const path = this.child(name);
    const r = attempt(() => Deno.symlinkSync(target, path));
    return typeof r === "number" ? r : this.fs.inode(path);
  }

  override link(name: string, target: Inode): number {
    if (!(target instanceof HostInode)) return -Errno.EXDEV;
    const r = attempt(() => Deno.linkSync(target.path, this.child(name)));
    return typeof r === "number" ? r : 0;
  }

  override unlink(name: string): number {
    const i = this.fs.inode(this.child(name));
    if (typeof i === "number") return i;
    if (i.isDir) return -Errno.EISDIR;
    const r = attempt(() => Deno.removeSync(i.path));
    this.fs.forget(i.path);
    return typeof r === "number" ? r : 0;
  }

  override rmdir(name: string): number {
    const i = this.fs.inode(this.child(name));
    if (typeof i === "number") return i;
    if (!i.isDir) return -Errno.ENOTDIR;
    const r = attempt(() => Deno.removeSync(i.path));
    this.fs.forget(i.path);
    return typeof r === "number" ? r : 0;
  }

  override rename(oldName: string, newDir: Inode, newName: string): number {
    if (!(newDir instanceof HostInode) || newDir.fs !== this.fs) return -Errno.EXDEV;
    const from = this.child(oldName), to = newDir.child(newName);
    const r = attempt(() => Deno.renameSync(from, to));
    this.fs.forget(from);
    this.fs.forget(to);
    return typeof r === "number" ? r : 0;
  }

  override readdir(): DirEntry[] | number {
    const list = attempt(() => [...Deno.readDirSync(this.path)]);
    if (typeof list === "number") return list;
    const out: DirEntry[] = [
      { name: ".", ino: this.ino, type: DirType.DIR },
      { name: "..", ino: this.ino, type: DirType.DIR },
    ];
    for (const e of list) {
      const type = e.isDirectory ? DirType.DIR : e.isSymlink ? DirType.LNK : DirType.REG;
      const i = this.fs.inode(this.child(e.name));
      out.push({ name: e.name, ino: typeof i === "number" ? 0 : i.ino, type });
    }
    return out;
  }

  override readlink(): string | number {
    if (!this.isSymlink) return -Errno.EINVAL;
    return attempt(() => Deno.readLinkSync(this.path));
  }

  /** Page-cache version: identity, size and modification time as the host reports them. */
  cacheKey(): string | null {
    this.update();
    return this.isRegular ? `${this.ino}:${this.length}:${this.mtime}` : null;
  }

  override readAt(pos: number, dst: Uint8Array): number {
    if (this.isDir) return -Errno.EISDIR;
    return attempt(() => {
      const f = this.fs.handles.get(this.path, "r");
      f.seekSync(pos, Deno.SeekMode.Start);
      let done = 0;
      while (done < dst.length) {
        const n = f.readSync(dst.subarray(done));
        if (n === null || n === 0) break;
        done += n;
      }
      return done;
    });
  }

  override writeAt(pos: number, src: Uint8Array): number {
    this.statAt = -Infinity;
    if (this.isDir) return -Errno.EISDIR;
    return attempt(() => {
      const f = this.fs.handles.get(this.path, "w");
      f.seekSync(pos, Deno.SeekMode.Start);
      let done = 0;
      while (done < src.length) done += f.writeSync(src.subarray(done));
      return done;
    });
  }

  override truncate(length: number): number {
    this.statAt = -Infinity;
    const r = attempt(() => Deno.truncateSync(this.path, length));
    return typeof r === "number" ? r : 0;
  }

  override chmod(perm: number): number {
    this.statAt = -Infinity;
    const r = attempt(() => Deno.chmodSync(this.path, perm & 0o7777));
    this.update();
    return typeof r === "number" ? r : 0;
  }

  override chown(uid: number, gid: number): number {
    this.statAt = -Infinity;
    const r = attempt(() =>
      Deno.chownSync(this.path, uid === -1 ? null : uid, gid === -1 ? null : gid)
    );
    this.update();
    return typeof r === "number" ? r : 0;
  }

  override setTimes(atime: number, mtime: number): number {
    this.statAt = -Infinity;
    const r = attempt(() => Deno.utimeSync(this.path, new Date(atime), new Date(mtime)));
    this.update();
    return typeof r === "number" ? r : 0;
  }
}
