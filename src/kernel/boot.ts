/**
 * Booting a kernel for one program (`denix exec`): the guest file tree, pid 1 and its
 * standard streams.
 *
 * The tree: a tmpfs root; /dev (null, zero, full, tty, console); /tmp (tmpfs, mode
 * 1777); the host directory given as `hostDir` (a hostfs root from src/host) mounted at
 * `cwd`, which is also pid 1's working directory. pid 1 runs with the host's uid/gid,
 * fds 0/1/2 connected to the host's streams.
 */
import { Errno } from "../abi/errno.ts";
import { Kernel, type KernelOptions } from "./kernel.ts";
import { FdTable, OFlag, OpenFile } from "./fs/file.ts";
import { type Inode, Mode } from "./fs/inode.ts";
import { DevNode, populateDevfs } from "./fs/devfs.ts";
import { hostStreamOps } from "./fs/terminal.ts";
import { Tmpfs } from "./fs/tmpfs.ts";
import { ROOT_CRED } from "./fs/vfs.ts";
import { type ExecFile, initialState, loadImage } from "./proc/exec.ts";
import { Process } from "./proc/process.ts";

export interface ExecBootOptions extends KernelOptions {
  /** The executable (read through the host adapter). */
  program: ExecFile;
  argv: string[];
  envp: string[];
  /** AT_EXECFN and the name in messages. */
  execfn: string;
  /** Guest working directory (absolute); `hostDir` is mounted there when given. */
  cwd: string;
  hostDir?: Inode;
  uid?: number;
  gid?: number;
}

const encoder = new TextEncoder();

/** Builds the guest tree of the module contract. */
function buildTree(k: Kernel, opts: ExecBootOptions): number {
  const host = () => (opts.hostDir ? k.mountAt(opts.cwd, opts.hostDir) : 0);
  // With cwd "/" the host directory becomes the root, under /dev and /tmp; otherwise it
  // goes last, so that a cwd inside /tmp is not hidden by the guest's /tmp.
  const atRoot = opts.cwd === "/";
  const e = atRoot ? host() : 0;
  if (e < 0) return e;
  const dev = new Tmpfs(k.fr);
  populateDevfs(dev, hostStreamOps(k.port, 0));
  const d = k.mountAt("/dev", dev.root);
  if (d < 0) return d;
  const t = k.mountAt("/tmp", new Tmpfs(k.fr, 0o1777).root);
  return t < 0 || atRoot ? t : host();
}

/** Creates the kernel and pid 1; returns the kernel or -errno (ENOEXEC, ENOMEM...). */
export function bootExec(opts: ExecBootOptions): Kernel | number {
  const k = new Kernel(opts);
  const e = buildTree(k, opts);
  if (e < 0) return e;
  const uid = opts.uid ?? 0, gid = opts.gid ?? 0;
  const ids = { uid, euid: uid, gid, egid: gid };
  const img = loadImage(
    k,
    ids,
    opts.program,
    opts.argv.map((s) => encoder.encode(s)),
    opts.envp.map((s) => encoder.encode(s)),
    opts.execfn,
  );
  if (typeof img === "number") return img;
  const cwd = k.vfs.resolve(k.vfs.root, opts.cwd, ROOT_CRED);
  if (typeof cwd === "number") return -Errno.ENOENT;
  const fds = new FdTable();
  for (const s of [0, 1, 2] as const) {
    // A terminal shows as a pty (major 136); a pipe or file as a FIFO, so that libc
    // picks the same buffering as for the host's own stream.
    const node = new DevNode(136, s, hostStreamOps(k.port, s), 0o620);
    if (!k.port.isTerminal(s)) {
      node.mode = Mode.FIFO | 0o600;
      node.rdev = 0;
    }
    node.uid = uid;
    fds.install(new OpenFile(node, node.ops, s === 0 ? OFlag.RDONLY : OFlag.WRONLY));
  }
  const p = new Process(k.allocPid(), null, img.as, fds, cwd);
  Object.assign(p, { uid, euid: uid, suid: uid, gid, egid: gid, sgid: gid });
  p.comm = opts.execfn.slice(opts.execfn.lastIndexOf("/") + 1).slice(0, 15);
  const s = initialState(img.entry, img.esp);
  p.cpu.regs.set(s.regs);
  p.cpu.eip = s.eip;
  p.cpu.eflags = s.eflags;
  p.cpu.sregs.set(s.sregs);
  k.init = p;
  k.addProcess(p);
  return k;
}
