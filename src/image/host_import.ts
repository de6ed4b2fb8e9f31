/**
 * Copies host files into an ImageTree (`--add HOST:GUEST`, `--from-dir DIR`).
 *
 * - Directories are added recursively, entries sorted by name.
 * - Permission bits and mtimes are preserved; the owner is 0:0 (chown later).
 * - Symlinks stay symlinks; fifos and char/block devices become the same nodes;
 *   sockets are skipped with a warning. Files with several host hard links that are
 *   imported together become one inode with several links.
 * - Regular files are not read here: the tree records the host path and size and
 *   the writer streams them.
 * - A single `X.c` file added under a guest name that does not end in `.c` is a C
 *   program: it is compiled through the `compileC` hook (denix cc). Without a hook,
 *   throws Ext2Error(BadParameter) "C sources need denix cc (not available yet)".
 */
import { Ext2Error, Ext2ErrorCode } from "../formats/ext2/mod.ts";
import type { ImageTree, Meta } from "./tree.ts";

/** Compiles a C source to an executable image (the `denix cc` hook). */
export type CompileC = (src: Uint8Array, hostPath: string) => Promise<Uint8Array>;

/** Options of `addHostPath`. */
export interface ImportOptions {
  /** Compiler for C programs; without it, adding one fails. */
  compileC?: CompileC;
  /** Called with a message for each host file that cannot be represented. */
  warn?: (message: string) => void;
}

/** Host (dev, ino) → first guest path, to rebuild hard links. */
type LinkMap = Map<string, string>;

function metaOf(st: Deno.FileInfo): Partial<Meta> {
  const mtime = st.mtime ? Math.floor(st.mtime.getTime() / 1000) : undefined;
  return { perm: (st.mode ?? 0o644) & 0o7777, ...(mtime !== undefined ? { mtime } : {}) };
}

function join(dir: string, name: string): string {
  return dir.endsWith("/") ? dir + name : `${dir}/${name}`;
}

function device(rdev: number): { major: number; minor: number } {
  return { major: (rdev >>> 8) & 0xfff, minor: (rdev & 0xff) | ((rdev >>> 12) & 0xfff00) };
}

async function addCompiled(
  tree: ImageTree,
  host: string,
  guest: string,
  st: Deno.FileInfo,
  options: ImportOptions,
): Promise<void> {
  if (!options.compileC) {
    throw new Ext2Error(
      Ext2ErrorCode.BadParameter,
      `${host}: C sources need denix cc (not available yet)`,
    );
  }
  const bytes = await options.compileC(await Deno.readFile(host), host);
  tree.addFile(guest, { kind: "bytes", bytes }, { ...metaOf(st), perm: 0o755 });
}

async function addNode(
  tree: ImageTree,
  host: string,
  guest: string,
  links: LinkMap,
  options: ImportOptions,
): Promise<void> {
  const st = await Deno.lstat(host);
  const meta = metaOf(st);
  if (st.isDirectory) {
    tree.mkdir(guest, meta);
    const names: string[] = [];
    for await (const e of Deno.readDir(host)) names.push(e.name);
    for (const name of names.sort()) {
      await addNode(tree, join(host, name), join(guest, name), links, options);
    }
    return;
  }
  const key = `${st.dev}:${st.ino}`;
  const first = (st.nlink ?? 1) > 1 ? links.get(key) : undefined;
  if (first !== undefined && tree.get(first)) return tree.link(first, guest);
  links.set(key, guest);
  if (st.isSymlink) tree.symlink(await Deno.readLink(host), guest, meta);
  else if (st.isFile) tree.addFile(guest, { kind: "host", path: host, size: st.size }, meta);
  else if (st.isFifo) tree.mkfifo(guest, meta);
  else if (st.isCharDevice) tree.mknod(guest, "char", device(st.rdev ?? 0), meta);
  else if (st.isBlockDevice) tree.mknod(guest, "block", device(st.rdev ?? 0), meta);
  else options.warn?.(`${host}: sockets cannot be stored in the image; skipped`);
}

/** Adds host path `host` (file, symlink, device or directory tree) at guest path `guest`. */
export async function addHostPath(
  tree: ImageTree,
  host: string,
  guest: string,
  options: ImportOptions = {},
): Promise<void> {
  const st = await Deno.lstat(host);
  if (st.isFile && host.endsWith(".c") && !guest.endsWith(".c")) {
    return await addCompiled(tree, host, guest, st, options);
  }
  await addNode(tree, host, guest, new Map(), options);
}

/** Adds the contents of host directory `dir` at the root (root takes dir's mode and mtime). */
export async function addHostDir(
  tree: ImageTree,
  dir: string,
  options: ImportOptions = {},
): Promise<void> {
  const st = await Deno.stat(dir);
  if (!st.isDirectory) throw new Ext2Error(Ext2ErrorCode.BadParameter, `${dir}: not a directory`);
  await addNode(tree, dir, "/", new Map(), options);
}
