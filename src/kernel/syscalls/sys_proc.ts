/**
 * Process system calls: exit, fork/vfork/clone, execve, wait4/waitpid, ids, process
 * groups and sessions, TLS (set_thread_area), set_tid_address, and the thread-less
 * futex / robust-list / prctl subset static libcs call at start-up.
 */
import { Errno } from "../../abi/errno.ts";
import { RUSAGE, USER_DESC } from "../../abi/layouts.ts";
import { Sig } from "../../abi/signals.ts";
import { Seg } from "../../machine/cpu/regs.ts";
import type { SegmentTable } from "../../machine/cpu/segments.ts";
import { TLS_ENTRY_MAX, TLS_ENTRY_MIN } from "../../machine/cpu/regs.ts";
import type { Kernel } from "../kernel.ts";
import { type Process, State } from "../proc/process.ts";
import { exitProcess, forkProcess, reap } from "../proc/lifecycle.ts";
import { execve } from "../proc/exec.ts";
import { type Handler, NO_RETURN, readStruct, struct } from "./handler.ts";
import { WaitQueue } from "../proc/wait_queue.ts";

const CLONE_VM = 0x100;
const CLONE_FS = 0x200;
const CLONE_FILES = 0x400;
const CLONE_SIGHAND = 0x800;
const CLONE_VFORK = 0x4000;
const CLONE_THREAD = 0x10000;
const CSIGNAL = 0xff;
const WNOHANG = 1;
const WUNTRACED = 2;
const WCONTINUED = 8;
const WALL = 0x4000_0000;

const exit: Handler = (k, p, a) => {
  exitProcess(k, p, (a[0] & 0xff) << 8);
  return NO_RETURN;
};

const CLONE_SETTLS = 0x80000;
const CLONE_PARENT_SETTID = 0x100000;
const CLONE_CHILD_CLEARTID = 0x200000;
const CLONE_CHILD_SETTID = 0x1000000;

/** clone's pointer arguments (i386 order: ptid in edx, tls in esi, ctid in edi). */
interface CloneArgs {
  ptid: number;
  tls: number;
  ctid: number;
}

function doFork(k: Kernel, p: Process, flags: number, stack: number, ca?: CloneArgs): number {
  if (flags & (CLONE_THREAD | CLONE_SIGHAND | CLONE_FILES | CLONE_FS)) return -Errno.EINVAL;
  let tls: UserDesc | null = null;
  if (flags & CLONE_SETTLS) {
    const d = readUserDesc(p, ca?.tls ?? 0);
    if (typeof d === "number") return d;
    if (d.entry < TLS_ENTRY_MIN || d.entry > TLS_ENTRY_MAX) return -Errno.EINVAL;
    tls = d;
  }
  const vfork = (flags & CLONE_VFORK) !== 0;
  const child = forkProcess(k, p, {
    shareVm: (flags & CLONE_VM) !== 0,
    vfork,
    stack,
    exitSignal: flags & CSIGNAL,
  });
  if (typeof child === "number") return child;
  if (tls) {
    const present = installTls(child.cpu.segments, tls);
    for (const s of [Seg.FS, Seg.GS]) {
      if (!usesEntry(child.cpu.sregs[s], tls.entry)) continue;
      if (!present) child.cpu.sregs[s] = 0;
      child.cpu.segBases[s] = present ? tls.base | 0 : 0;
    }
  }
  if (flags & CLONE_PARENT_SETTID) p.um.write32(ca?.ptid ?? 0, child.pid);
  if (flags & CLONE_CHILD_SETTID) child.um.write32(ca?.ctid ?? 0, child.pid);
  if (flags & CLONE_CHILD_CLEARTID) child.clearChildTid = ca?.ctid ?? 0;
  if (vfork) p.vforkChild = child;
  return child.pid;
}

/** vfork parents sleep here until the child execs or exits, then return its pid. */
function vforkWait(p: Process, pid: number): number {
  const c = p.vforkChild;
  if (!c || c.vforkDone || c.state === State.Zombie) {
    p.vforkChild = null;
    return pid;
  }
  return p.sleepOn(p.childEvents);
}

const fork: Handler = (k, p) => doFork(k, p, Sig.SIGCHLD, 0);

const vfork: Handler = (k, p) => {
  if (p.vforkChild) return vforkWait(p, p.vforkChild.pid);
  const pid = doFork(k, p, CLONE_VM | CLONE_VFORK | Sig.SIGCHLD, 0);
  return pid < 0 ? pid : vforkWait(p, pid);
};

const clone: Handler = (k, p, a) => {
  if (p.vforkChild) return vforkWait(p, p.vforkChild.pid);
  const pid = doFork(k, p, a[0], a[1], { ptid: a[2], tls: a[3], ctid: a[4] });
  return pid > 0 && (a[0] & CLONE_VFORK) ? vforkWait(p, pid) : pid;
};

/** Does child `c` match wait4's pid argument for parent `p`? */
function matches(p: Process, c: Process, pid: number): boolean {
  if (pid > 0) return c.pid === pid;
  if (pid === 0) return c.pgid === p.pgid;
  if (pid < -1) return c.pgid === -pid;
  return true;
}

function writeRusage(p: Process, va: number, c: Process): number {
  if (va === 0) return 0;
  const [b, v] = struct(RUSAGE.SIZE);
  const tv = (off: number, ms: number) => {
    v.setInt32(off, Math.floor(ms / 1000), true);
    v.setInt32(off + 4, Math.floor((ms % 1000) * 1000), true);
  };
  tv(RUSAGE.utime, c.utime);
  tv(RUSAGE.stime, c.stime);
  v.setInt32(RUSAGE.minflt, c.minflt, true);
  return p.um.copyOut(va, b);
}

const wait4: Handler = (k, p, a) => {
  const [pid, statusVa, options, ruVa] = a;
  if (options & ~(WNOHANG | WUNTRACED | WCONTINUED | WALL | 0x8000_0000)) return -Errno.EINVAL;
  const kids = [...p.children].filter((c) => matches(p, c, pid));
  if (kids.length === 0) return -Errno.ECHILD;
  for (const c of kids) {
    let status = -1;
    if (c.state === State.Zombie) status = c.exitStatus;
    else if (c.waitReport === "stopped" && (options & WUNTRACED)) status = c.exitStatus;
    else if (c.waitReport === "continued" && (options & WCONTINUED)) status = 0xffff;
    if (status < 0) continue;
    if (statusVa !== 0 && p.um.write32(statusVa, status) < 0) return -Errno.EFAULT;
    if (writeRusage(p, ruVa, c) < 0) return -Errno.EFAULT;
    if (c.state === State.Zombie) reap(k, c);
    else c.waitReport = null;
    return c.pid;
  }
  if (options & WNOHANG) return 0;
  return p.sleepOn(p.childEvents);
};

const waitpid: Handler = (k, p, a) => wait4(k, p, Int32Array.of(a[0], a[1], a[2], 0, 0, 0));

/** A struct user_desc as set_thread_area and clone(CLONE_SETTLS) read it. */
interface UserDesc {
  entry: number;
  base: number;
  limit: number;
  flags: number;
}

function readUserDesc(p: Process, va: number): UserDesc | number {
  const d = readStruct(p, va, USER_DESC.SIZE);
  if (typeof d === "number") return d;
  return {
    entry: d.getInt32(USER_DESC.entry, true),
    base: d.getUint32(USER_DESC.base, true),
    limit: d.getUint32(USER_DESC.limit, true),
    flags: d.getUint32(USER_DESC.flags, true),
  };
}

/** Installs a TLS descriptor; returns false when it clears the entry. */
function installTls(segs: SegmentTable, d: UserDesc): boolean {
  const empty = d.base === 0 && d.limit === 0 && (d.flags & 0x28) === 0x28;
  segs.setTls(d.entry, empty ? null : { base: d.base, limit: d.limit, flags: d.flags });
  return !empty;
}

/** Does selector `sel` name TLS entry `entry`? */
function usesEntry(sel: number, entry: number): boolean {
  return sel >> 3 === entry && (sel & 7) === 3;
}

const setThreadArea: Handler = (k, p, a) => {
  const d = readUserDesc(p, a[0]);
  if (typeof d === "number") return d;
  const segs = k.cpu.segments;
  if (d.entry === -1) {
    for (let e = TLS_ENTRY_MIN; e <= TLS_ENTRY_MAX && d.entry === -1; e++) {
      if (!segs.getTls(e)) d.entry = e;
    }
    if (d.entry === -1) return -Errno.ESRCH;
    if (p.um.write32(a[0] + USER_DESC.entry, d.entry) < 0) return -Errno.EFAULT;
  }
  if (d.entry < TLS_ENTRY_MIN || d.entry > TLS_ENTRY_MAX) return -Errno.EINVAL;
  const present = installTls(segs, d);
  for (const s of [Seg.FS, Seg.GS]) {
    const sel = k.cpu.sregs[s];
    if (usesEntry(sel, d.entry)) k.cpu.loadSegment(s, present ? sel : 0);
  }
  return 0;
};

const getThreadArea: Handler = (k, p, a) => {
  const entry = p.um.read32(a[0] + USER_DESC.entry);
  if (entry === null) return -Errno.EFAULT;
  if (entry < TLS_ENTRY_MIN || entry > TLS_ENTRY_MAX) return -Errno.EINVAL;
  const d = k.cpu.segments.getTls(entry);
  const [b, v] = struct(USER_DESC.SIZE);
  v.setInt32(USER_DESC.entry, entry, true);
  v.setUint32(USER_DESC.base, d?.base ?? 0, true);
  v.setUint32(USER_DESC.limit, d?.limit ?? 0, true);
  v.setUint32(USER_DESC.flags, d?.flags ?? 0x28, true);
  return p.um.copyOut(a[0], b);
};

function setIds(p: Process, kind: "uid" | "gid", r: number, e: number, s: number): number {
  const priv = p.euid === 0;
  const cur = kind === "uid" ? [p.uid, p.euid, p.suid] : [p.gid, p.egid, p.sgid];
  for (const x of [r, e, s]) {
    if (x !== -1 && !priv && !cur.includes(x)) return -Errno.EPERM;
  }
  if (kind === "uid") {
    if (r !== -1) p.uid = r;
    if (e !== -1) p.euid = e;
    if (s !== -1) p.suid = s;
  } else {
    if (r !== -1) p.gid = r;
    if (e !== -1) p.egid = e;
    if (s !== -1) p.sgid = s;
  }
  return 0;
}

const setuid: Handler = (_k, p, a) =>
  p.euid === 0 ? setIds(p, "uid", a[0], a[0], a[0]) : setIds(p, "uid", -1, a[0], -1);
const setgid: Handler = (_k, p, a) =>
  p.euid === 0 ? setIds(p, "gid", a[0], a[0], a[0]) : setIds(p, "gid", -1, a[0], -1);

/** setreuid / setregid: the saved id becomes the new effective one when real is set or
 * effective changes to something other than the old real id (setreuid(2)). */
function setRe(p: Process, kind: "uid" | "gid", r: number, e: number): number {
  const [cr, ce] = kind === "uid" ? [p.uid, p.euid] : [p.gid, p.egid];
  if (p.euid !== 0 && r !== -1 && r !== cr && r !== ce) return -Errno.EPERM;
  const saved = r !== -1 || (e !== -1 && e !== cr) ? (e !== -1 ? e : ce) : -1;
  return setIds(p, kind, r, e, saved);
}

const setgroups: Handler = (_k, p, a) => {
  if (p.euid !== 0) return -Errno.EPERM;
  if (a[0] < 0 || a[0] > 65536) return -Errno.EINVAL;
  const groups: number[] = [];
  for (let i = 0; i < a[0]; i++) {
    const g = p.um.read32(a[1] + i * 4);
    if (g === null) return -Errno.EFAULT;
    groups.push(g >>> 0);
  }
  p.groups = groups;
  return 0;
};

function getres(p: Process, a: Int32Array, vals: number[]): number {
  for (let i = 0; i < 3; i++) if (p.um.write32(a[i], vals[i]) < 0) return -Errno.EFAULT;
  return 0;
}

const setpgid: Handler = (k, p, a) => {
  const t = a[0] === 0 ? p : k.procs.get(a[0]);
  if (!t || (t !== p && t.parent !== p)) return -Errno.ESRCH;
  const pgid = a[1] === 0 ? t.pid : a[1];
  if (pgid < 0) return -Errno.EINVAL;
  if (t.sid !== p.sid || (t.pid === t.sid)) return -Errno.EPERM;
  if (pgid !== t.pid && ![...k.procs.values()].some((q) => q.pgid === pgid && q.sid === p.sid)) {
    return -Errno.EPERM;
  }
  t.pgid = pgid;
  return 0;
};

const setsid: Handler = (k, p) => {
  if ([...k.procs.values()].some((q) => q.pgid === p.pid && q.state !== State.Zombie)) {
    return -Errno.EPERM;
  }
  p.sid = p.pgid = p.pid;
  return p.sid;
};

function lookup(k: Kernel, p: Process, pid: number): Process | null {
  return pid === 0 ? p : k.procs.get(pid) ?? null;
}

const FUTEX_WAIT = 0;
const FUTEX_WAKE = 1;

const futex: Handler = (_k, p, a) => {
  const op = a[1] & 0x7f;
  if (op === FUTEX_WAKE) return 0;
  if (op === FUTEX_WAIT) {
    const v = p.um.read32(a[0]);
    if (v === null) return -Errno.EFAULT;
    if (v !== a[2]) return -Errno.EAGAIN;
    p.noRestart = true;
    return p.sleepOn(new WaitQueue());
  }
  return -Errno.ENOSYS;
};

const PR_SET_NAME = 15;
const PR_GET_NAME = 16;

const prctl: Handler = (_k, p, a) => {
  if (a[0] === PR_SET_NAME) {
    const s = p.um.copyInString(a[1], 4096);
    if (typeof s === "number") return s;
    p.comm = s.slice(0, 15);
    return 0;
  }
  if (a[0] === PR_GET_NAME) {
    const b = new Uint8Array(16);
    b.set(new TextEncoder().encode(p.comm).subarray(0, 15));
    return p.um.copyOut(a[1], b);
  }
  return -Errno.EINVAL;
};

const uid: Handler = (_k, p) => p.uid;
const euid: Handler = (_k, p) => p.euid;
const gid: Handler = (_k, p) => p.gid;
const egid: Handler = (_k, p) => p.egid;

export const PROC_HANDLERS: Readonly<Record<string, Handler>> = {
  exit,
  exit_group: exit,
  fork,
  vfork,
  clone,
  execve,
  wait4,
  waitpid,
  getpid: (_k, p) => p.pid,
  gettid: (_k, p) => p.pid,
  getppid: (_k, p) => p.parent?.pid ?? 0,
  set_tid_address: (_k, p, a) => {
    p.clearChildTid = a[0];
    return p.pid;
  },
  set_thread_area: setThreadArea,
  get_thread_area: getThreadArea,
  getuid: uid,
  getuid32: uid,
  geteuid: euid,
  geteuid32: euid,
  getgid: gid,
  getgid32: gid,
  getegid: egid,
  getegid32: egid,
  setuid,
  setuid32: setuid,
  setgid,
  setgid32: setgid,
  setreuid32: (_k, p, a) => setRe(p, "uid", a[0], a[1]),
  setregid32: (_k, p, a) => setRe(p, "gid", a[0], a[1]),
  setresuid32: (_k, p, a) => setIds(p, "uid", a[0], a[1], a[2]),
  setresgid32: (_k, p, a) => setIds(p, "gid", a[0], a[1], a[2]),
  setgroups32: setgroups,
  setfsuid32: (_k, p) => p.euid,
  setfsgid32: (_k, p) => p.egid,
  getresuid32: (_k, p, a) => getres(p, a, [p.uid, p.euid, p.suid]),
  getresgid32: (_k, p, a) => getres(p, a, [p.gid, p.egid, p.sgid]),
  getgroups32: (_k, p, a) => {
    if (a[0] === 0) return p.groups.length;
    if (a[0] < p.groups.length) return -Errno.EINVAL;
    for (let i = 0; i < p.groups.length; i++) {
      if (p.um.write32(a[1] + i * 4, p.groups[i]) < 0) return -Errno.EFAULT;
    }
    return p.groups.length;
  },
  setpgid,
  getpgid: (k, p, a) => lookup(k, p, a[0])?.pgid ?? -Errno.ESRCH,
  getpgrp: (_k, p) => p.pgid,
  setsid,
  getsid: (k, p, a) => lookup(k, p, a[0])?.sid ?? -Errno.ESRCH,
  futex,
  futex_time64: futex,
  set_robust_list: (_k, _p, a) => (a[1] === 12 ? 0 : -Errno.EINVAL),
  prctl,
  sched_yield: () => 0,
};
