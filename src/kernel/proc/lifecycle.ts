/**
 * Process life cycle: fork (and the vfork / CLONE_VM forms), exit, zombies,
 * reparenting and the parent's notification.
 *
 * Contract:
 * - `forkProcess` copies the caller (CPU state, COW address space or the same one for
 *   CLONE_VM, fd table, cwd, credentials, signal dispositions and mask) and returns the
 *   child (runnable, eax = 0) or -errno (ENOMEM, EAGAIN).
 * - `exitProcess(p, status)` takes a wait status (exit code << 8, or the signal number
 *   with 0x80 for a core dump), releases the address space and files, reparents the
 *   children to pid 1, makes `p` a zombie and tells the parent (SIGCHLD, wakes wait4).
 *   A parent that ignores SIGCHLD or set SA_NOCLDWAIT gets its children reaped at once.
 */
import { Errno } from "../../abi/errno.ts";
import { SaFlag, SiCode, Sig } from "../../abi/signals.ts";
import { Reg } from "../../machine/cpu/regs.ts";
import { SegmentTable } from "../../machine/cpu/segments.ts";
import type { Kernel } from "../kernel.ts";
import type { AddressSpace } from "../mm/address_space.ts";
import { Process, State } from "./process.ts";
import { sendSignal } from "./signal.ts";

/** How many processes share each address space (CLONE_VM / vfork children). */
const asUsers = new WeakMap<AddressSpace, number>();

/** Process limit (fork bombs get EAGAIN past it). */
export const MAX_PROCS = 4096;

/** Options of the fork family. */
export interface ForkOptions {
  /** Share the parent's address space (CLONE_VM). */
  shareVm: boolean;
  /** The parent sleeps until the child execs or exits (CLONE_VFORK). */
  vfork: boolean;
  /** New stack pointer for the child, or 0 to keep the parent's. */
  stack: number;
  /** Signal sent to the parent at exit (normally SIGCHLD). */
  exitSignal: number;
}

export function forkProcess(k: Kernel, parent: Process, opts: ForkOptions): Process | number {
  if (k.procs.size >= MAX_PROCS) return -Errno.EAGAIN;
  let as: AddressSpace | null = parent.as;
  if (opts.shareVm) asUsers.set(as, (asUsers.get(as) ?? 1) + 1);
  else as = parent.as.fork();
  if (!as) return -Errno.ENOMEM;
  const child = new Process(k.allocPid(), parent, as, parent.fds.clone(), parent.cwd);
  copyIdentity(parent, child);
  k.cpu.saveState(child.cpu);
  child.cpu.segments = new SegmentTable();
  child.cpu.segments.copyFrom(k.cpu.segments);
  child.cpu.regs[Reg.EAX] = 0;
  if (opts.stack) child.cpu.regs[Reg.ESP] = opts.stack;
  parent.children.add(child);
  if (opts.vfork) child.vforkParent = parent;
  k.addProcess(child);
  return child;
}

function copyIdentity(from: Process, to: Process): void {
  to.uid = from.uid;
  to.euid = from.euid;
  to.suid = from.suid;
  to.gid = from.gid;
  to.egid = from.egid;
  to.sgid = from.sgid;
  to.groups = [...from.groups];
  to.umask = from.umask;
  to.comm = from.comm;
  to.actions = from.actions.map((a) => ({ ...a }));
  to.blocked = from.blocked;
  to.altStack = { ...from.altStack };
  to.rlimits = new Map([...from.rlimits].map(([r, v]) => [r, [...v] as [number, number]]));
}

/** Drops `p`'s use of its address space (exit or exec); destroys it when unshared. */
export function releaseAddressSpace(p: Process): void {
  const n = asUsers.get(p.as) ?? 1;
  if (n > 1) asUsers.set(p.as, n - 1);
  else p.as.destroy();
}

/** Wakes a vfork parent once the child has exec'd or exited. */
export function releaseVfork(k: Kernel, child: Process): void {
  const parent = child.vforkParent;
  if (!parent) return;
  child.vforkParent = null;
  child.vforkDone = true;
  parent.childEvents.wakeAll();
  k.kick();
}

export function exitProcess(k: Kernel, p: Process, status: number): void {
  if (p.state === State.Zombie) return;
  if (p.clearChildTid) p.um.write32(p.clearChildTid, 0);
  p.fds.closeAll();
  k.unload(p);
  releaseVfork(k, p);
  releaseAddressSpace(p);
  p.sleepingOn?.remove(p);
  p.sleepingOn = null;
  p.wakeAt = 0;
  p.state = State.Zombie;
  p.exitStatus = status;
  const init = k.init;
  for (const c of p.children) {
    c.parent = init && init !== p ? init : null;
    if (c.parent) c.parent.children.add(c);
    else k.procs.delete(c.pid);
    if (c.state === State.Zombie && c.parent) c.parent.childEvents.wakeAll();
  }
  p.children.clear();
  const code = (status & 0x7f) === 0
    ? SiCode.CLD_EXITED
    : (status & 0x80 ? SiCode.CLD_DUMPED : SiCode.CLD_KILLED);
  notifyParent(k, p, code, status & 0x7f ? status & 0x7f : status >> 8);
  const parent = p.parent;
  if (parent && autoReaps(parent)) reap(k, p);
  if (!parent && p !== k.init) k.procs.delete(p.pid);
}

function autoReaps(parent: Process): boolean {
  const a = parent.actions[Sig.SIGCHLD];
  return a.handler === 1 || (a.flags & SaFlag.NOCLDWAIT) !== 0;
}

/** Sends SIGCHLD to `p`'s parent and wakes its wait4. */
export function notifyParent(k: Kernel, p: Process, code: number, status: number): void {
  const parent = p.parent;
  if (!parent) return;
  const stopNotice = code === SiCode.CLD_STOPPED || code === SiCode.CLD_CONTINUED;
  if (!(stopNotice && (parent.actions[Sig.SIGCHLD].flags & SaFlag.NOCLDSTOP))) {
    sendSignal(k, parent, Sig.SIGCHLD, { code, pid: p.pid, uid: p.uid, status });
  }
  parent.childEvents.wakeAll();
}

/** Removes a zombie from the tables, adding its times to the parent. */
export function reap(k: Kernel, z: Process): void {
  const parent = z.parent;
  if (parent) {
    parent.children.delete(z);
    parent.cutime += z.utime + z.cutime;
    parent.cstime += z.stime + z.cstime;
  }
  if (z !== k.init) k.procs.delete(z.pid);
}
