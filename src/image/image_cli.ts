/**
 * `denix image ls [-l] IMAGE [PATH]` and `denix image cat IMAGE PATH`: look inside
 * an EXT2 image (ours or mke2fs's) without mounting it, through Ext2Reader.
 *
 * `ls -l` prints one line per entry: mode, links, uid, gid, size (or major, minor),
 * mtime (UTC), name, and "-> target" for symlinks. Exit status: 0 ok, 1 failure
 * (e.g. a corrupt image: the Ext2Error message goes to stderr), 2 usage error.
 */
import { parseArgs } from "node:util";
import {
  Ext2Reader,
  type Inode,
  inodeDevice,
  inodeFileSize,
  inodeGid,
  inodeUid,
  Mode,
} from "../formats/ext2/mod.ts";
import { openFileSource } from "./file_source.ts";

const USAGE = "usage: denix image ls [-l] IMAGE [PATH] | denix image cat IMAGE PATH";

/** Where `imageMain` writes its output (default: stdout). */
export type Output = (bytes: Uint8Array) => void;

const TYPE_CHAR: Record<number, string> = {
  [Mode.Directory]: "d",
  [Mode.Regular]: "-",
  [Mode.Symlink]: "l",
  [Mode.CharDev]: "c",
  [Mode.BlockDev]: "b",
  [Mode.Fifo]: "p",
  [Mode.Socket]: "s",
};

/** "drwxr-xr-x"-style mode string, with s/t bits. */
export function modeString(mode: number): string {
  const rwx = (bits: number, special: boolean, ch: string) =>
    (bits & 4 ? "r" : "-") + (bits & 2 ? "w" : "-") +
    (special ? (bits & 1 ? ch : ch.toUpperCase()) : bits & 1 ? "x" : "-");
  return (TYPE_CHAR[mode & Mode.TypeMask] ?? "?") +
    rwx(mode >> 6, (mode & 0o4000) !== 0, "s") +
    rwx(mode >> 3, (mode & 0o2000) !== 0, "s") +
    rwx(mode, (mode & 0o1000) !== 0, "t");
}

function longLine(fs: Ext2Reader, ino: number, inode: Inode, name: string): string {
  const type = inode.mode & Mode.TypeMask;
  const dev = type === Mode.CharDev || type === Mode.BlockDev ? inodeDevice(inode) : undefined;
  const size = dev ? `${dev.major}, ${dev.minor}` : String(inodeFileSize(inode));
  const time = new Date(inode.mtime * 1000).toISOString().slice(0, 16).replace("T", " ");
  const link = type === Mode.Symlink ? ` -> ${fs.readLink(ino)}` : "";
  return `${modeString(inode.mode)} ${String(inode.linksCount).padStart(3)} ` +
    `${String(inodeUid(inode)).padStart(5)} ${String(inodeGid(inode)).padStart(5)} ` +
    `${size.padStart(10)} ${time} ${name}${link}`;
}

function list(fs: Ext2Reader, path: string, long: boolean): string {
  const ino = fs.lookup(path);
  const inode = fs.readInode(ino);
  if ((inode.mode & Mode.TypeMask) !== Mode.Directory) {
    return (long ? longLine(fs, ino, inode, path) : path) + "\n";
  }
  const lines = fs.readDir(ino).map((e) =>
    long ? longLine(fs, e.ino, fs.readInode(e.ino), e.name) : e.name
  );
  return lines.map((l) => l + "\n").join("");
}

class UsageError extends Error {}

function parse(args: string[]) {
  try {
    return parseArgs({
      args,
      options: { long: { type: "boolean", short: "l" } },
      allowPositionals: true,
      strict: true,
    });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

function run(args: string[], out: Output): number {
  const { values, positionals } = parse(args);
  const [cmd, image, path] = positionals;
  if (
    positionals.length > 3 || !image || (cmd === "cat" && !path) || (cmd !== "ls" && cmd !== "cat")
  ) {
    throw new UsageError("bad arguments");
  }
  const src = openFileSource(image);
  try {
    const fs = Ext2Reader.open(src);
    if (cmd === "cat") out(fs.readFile(fs.lookup(path), { maxBytes: 2 ** 31 }));
    else out(new TextEncoder().encode(list(fs, path ?? "/", values.long ?? false)));
    return 0;
  } finally {
    src.close();
  }
}

function writeStdout(bytes: Uint8Array): void {
  for (let done = 0; done < bytes.length;) done += Deno.stdout.writeSync(bytes.subarray(done));
}

/** Runs `denix image` with `args` (the arguments after "image"). */
export function imageMain(args: string[], out: Output = writeStdout): Promise<number> {
  if (args.includes("-h") || args.includes("--help")) {
    console.error(USAGE);
    return Promise.resolve(0);
  }
  try {
    return Promise.resolve(run(args, out));
  } catch (e) {
    const usage = e instanceof UsageError;
    console.error(usage ? USAGE : `image: ${(e as Error).message}`);
    return Promise.resolve(usage ? 2 : 1);
  }
}
