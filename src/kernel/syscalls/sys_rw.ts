/**
 * Read/write-family system calls on file descriptors: read, write, readv, writev,
 * pread64, pwrite64, lseek, _llseek, close, dup/dup2/dup3, fcntl, pipe/pipe2, ioctl,
 * poll and select.
 *
 * Contract: user buffers are checked (and faulted in) before any data moves, so a bad
 * pointer gives EFAULT without consuming pipe or terminal input. Transfers are capped
 * at 16 MiB per call (short counts, as Linux allows). Blocking follows the BLOCK
 * convention; poll/select sleep on every polled file's queue and an optional deadline.
 */
import { Errno } from "../../abi/errno.ts";
import { IOVEC, POLLFD } from "../../abi/layouts.ts";
import type { Kernel } from "../kernel.ts";
import type { Process } from "../proc/process.ts";
import { BLOCK } from "../proc/wait_queue.ts";
import { OFlag, type OpenFile, PollBit, SETFL_MASK } from "../fs/file.ts";
import { Pipe } from "../fs/pipe.ts";
import { type Handler, put64, readStruct, struct } from "./handler.ts";

const MAX_RW = 16 << 20;
const IOV_MAX = 1024;

/** Faults in every page of [va, va+len) for the access; 0 or -errno. */
function checkUser(p: Process, va: number, len: number, write: boolean): number {
  if (len === 0) return 0;
  if ((va >>> 0) + len > 0x1_0000_0000) return -Errno.EFAULT;
  for (let at = va >>> 0; at < (va >>> 0) + len; at = ((at & ~0xfff) >>> 0) + 0x1000) {
    if (p.um.translate(at, write) < 0) return -p.um.lastErrno;
  }
  return 0;
}

function readable(p: Process, fd: number): OpenFile | number {
  const f = p.fds.get(fd);
  if (!f || !f.readable) return -Errno.EBADF;
  if (f.inode.isDir) return -Errno.EISDIR;
  return f;
}

function writable(p: Process, fd: number): OpenFile | number {
  const f = p.fds.get(fd);
  return f && f.writable ? f : -Errno.EBADF;
}

/** Reads into a kernel buffer then copies out; `at` >= 0 for pread. */
function readInto(p: Process, f: OpenFile, va: number, len: number, at = -1): number | Uint8Array {
  const n = Math.min(len >>> 0, MAX_RW);
  const e = checkUser(p, va, n, true);
  if (e < 0) return e;
  const buf = new Uint8Array(n);
  let r: number;
  if (at >= 0) r = f.inode.readAt(at, buf);
  else r = f.ops.read(f, buf, p);
  if (r < 0) return r;
  return buf.subarray(0, r);
}

const read: Handler = (_k, p, a) => {
  const f = readable(p, a[0]);
  if (typeof f === "number") return f;
  const data = readInto(p, f, a[1], a[2]);
  if (typeof data === "number") return data;
  return p.um.copyOut(a[1], data) < 0 ? -Errno.EFAULT : data.length;
};

const write: Handler = (_k, p, a) => {
  const f = writable(p, a[0]);
  if (typeof f === "number") return f;
  const n = Math.min(a[2] >>> 0, MAX_RW);
  const buf = new Uint8Array(n);
  if (p.um.copyIn(a[1], buf) < 0) return -Errno.EFAULT;
  return f.ops.write(f, buf, p);
};

/** Reads an iovec array: [base, len] pairs, or -errno. */
function iovecs(p: Process, va: number, count: number): [number, number][] | number {
  if (count < 0 || count > IOV_MAX) return -Errno.EINVAL;
  const v = readStruct(p, va, count * IOVEC.SIZE);
  if (typeof v === "number") return v;
  const out: [number, number][] = [];
  let total = 0;
  for (let i = 0; i < count; i++) {
    const len = v.getInt32(i * 8 + IOVEC.len, true);
    if (len < 0 || (total += len) > 0x7fff_ffff) return -Errno.EINVAL;
    out.push([v.getUint32(i * 8 + IOVEC.base, true), len]);
  }
  return out;
}

const readv: Handler = (_k, p, a) => {
  const f = readable(p, a[0]);
  if (typeof f === "number") return f;
  const iov = iovecs(p, a[1], a[2]);
  if (typeof iov === "number") return iov;
  for (const [base, len] of iov) {
    const e = checkUser(p, base, len, true);
    if (e < 0) return e;
  }
  const total = Math.min(iov.reduce((n, [, l]) => n + l, 0), MAX_RW);
  const buf = new Uint8Array(total);
  const r = f.ops.read(f, buf, p);
  if (r < 0) return r;
  let done = 0;
  for (const [base, len] of iov) {
    const n = Math.min(len, r - done);
    if (n <= 0) break;
    p.um.copyOut(base, buf.subarray(done, done + n));
    done += n;
  }
  return r;
};

const writev: Handler = (_k, p, a) => {
  const f = writable(p, a[0]);
  if (typeof f === "number") return f;
  const iov = iovecs(p, a[1], a[2]);
  if (typeof iov === "number") return iov;
  const total = Math.min(iov.reduce((n, [, l]) => n + l, 0), MAX_RW);
  const buf = new Uint8Array(total);
  let done = 0;
  for (const [base, len] of iov) {
    const n = Math.min(len, total - done);
    if (n > 0 && p.um.copyIn(base, buf.subarray(done, done + n)) < 0) return -Errno.EFAULT;
    done += n;
  }
  return f.ops.write(f, buf, p);
};

function offset64(lo: number, hi: number): number {
  return (hi >>> 0) * 0x1_0000_0000 + (lo >>> 0);
}

const pread64: Handler = (_k, p, a) => {
  const f = readable(p, a[0]);
  if (typeof f === "number") return f;
  if (!f.ops.seekable) return -Errno.ESPIPE;
  const at = offset64(a[3], a[4]);
  if (a[4] < 0) return -Errno.EINVAL;
  const data = readInto(p, f, a[1], a[2], at);
  if (typeof data === "number") return data;
  return p.um.copyOut(a[1], data) < 0 ? -Errno.EFAULT : data.length;
};

const pwrite64: Handler = (_k, p, a) => {
  const f = writable(p, a[0]);
  if (typeof f === "number") return f;
  if (!f.ops.seekable) return -Errno.ESPIPE;
  if (a[4] < 0) return -Errno.EINVAL;
  const buf = new Uint8Array(Math.min(a[2] >>> 0, MAX_RW));
  if (p.um.copyIn(a[1], buf) < 0) return -Errno.EFAULT;
  return f.inode.writeAt(offset64(a[3], a[4]), buf);
};

/** Moves the offset; returns the new offset or -errno. */
function seek(f: OpenFile, off: number, whence: number): number {
  if (!f.ops.seekable) return -Errno.ESPIPE;
  let base: number;
  if (whence === 0) base = 0;
  else if (whence === 1) base = f.pos;
  else if (whence === 2) base = f.inode.size;
  else return -Errno.EINVAL;
  const pos = base + off;
  if (pos < 0) return -Errno.EINVAL;
  f.pos = pos;
  if (pos === 0) f.dirents = null;
  return pos;
}

const lseek: Handler = (_k, p, a) => {
  const f = p.fds.get(a[0]);
  if (!f) return -Errno.EBADF;
  const r = seek(f, a[1], a[2]);
  return r > 0x7fff_ffff ? -Errno.EOVERFLOW : r;
};

const llseek: Handler = (_k, p, a) => {
  const f = p.fds.get(a[0]);
  if (!f) return -Errno.EBADF;
  const off = a[1] * 0x1_0000_0000 + (a[2] >>> 0);
  const r = seek(f, off, a[4]);
  if (r < 0) return r;
  const [b, v] = struct(8);
  put64(v, 0, r);
  return p.um.copyOut(a[3], b) < 0 ? -Errno.EFAULT : 0;
};

const dup: Handler = (_k, p, a) => {
  const f = p.fds.get(a[0]);
  if (!f) return -Errno.EBADF;
  f.refs++;
  const fd = p.fds.install(f);
  if (fd < 0) f.refs--;
  return fd;
};

function dupTo(p: Process, oldFd: number, newFd: number, cloexec: boolean): number {
  const f = p.fds.get(oldFd);
  if (!f) return -Errno.EBADF;
  if (newFd < 0 || newFd >= p.fds.limit) return -Errno.EBADF;
  f.refs++;
  return p.fds.installAt(newFd, f, cloexec);
}

const F_DUPFD = 0, F_GETFD = 1, F_SETFD = 2, F_GETFL = 3, F_SETFL = 4;
const F_GETLK = 5, F_SETLK = 6, F_SETLKW = 7, F_GETLK64 = 12, F_SETLK64 = 13, F_SETLKW64 = 14;
const F_DUPFD_CLOEXEC = 1030;

const fcntl: Handler = (_k, p, a) => {
  const [fd, cmd, arg] = a;
  const f = p.fds.get(fd);
  if (!f) return -Errno.EBADF;
  switch (cmd) {
    case F_DUPFD:
    case F_DUPFD_CLOEXEC: {
      if (arg < 0 || arg >= p.fds.limit) return -Errno.EINVAL;
      f.refs++;
      const r = p.fds.install(f, cmd === F_DUPFD_CLOEXEC, arg);
      if (r < 0) f.refs--;
      return r;
    }
    case F_GETFD:
      return p.fds.getCloexec(fd) ? 1 : 0;
    case F_SETFD:
      p.fds.setCloexec(fd, (arg & 1) !== 0);
      return 0;
    case F_GETFL:
      return f.flags;
    case F_SETFL:
      f.flags = (f.flags & ~SETFL_MASK) | (arg & SETFL_MASK);
      return 0;
    case F_GETLK:
    case F_GETLK64:
      // No other process holds a lock: report F_UNLCK (2) in l_type.
      return p.um.copyOut(arg, Uint8Array.of(2, 0)) < 0 ? -Errno.EFAULT : 0;
    case F_SETLK:
    case F_SETLKW:
    case F_SETLK64:
    case F_SETLKW64:
      return 0;
    default:
      return -Errno.EINVAL;
  }
};

function makePipe(k: Kernel, p: Process, va: number, flags: number): number {
  if (flags & ~(OFlag.CLOEXEC | OFlag.NONBLOCK)) return -Errno.EINVAL;
  const pipe = Pipe.create(k.fr);
  if (!pipe) return -Errno.ENFILE;
  const [r, w] = pipe.ends(flags);
  const cloexec = (flags & OFlag.CLOEXEC) !== 0;
  const rfd = p.fds.install(r, cloexec);
  if (rfd < 0) {
    r.release();
    w.release();
    return rfd;
  }
  const wfd = p.fds.install(w, cloexec);
  if (wfd < 0) {
    p.fds.close(rfd);
    w.release();
    return wfd;
  }
  const [b, v] = struct(8);
  v.setInt32(0, rfd, true);
  v.setInt32(4, wfd, true);
  if (p.um.copyOut(va, b) < 0) {
    p.fds.close(rfd);
    p.fds.close(wfd);
    return -Errno.EFAULT;
  }
  return 0;
}

const FIONBIO = 0x5421;
const FIOCLEX = 0x5451;
const FIONCLEX = 0x5450;

const ioctl: Handler = (_k, p, a) => {
  const f = p.fds.get(a[0]);
  if (!f) return -Errno.EBADF;
  const req = a[1] >>> 0;
  if (req === FIOCLEX || req === FIONCLEX) {
    p.fds.setCloexec(a[0], req === FIOCLEX);
    return 0;
  }
  if (req === FIONBIO) {
    const on = p.um.read32(a[2]);
    if (on === null) return -Errno.EFAULT;
    f.flags = on ? f.flags | OFlag.NONBLOCK : f.flags & ~OFlag.NONBLOCK;
    return 0;
  }
  if (!f.ops.ioctl) return -Errno.ENOTTY;
  return f.ops.ioctl(
    f,
    req,
    a[2],
    (va, bytes) => (p.um.copyOut(va, bytes) < 0 ? -Errno.EFAULT : 0),
  );
};

/**
 * Shared by poll and select: nothing ready yet. Sleeps until a registered queue wakes
 * us or the deadline (`ms` < 0: none) passes; returns BLOCK, or 0 when the time is up.
 */
function pollSleep(k: Kernel, p: Process, ms: number): number {
  if (ms === 0) return 0;
  if (ms > 0) {
    if (p.wakeAt === 0) p.wakeAt = k.now() + ms;
    else if (k.now() >= p.wakeAt) {
      p.wakeAt = 0;
      return 0;
    }
  }
  p.noRestart = true;
  return p.sleepUntil(p.wakeAt);
}

const poll: Handler = (k, p, a) => {
  const [va, nfds, timeout] = a;
  if (nfds < 0 || nfds > p.fds.limit) return -Errno.EINVAL;
  const v = readStruct(p, va, nfds * POLLFD.SIZE);
  if (typeof v === "number") return v;
  const result = pollOnce(p, v, nfds, false);
  if (result > 0 || (timeout >= 0 && p.wakeAt !== 0 && k.now() >= p.wakeAt) || timeout === 0) {
    p.wakeAt = 0;
    const e = p.um.copyOut(va, new Uint8Array(v.buffer));
    return e < 0 ? e : result;
  }
  pollOnce(p, v, nfds, true);
  const r = pollSleep(k, p, timeout);
  if (r === BLOCK) return r;
  return p.um.copyOut(va, new Uint8Array(v.buffer)) < 0 ? -Errno.EFAULT : 0;
};

/** Fills revents; returns the number of ready entries (registers for wakeups if asked). */
function pollOnce(p: Process, v: DataView, nfds: number, register: boolean): number {
  let ready = 0;
  for (let i = 0; i < nfds; i++) {
    const o = i * POLLFD.SIZE;
    const fd = v.getInt32(o + POLLFD.fd, true);
    const events = v.getInt16(o + POLLFD.events, true);
    let rev = 0;
    if (fd >= 0) {
      const f = p.fds.get(fd);
      rev = f
        ? f.ops.poll(f, register ? p : null) & (events | PollBit.ERR | PollBit.HUP)
        : PollBit.NVAL;
    }
    v.setInt16(o + POLLFD.revents, rev, true);
    if (rev) ready++;
  }
  return ready;
}

/** Reads select's three fd_set bitmaps (null where the pointer is NULL); -errno. */
function readFdSets(p: Process, nfds: number, vas: number[]): (Uint8Array | null)[] | number {
  const bytes = Math.ceil(nfds / 32) * 4;
  const sets: (Uint8Array | null)[] = [];
  for (const va of vas) {
    const b = va === 0 ? null : new Uint8Array(bytes);
    if (b && p.um.copyIn(va, b) < 0) return -Errno.EFAULT;
    sets.push(b);
  }
  return sets;
}

const SELECT_WANT = [
  PollBit.IN | PollBit.HUP | PollBit.ERR,
  PollBit.OUT | PollBit.ERR,
  PollBit.PRI,
];

function isSet(set: Uint8Array | null, fd: number): boolean {
  return set !== null && (set[fd >> 3] & (1 << (fd & 7))) !== 0;
}

/**
 * One pass over the requested fds: fills `out`, returns the ready count (-EBADF for a
 * closed fd); with `register` adds the caller to each file's wait queue.
 */
function scanFdSets(
  p: Process,
  nfds: number,
  sets: (Uint8Array | null)[],
  out: (Uint8Array | null)[],
  register: boolean,
): number {
  let ready = 0;
  for (let fd = 0; fd < nfds; fd++) {
    for (let s = 0; s < 3; s++) {
      if (!isSet(sets[s], fd)) continue;
      const f = p.fds.get(fd);
      if (!f) return -Errno.EBADF;
      if (f.ops.poll(f, register ? p : null) & SELECT_WANT[s]) {
        out[s]![fd >> 3] |= 1 << (fd & 7);
        ready++;
      }
    }
  }
  return ready;
}

/** select's core: `ms` < 0 waits forever. */
function selectCore(
  k: Kernel,
  p: Process,
  nfds: number,
  vas: [number, number, number],
  ms: number,
): number {
  if (nfds < 0 || nfds > 1024) return -Errno.EINVAL;
  const sets = readFdSets(p, nfds, vas);
  if (typeof sets === "number") return sets;
  const out = sets.map((s) => (s ? new Uint8Array(s.length) : null));
  const ready = scanFdSets(p, nfds, sets, out, false);
  if (ready < 0) return ready;
  const timedOut = ms === 0 || (ms > 0 && p.wakeAt !== 0 && k.now() >= p.wakeAt);
  if (ready === 0 && !timedOut) {
    scanFdSets(p, nfds, sets, sets.map((x) => (x ? new Uint8Array(x.length) : null)), true);
    const r = pollSleep(k, p, ms);
    if (r === BLOCK) return r;
  }
  p.wakeAt = 0;
  for (let s = 0; s < 3; s++) {
    if (sets[s] && p.um.copyOut(vas[s], out[s]!) < 0) return -Errno.EFAULT;
  }
  return ready;
}

const select: Handler = (k, p, a) => {
  const [nfds, rVa, wVa, eVa, tVa] = a;
  let ms = -1;
  if (tVa !== 0) {
    const tv = readStruct(p, tVa, 8);
    if (typeof tv === "number") return tv;
    const sec = tv.getInt32(0, true), usec = tv.getInt32(4, true);
    if (sec < 0 || usec < 0 || usec >= 1_000_000) return -Errno.EINVAL;
    ms = sec * 1000 + Math.ceil(usec / 1000);
  }
  return selectCore(k, p, nfds, [rVa, wVa, eVa], ms);
};

/** Reads a timespec (32- or 64-bit) as ms; -1 for NULL; -errno on failure. */
function timeoutMs(p: Process, va: number, wide: boolean): number {
  if (va === 0) return -1;
  const v = readStruct(p, va, wide ? 16 : 8);
  if (typeof v === "number") return v;
  const sec = wide
    ? v.getUint32(0, true) + v.getInt32(4, true) * 0x1_0000_0000
    : v.getInt32(0, true);
  const nsec = v.getInt32(wide ? 8 : 4, true);
  if (sec < 0 || nsec < 0 || nsec >= 1e9) return -Errno.EINVAL;
  return sec * 1000 + Math.ceil(nsec / 1e6);
}

/**
 * Runs a p-variant (pselect6 / ppoll) with the caller's signal mask replaced by the one
 * at `maskVa` for the duration of the call; a handled signal then sees the old mask.
 */
function withMask(p: Process, maskVa: number, body: () => number): number {
  if (maskVa !== 0 && p.savedMask === null) {
    const v = readStruct(p, maskVa, 8);
    if (typeof v === "number") return v;
    p.savedMask = p.blocked;
    p.blocked = v.getBigUint64(0, true) & ~((1n << 8n) | (1n << 18n));
  }
  const r = body();
  if (r !== BLOCK && maskVa !== 0 && p.savedMask !== null) {
    p.blocked = p.savedMask;
    p.savedMask = null;
  }
  return r;
}

function pselect6(wide: boolean): Handler {
  return (k, p, a) => {
    const [nfds, rVa, wVa, eVa, tVa, sigVa] = a;
    const ms = timeoutMs(p, tVa, wide);
    if (ms < -1) return ms;
    let maskVa = 0;
    if (sigVa !== 0) {
      const v = readStruct(p, sigVa, 8);
      if (typeof v === "number") return v;
      maskVa = v.getUint32(0, true);
      if (maskVa !== 0 && v.getUint32(4, true) !== 8) return -Errno.EINVAL;
    }
    return withMask(p, maskVa, () => selectCore(k, p, nfds, [rVa, wVa, eVa], ms));
  };
}

function ppoll(wide: boolean): Handler {
  return (k, p, a) => {
    const [va, nfds, tVa, maskVa, size] = a;
    if (maskVa !== 0 && size !== 8) return -Errno.EINVAL;
    const ms = timeoutMs(p, tVa, wide);
    if (ms < -1) return ms;
    return withMask(p, maskVa, () => poll(k, p, Int32Array.of(va, nfds, ms)));
  };
}

/**
 * sendfile / sendfile64: copies from a regular file (at *offset, or its file offset) to
 * any writable file. The input is read positionally and only advanced by what the
 * output accepted, so a blocking output loses nothing.
 */
function sendfile(wide: boolean): Handler {
  return (_k, p, a) => {
    const [outFd, inFd, offVa, count] = a;
    const out = writable(p, outFd);
    if (typeof out === "number") return out;
    const src = readable(p, inFd);
    if (typeof src === "number") return src;
    if (!src.inode.isRegular) return -Errno.EINVAL;
    let pos = src.pos;
    if (offVa !== 0) {
      const v = readStruct(p, offVa, wide ? 8 : 4);
      if (typeof v === "number") return v;
      pos = wide ? v.getUint32(0, true) + v.getInt32(4, true) * 2 ** 32 : v.getInt32(0, true);
      if (pos < 0) return -Errno.EINVAL;
    }
    const buf = new Uint8Array(Math.min(count >>> 0, MAX_RW));
    const n = src.inode.readAt(pos, buf);
    if (n <= 0) return n;
    const w = out.ops.write(out, buf.subarray(0, n), p);
    if (w < 0) return w;
    if (offVa === 0) src.pos = pos + w;
    else {
      const [b, v] = struct(wide ? 8 : 4);
      if (wide) put64(v, 0, pos + w);
      else v.setInt32(0, pos + w, true);
      if (p.um.copyOut(offVa, b) < 0) return -Errno.EFAULT;
    }
    return w;
  };
}

const CLOSE_RANGE_CLOEXEC = 4;

const closeRange: Handler = (_k, p, a) => {
  const first = a[0] >>> 0, last = a[1] >>> 0, flags = a[2];
  if (first > last || (flags & ~(CLOSE_RANGE_CLOEXEC | 2))) return -Errno.EINVAL;
  for (let fd = first; fd <= Math.min(last, p.fds.limit - 1); fd++) {
    if (!p.fds.get(fd)) continue;
    if (flags & CLOSE_RANGE_CLOEXEC) p.fds.setCloexec(fd, true);
    else p.fds.close(fd);
  }
  return 0;
};

export const RW_HANDLERS: Readonly<Record<string, Handler>> = {
  read,
  write,
  readv,
  writev,
  pread64,
  pwrite64,
  lseek,
  _llseek: llseek,
  close: (_k, p, a) => p.fds.close(a[0]),
  dup,
  dup2: (
    _k,
    p,
    a,
  ) => (a[0] === a[1] ? (p.fds.get(a[0]) ? a[1] : -Errno.EBADF) : dupTo(p, a[0], a[1], false)),
  dup3: (_k, p, a) => {
    if (a[0] === a[1] || (a[2] & ~OFlag.CLOEXEC)) return -Errno.EINVAL;
    return dupTo(p, a[0], a[1], (a[2] & OFlag.CLOEXEC) !== 0);
  },
  fcntl,
  fcntl64: fcntl,
  pipe: (k, p, a) => makePipe(k, p, a[0], 0),
  pipe2: (k, p, a) => makePipe(k, p, a[0], a[1]),
  ioctl,
  poll,
  _newselect: select,
  pselect6: pselect6(false),
  pselect6_time64: pselect6(true),
  ppoll: ppoll(false),
  ppoll_time64: ppoll(true),
  fsync: (_k, p, a) => (p.fds.get(a[0]) ? 0 : -Errno.EBADF),
  fdatasync: (_k, p, a) => (p.fds.get(a[0]) ? 0 : -Errno.EBADF),
  sync: () => 0,
  close_range: closeRange,
  sendfile: sendfile(false),
  sendfile64: sendfile(true),
};
