/**
 * A process: identity, credentials, CPU context, address space, files and signal state.
 *
 * Life cycle: Runnable <-> Sleeping (on a WaitQueue or a timer) / Stopped, then Zombie
 * after exit until the parent's wait reaps it. Invariants: only a Runnable process is
 * on the run queue; a Zombie has no address space and no files; `wakeAt` > 0 only while
 * a timed sleep is pending.
 */
import { CpuState } from "../../machine/cpu/cpu.ts";
import type { AddressSpace } from "../mm/address_space.ts";
import { UserMemory } from "../mm/uaccess.ts";
import type { FdTable } from "../fs/file.ts";
import type { Dentry } from "../fs/vfs.ts";
import type { Cred } from "../fs/perm.ts";
import { BLOCK, type Sleeper, WaitQueue } from "./wait_queue.ts";

export const enum State {
  Runnable = 1,
  Sleeping = 2,
  Stopped = 3,
  Zombie = 4,
}

/** A signal disposition (sigaction). handler 0 = SIG_DFL, 1 = SIG_IGN. */
export interface SigHandler {
  handler: number;
  flags: number;
  restorer: number;
  mask: bigint;
}

/** Information queued with a pending signal (siginfo_t fields). */
export interface SigInfo {
  signo: number;
  code: number;
  pid: number;
  uid: number;
  addr: number;
  status: number;
}

/** Resource limits we track: [cur, max] with -1 = infinity. */
export type Rlimits = Map<number, [number, number]>;

export class Process implements Sleeper {
  readonly pid: number;
  parent: Process | null;
  readonly children = new Set<Process>();
  pgid: number;
  sid: number;
  uid = 0;
  euid = 0;
  suid = 0;
  gid = 0;
  egid = 0;
  sgid = 0;
  groups: number[] = [];
  state = State.Runnable;
  /** wait status once a zombie (or the last stop/continue report). */
  exitStatus = 0;
  /** A stop or continue not yet reported to wait (WUNTRACED / WCONTINUED). */
  waitReport: "stopped" | "continued" | null = null;
  readonly cpu = new CpuState();
  as: AddressSpace;
  um: UserMemory;
  fds: FdTable;
  cwd: Dentry;
  umask = 0o022;
  comm: string;
  /** Signal dispositions, index 1..64. */
  actions: SigHandler[] = [];
  blocked = 0n;
  pending = 0n;
  readonly pendingInfo = new Map<number, SigInfo>();
  /** Mask to restore after rt_sigsuspend's handler returns. */
  savedMask: bigint | null = null;
  altStack = { sp: 0, size: 0, flags: 2 /* SS_DISABLE */ };
  clearChildTid = 0;
  /** SIGALRM deadline (ms, kernel clock) or 0. */
  alarmAt = 0;
  /** ITIMER_REAL reload interval (ms) or 0. */
  alarmInterval = 0;
  /** Timed sleep deadline (ms, performance clock) or 0. */
  wakeAt = 0;
  /** The queue slept on, if any. */
  sleepingOn: WaitQueue | null = null;
  /** Sleeping inside a restartable syscall (a signal makes it -EINTR or restarts it). */
  inSyscall = false;
  /** A vfork parent waiting for this child to exec or exit. */
  vforkParent: Process | null = null;
  vforkDone = false;
  /** The vfork child this process waits for. */
  vforkChild: Process | null = null;
  /** CPU time in ms (user; the kernel's share is counted as system time). */
  utime = 0;
  stime = 0;
  cutime = 0;
  cstime = 0;
  minflt = 0;
  rlimits: Rlimits = new Map();
  /** Woken when a child exits, stops or continues (wait4 sleeps here). */
  readonly childEvents = new WaitQueue();
  /** Set by blocking calls that must not restart after a handler (pause, nanosleep...). */
  noRestart = false;
  /** Run when a sleeping call is interrupted with EINTR (e.g. nanosleep writes *rem). */
  onEintr: (() => void) | null = null;
  /** Called when this process becomes runnable (set by the scheduler). */
  onWake: (p: Process) => void = () => {};

  constructor(pid: number, parent: Process | null, as: AddressSpace, fds: FdTable, cwd: Dentry) {
    this.pid = pid;
    this.parent = parent;
    this.pgid = parent?.pgid ?? pid;
    this.sid = parent?.sid ?? pid;
    this.as = as;
    this.um = new UserMemory(as);
    this.fds = fds;
    this.cwd = cwd;
    this.comm = "";
    for (let s = 0; s <= 64; s++) {
      this.actions.push({ handler: 0, flags: 0, restorer: 0, mask: 0n });
    }
  }

  /** Replaces the address space (exec); the caller disposes of the old one. */
  setAddressSpace(as: AddressSpace): void {
    this.as = as;
    const oom = this.um.oom;
    this.um = new UserMemory(as);
    this.um.oom = oom;
  }

  sleepOn(q: WaitQueue): number {
    q.add(this);
    this.sleepingOn = q;
    this.state = State.Sleeping;
    return BLOCK;
  }

  /** Sleeps until `at` (ms on the kernel clock) or a wakeup. */
  sleepUntil(at: number): number {
    this.wakeAt = at;
    this.state = State.Sleeping;
    return BLOCK;
  }

  wake(): void {
    if (this.state !== State.Sleeping) return;
    this.sleepingOn?.remove(this);
    this.sleepingOn = null;
    this.state = State.Runnable;
    this.onWake(this);
  }

  /** Signals pending and not blocked. */
  get deliverable(): bigint {
    return this.pending & ~this.blocked;
  }
}

/** Bit for signal `sig` in a 64-bit mask. */
export function sigbit(sig: number): bigint {
  return 1n << BigInt(sig - 1);
}

/** The identity file-system checks use (effective ids). */
export function credOf(p: Process): Cred {
  return { uid: p.euid, gid: p.egid, groups: p.groups };
}
