/**
 * System information calls: uname, sysinfo, getrandom, and resource limits
 * (getrlimit, ugetrlimit, setrlimit, prlimit64). Limits are recorded per process and
 * inherited; RLIMIT_NOFILE is enforced by the fd table, RLIMIT_STACK by the stack
 * region's fixed 8 MiB maximum.
 */
import { Errno } from "../../abi/errno.ts";
import { RLIMIT, RLIMIT64, SYSINFO, UTSNAME } from "../../abi/layouts.ts";
import { VERSION } from "../../version.ts";
import type { Kernel } from "../kernel.ts";
import type { Process } from "../proc/process.ts";
import { State } from "../proc/process.ts";
import { type Handler, put64, readStruct, struct } from "./handler.ts";

const RLIMIT_STACK = 3;
const RLIMIT_NOFILE = 7;
const RLIM_NLIMITS = 16;
const INFINITY = -1;

const encoder = new TextEncoder();

const uname: Handler = (_k, p, a) => {
  const fields = ["denix", "denix", "6.1.0-denix", `#1 denix ${VERSION}`, "i686", "(none)"];
  const b = new Uint8Array(UTSNAME.SIZE);
  fields.forEach((f, i) => b.set(encoder.encode(f).subarray(0, 64), i * UTSNAME.FIELD));
  return p.um.copyOut(a[0], b) < 0 ? -Errno.EFAULT : 0;
};

const sysinfo: Handler = (k, p, a) => {
  const [b, v] = struct(SYSINFO.SIZE);
  v.setInt32(SYSINFO.uptime, Math.floor(k.now() / 1000), true);
  v.setUint32(SYSINFO.totalram, k.fr.buddy.frames * 4096, true);
  v.setUint32(SYSINFO.freeram, k.fr.buddy.freeFrames * 4096, true);
  let procs = 0;
  for (const q of k.procs.values()) if (q.state !== State.Zombie) procs++;
  v.setUint16(SYSINFO.procs, procs, true);
  v.setUint32(SYSINFO.memUnit, 1, true);
  return p.um.copyOut(a[0], b) < 0 ? -Errno.EFAULT : 0;
};

const getrandom: Handler = (_k, p, a) => {
  const n = Math.min(a[1] >>> 0, 1 << 25);
  if (a[2] & ~7) return -Errno.EINVAL;
  const b = new Uint8Array(n);
  for (let i = 0; i < n; i += 65536) crypto.getRandomValues(b.subarray(i, i + 65536));
  return p.um.copyOut(a[0], b) < 0 ? -Errno.EFAULT : n;
};

/** [cur, max] of `res` for `p` (-1 = RLIM_INFINITY). */
function limit(p: Process, res: number): [number, number] {
  const set = p.rlimits.get(res);
  if (set) return set;
  if (res === RLIMIT_STACK) return [8 << 20, INFINITY];
  if (res === RLIMIT_NOFILE) return [p.fds.limit, 4096];
  return [INFINITY, INFINITY];
}

function setLimit(p: Process, res: number, cur: number, max: number): number {
  const old = limit(p, res);
  const big = (x: number) => (x === INFINITY ? Infinity : x);
  if (big(cur) > big(max)) return -Errno.EINVAL;
  if (big(max) > big(old[1]) && p.euid !== 0) return -Errno.EPERM;
  if (res === RLIMIT_NOFILE) {
    if (big(cur) > 4096) return -Errno.EPERM;
    p.fds.limit = cur;
  }
  p.rlimits.set(res, [cur, max]);
  return 0;
}

function getrlimit32(p: Process, res: number, va: number): number {
  if (res < 0 || res >= RLIM_NLIMITS) return -Errno.EINVAL;
  const [cur, max] = limit(p, res);
  const [b, v] = struct(RLIMIT.SIZE);
  v.setInt32(RLIMIT.cur, cur, true);
  v.setInt32(RLIMIT.max, max, true);
  return p.um.copyOut(va, b) < 0 ? -Errno.EFAULT : 0;
}

const setrlimit: Handler = (_k, p, a) => {
  if (a[0] < 0 || a[0] >= RLIM_NLIMITS) return -Errno.EINVAL;
  const v = readStruct(p, a[1], RLIMIT.SIZE);
  if (typeof v === "number") return v;
  return setLimit(p, a[0], v.getInt32(RLIMIT.cur, true), v.getInt32(RLIMIT.max, true));
};

const prlimit64: Handler = (k: Kernel, p, a) => {
  const [pid, res, newVa, oldVa] = a;
  const t = pid === 0 ? p : k.procs.get(pid);
  if (!t) return -Errno.ESRCH;
  if (res < 0 || res >= RLIM_NLIMITS) return -Errno.EINVAL;
  let next: [number, number] | null = null;
  if (newVa !== 0) {
    const v = readStruct(p, newVa, RLIMIT64.SIZE);
    if (typeof v === "number") return v;
    const get = (off: number) =>
      v.getInt32(off + 4, true) === -1 && v.getInt32(off, true) === -1 ? INFINITY : Math.min(
        v.getUint32(off, true) + v.getUint32(off + 4, true) * 0x1_0000_0000,
        2 ** 31 - 1,
      );
    next = [get(RLIMIT64.cur), get(RLIMIT64.max)];
  }
  if (oldVa !== 0) {
    const [cur, max] = limit(t, res);
    const [b, v] = struct(RLIMIT64.SIZE);
    for (const [off, x] of [[RLIMIT64.cur, cur], [RLIMIT64.max, max]]) {
      if (x === INFINITY) v.setBigInt64(off, -1n, true);
      else put64(v, off, x);
    }
    if (p.um.copyOut(oldVa, b) < 0) return -Errno.EFAULT;
  }
  return next ? setLimit(t, res, next[0], next[1]) : 0;
};

/** sched_getaffinity: one CPU (bit 0). */
const schedGetaffinity: Handler = (_k, p, a) => {
  const size = a[1] >>> 0;
  if (size < 4 || size & 3) return -Errno.EINVAL;
  const b = new Uint8Array(size);
  b[0] = 1;
  return p.um.copyOut(a[2], b) < 0 ? -Errno.EFAULT : size;
};

export const INFO_HANDLERS: Readonly<Record<string, Handler>> = {
  uname,
  sysinfo,
  getrandom,
  ugetrlimit: (_k, p, a) => getrlimit32(p, a[0], a[1]),
  getrlimit: (_k, p, a) => getrlimit32(p, a[0], a[1]),
  setrlimit,
  prlimit64,
  sched_getaffinity: schedGetaffinity,
  sched_setaffinity: (_k, _p, a) => (a[1] >>> 0 >= 4 ? 0 : -Errno.EINVAL),
  sched_get_priority_max: (
    _k,
    _p,
    a,
  ) => (a[0] === 0 ? 0 : a[0] === 1 || a[0] === 2 ? 99 : -Errno.EINVAL),
  sched_get_priority_min: (
    _k,
    _p,
    a,
  ) => (a[0] === 0 ? 0 : a[0] === 1 || a[0] === 2 ? 1 : -Errno.EINVAL),
  getcpu: (_k, p, a) => {
    if (a[0] !== 0 && p.um.write32(a[0], 0) < 0) return -Errno.EFAULT;
    if (a[1] !== 0 && p.um.write32(a[1], 0) < 0) return -Errno.EFAULT;
    return 0;
  },
  getpriority: (
    k,
    _p,
    a,
  ) => (a[0] === 0 && (a[1] === 0 || k.procs.has(a[1]))
    ? 20
    : a[0] > 2
    ? -Errno.EINVAL
    : -Errno.ESRCH),
  setpriority: (
    _k,
    p,
    a,
  ) => (a[0] > 2 ? -Errno.EINVAL : a[2] < 0 && p.euid !== 0 ? -Errno.EACCES : 0),
};
