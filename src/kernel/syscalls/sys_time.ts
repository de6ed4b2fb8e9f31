/**
 * Time system calls: clock_gettime (32- and 64-bit time), clock_getres, gettimeofday,
 * time, nanosleep, clock_nanosleep (32/64, relative and TIMER_ABSTIME), times,
 * getrusage and alarm. The realtime clock is the host's; the monotonic clock is the
 * host's performance clock since boot; CPU clocks are the time the process ran.
 */
import { Errno } from "../../abi/errno.ts";
import { RUSAGE, TIMESPEC, TIMESPEC64, TIMEVAL, TMS } from "../../abi/layouts.ts";
import type { Kernel } from "../kernel.ts";
import type { Process } from "../proc/process.ts";
import { type Handler, put64, readStruct, struct } from "./handler.ts";

const CLOCK_REALTIME = 0;
const CLOCK_MONOTONIC = 1;
const CLOCK_PROCESS_CPUTIME_ID = 2;
const CLOCK_THREAD_CPUTIME_ID = 3;
const TIMER_ABSTIME = 1;
const HZ = 100;

/** Milliseconds (fractional) on clock `id`, or -1 for an unknown clock. */
function clockMs(k: Kernel, p: Process, id: number): number {
  switch (id) {
    case CLOCK_REALTIME:
    case 5: // REALTIME_COARSE
    case 8: // REALTIME_ALARM
    case 11: // TAI
      return performance.timeOrigin + performance.now();
    case CLOCK_MONOTONIC:
    case 4: // MONOTONIC_RAW
    case 6: // MONOTONIC_COARSE
    case 7: // BOOTTIME
    case 9: // BOOTTIME_ALARM
      return k.now();
    case CLOCK_PROCESS_CPUTIME_ID:
    case CLOCK_THREAD_CPUTIME_ID:
      return p.utime + p.stime;
    default:
      return -1;
  }
}

function timespec(ms: number, wide: boolean): Uint8Array {
  const sec = Math.floor(ms / 1000);
  const nsec = Math.floor((ms - sec * 1000) * 1e6);
  const [b, v] = struct(wide ? TIMESPEC64.SIZE : TIMESPEC.SIZE);
  if (wide) {
    put64(v, TIMESPEC64.sec, sec);
    v.setUint32(TIMESPEC64.nsec, nsec, true);
  } else {
    v.setInt32(TIMESPEC.sec, sec, true);
    v.setInt32(TIMESPEC.nsec, nsec, true);
  }
  return b;
}

/** Reads a timespec as ms, or -errno (EINVAL for bad nanoseconds). */
function readTimespec(p: Process, va: number, wide: boolean): number {
  const v = readStruct(p, va, wide ? TIMESPEC64.SIZE : TIMESPEC.SIZE);
  if (typeof v === "number") return v;
  const sec = wide
    ? v.getUint32(0, true) + v.getInt32(4, true) * 0x1_0000_0000
    : v.getInt32(TIMESPEC.sec, true);
  const nsec = v.getInt32(wide ? TIMESPEC64.nsec : TIMESPEC.nsec, true);
  if (nsec < 0 || nsec >= 1e9 || sec < 0) return -Errno.EINVAL;
  return sec * 1000 + nsec / 1e6;
}

function clockGettime(wide: boolean): Handler {
  return (k, p, a) => {
    const ms = clockMs(k, p, a[0]);
    if (ms < 0) return -Errno.EINVAL;
    return p.um.copyOut(a[1], timespec(ms, wide)) < 0 ? -Errno.EFAULT : 0;
  };
}

/** The sleeping part of nanosleep / clock_nanosleep; `deadline` on the kernel clock. */
function sleepUntil(k: Kernel, p: Process, deadline: number, remVa: number, wide: boolean): number {
  if (p.wakeAt === 0) p.wakeAt = deadline;
  if (k.now() >= p.wakeAt) {
    p.wakeAt = 0;
    return 0;
  }
  p.noRestart = true;
  const at = p.wakeAt;
  p.onEintr = () => {
    if (remVa !== 0) p.um.copyOut(remVa, timespec(Math.max(0, at - k.now()), wide));
  };
  return p.sleepUntil(at);
}

const nanosleep: Handler = (k, p, a) => {
  if (p.wakeAt !== 0) return sleepUntil(k, p, p.wakeAt, a[1], false);
  const ms = readTimespec(p, a[0], false);
  if (ms < 0) return ms;
  return sleepUntil(k, p, k.now() + ms, a[1], false);
};

function clockNanosleep(wide: boolean): Handler {
  return (k, p, a) => {
    const [clock, flags, reqVa, remVa] = a;
    if (p.wakeAt !== 0) return sleepUntil(k, p, p.wakeAt, remVa, wide);
    const now = clockMs(k, p, clock);
    if (now < 0 || clock === CLOCK_THREAD_CPUTIME_ID) return -Errno.EINVAL;
    const ms = readTimespec(p, reqVa, wide);
    if (ms < 0) return ms;
    const delay = flags & TIMER_ABSTIME ? ms - now : ms;
    return sleepUntil(k, p, k.now() + Math.max(0, delay), flags & TIMER_ABSTIME ? 0 : remVa, wide);
  };
}

const gettimeofday: Handler = (_k, p, a) => {
  if (a[0] !== 0) {
    const ms = performance.timeOrigin + performance.now();
    const [b, v] = struct(TIMEVAL.SIZE);
    v.setInt32(TIMEVAL.sec, Math.floor(ms / 1000), true);
    v.setInt32(TIMEVAL.usec, Math.floor((ms % 1000) * 1000), true);
    if (p.um.copyOut(a[0], b) < 0) return -Errno.EFAULT;
  }
  if (a[1] !== 0 && p.um.copyOut(a[1], new Uint8Array(8)) < 0) return -Errno.EFAULT;
  return 0;
};

const time: Handler = (_k, p, a) => {
  const t = Math.floor(Date.now() / 1000);
  if (a[0] !== 0 && p.um.write32(a[0], t) < 0) return -Errno.EFAULT;
  return t;
};

const ticks = (ms: number) => Math.floor(ms / (1000 / HZ));

const times: Handler = (k, p, a) => {
  if (a[0] !== 0) {
    const [b, v] = struct(TMS.SIZE);
    v.setInt32(TMS.utime, ticks(p.utime), true);
    v.setInt32(TMS.stime, ticks(p.stime), true);
    v.setInt32(TMS.cutime, ticks(p.cutime), true);
    v.setInt32(TMS.cstime, ticks(p.cstime), true);
    if (p.um.copyOut(a[0], b) < 0) return -Errno.EFAULT;
  }
  return ticks(k.now()) | 0;
};

const getrusage: Handler = (_k, p, a) => {
  const who = a[0];
  if (who !== 0 && who !== -1 && who !== 1) return -Errno.EINVAL;
  const u = who === -1 ? p.cutime : p.utime;
  const s = who === -1 ? p.cstime : p.stime;
  const [b, v] = struct(RUSAGE.SIZE);
  v.setInt32(RUSAGE.utime, Math.floor(u / 1000), true);
  v.setInt32(RUSAGE.utime + 4, Math.floor((u % 1000) * 1000), true);
  v.setInt32(RUSAGE.stime, Math.floor(s / 1000), true);
  v.setInt32(RUSAGE.stime + 4, Math.floor((s % 1000) * 1000), true);
  if (who !== -1) {
    v.setInt32(RUSAGE.maxrss, p.as.residentPages() * 4, true);
    v.setInt32(RUSAGE.minflt, p.minflt, true);
  }
  return p.um.copyOut(a[1], b) < 0 ? -Errno.EFAULT : 0;
};

const alarm: Handler = (k, p, a) => {
  const left = p.alarmAt > 0 ? Math.ceil((p.alarmAt - k.now()) / 1000) : 0;
  p.alarmAt = a[0] === 0 ? 0 : k.now() + (a[0] >>> 0) * 1000;
  p.alarmInterval = 0;
  if (p.alarmAt) k.kick();
  return Math.max(left, 0);
};

const ITIMER_REAL = 0;

/** struct itimerval: interval then value, two timevals. */
function itimerval(intervalMs: number, valueMs: number): Uint8Array {
  const [b, v] = struct(16);
  for (const [off, ms] of [[0, intervalMs], [8, valueMs]]) {
    v.setInt32(off, Math.floor(ms / 1000), true);
    v.setInt32(off + 4, Math.floor((ms % 1000) * 1000), true);
  }
  return b;
}

function currentTimer(k: Kernel, p: Process): Uint8Array {
  return itimerval(p.alarmInterval, p.alarmAt > 0 ? Math.max(0, p.alarmAt - k.now()) : 0);
}

const getitimer: Handler = (k, p, a) => {
  if (a[0] !== ITIMER_REAL) return -Errno.EINVAL;
  return p.um.copyOut(a[1], currentTimer(k, p)) < 0 ? -Errno.EFAULT : 0;
};

const setitimer: Handler = (k, p, a) => {
  if (a[0] !== ITIMER_REAL) return -Errno.EINVAL;
  const old = currentTimer(k, p);
  if (a[1] !== 0) {
    const v = readStruct(p, a[1], 16);
    if (typeof v === "number") return v;
    const ms = (off: number) => v.getInt32(off, true) * 1000 + v.getInt32(off + 4, true) / 1000;
    if (v.getInt32(4, true) >= 1e6 || v.getInt32(12, true) >= 1e6) return -Errno.EINVAL;
    const value = ms(8);
    p.alarmInterval = value > 0 ? ms(0) : 0;
    p.alarmAt = value > 0 ? k.now() + value : 0;
    if (p.alarmAt) k.kick();
  }
  if (a[2] !== 0 && p.um.copyOut(a[2], old) < 0) return -Errno.EFAULT;
  return 0;
};

export const TIME_HANDLERS: Readonly<Record<string, Handler>> = {
  clock_gettime: clockGettime(false),
  clock_gettime64: clockGettime(true),
  clock_getres: (k, p, a) => {
    if (clockMs(k, p, a[0]) < 0) return -Errno.EINVAL;
    return a[1] === 0 || p.um.copyOut(a[1], timespec(1e-6, false)) === 0 ? 0 : -Errno.EFAULT;
  },
  clock_getres_time64: (k, p, a) => {
    if (clockMs(k, p, a[0]) < 0) return -Errno.EINVAL;
    return a[1] === 0 || p.um.copyOut(a[1], timespec(1e-6, true)) === 0 ? 0 : -Errno.EFAULT;
  },
  gettimeofday,
  time,
  nanosleep,
  clock_nanosleep: clockNanosleep(false),
  clock_nanosleep_time64: clockNanosleep(true),
  times,
  getrusage,
  alarm,
  getitimer,
  setitimer,
};
