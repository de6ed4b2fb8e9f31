/**
 * Signal system calls: rt_sigaction / sigaction, rt_sigprocmask / sigprocmask,
 * rt_sigpending, kill / tkill / tgkill, sigreturn / rt_sigreturn, sigaltstack, pause,
 * rt_sigsuspend and alarm.
 */
import { Errno } from "../../abi/errno.ts";
import { K_SIGACTION, OLD_SIGACTION, STACK_T } from "../../abi/layouts.ts";
import { NSIG, SiCode, Sig } from "../../abi/signals.ts";
import type { Kernel } from "../kernel.ts";
import { type Process, sigbit, State } from "../proc/process.ts";
import { exitProcess } from "../proc/lifecycle.ts";
import { rtSigreturn, sendSignal, sigreturn } from "../proc/signal.ts";
import { WaitQueue } from "../proc/wait_queue.ts";
import { type Handler, NO_RETURN, readStruct, struct } from "./handler.ts";

const UNBLOCKABLE = sigbit(Sig.SIGKILL) | sigbit(Sig.SIGSTOP);
const SS_ONSTACK = 1;
const SS_DISABLE = 2;
const MINSIGSTKSZ = 2048;

function validSig(sig: number): boolean {
  return sig >= 1 && sig <= NSIG;
}

const rtSigaction: Handler = (_k, p, a) => {
  const [sig, actVa, oldVa, size] = a;
  if (size !== 8 || !validSig(sig)) return -Errno.EINVAL;
  const cur = p.actions[sig];
  let next = null;
  if (actVa !== 0) {
    if (sig === Sig.SIGKILL || sig === Sig.SIGSTOP) return -Errno.EINVAL;
    const v = readStruct(p, actVa, K_SIGACTION.SIZE);
    if (typeof v === "number") return v;
    next = {
      handler: v.getUint32(K_SIGACTION.handler, true),
      flags: v.getUint32(K_SIGACTION.flags, true),
      restorer: v.getUint32(K_SIGACTION.restorer, true),
      mask: v.getBigUint64(K_SIGACTION.mask, true) & ~UNBLOCKABLE,
    };
  }
  if (oldVa !== 0) {
    const [b, v] = struct(K_SIGACTION.SIZE);
    v.setUint32(K_SIGACTION.handler, cur.handler, true);
    v.setUint32(K_SIGACTION.flags, cur.flags, true);
    v.setUint32(K_SIGACTION.restorer, cur.restorer, true);
    v.setBigUint64(K_SIGACTION.mask, cur.mask, true);
    if (p.um.copyOut(oldVa, b) < 0) return -Errno.EFAULT;
  }
  if (next) setAction(p, sig, next);
  return 0;
};

function setAction(p: Process, sig: number, act: Process["actions"][number]): void {
  p.actions[sig] = act;
  if (act.handler === 1) {
    p.pending &= ~sigbit(sig);
    p.pendingInfo.delete(sig);
  }
}

const sigaction: Handler = (_k, p, a) => {
  const [sig, actVa, oldVa] = a;
  if (!validSig(sig) || sig > 32) return -Errno.EINVAL;
  const cur = p.actions[sig];
  let next = null;
  if (actVa !== 0) {
    if (sig === Sig.SIGKILL || sig === Sig.SIGSTOP) return -Errno.EINVAL;
    const v = readStruct(p, actVa, OLD_SIGACTION.SIZE);
    if (typeof v === "number") return v;
    next = {
      handler: v.getUint32(OLD_SIGACTION.handler, true),
      mask: BigInt(v.getUint32(OLD_SIGACTION.mask, true)) & ~UNBLOCKABLE,
      flags: v.getUint32(OLD_SIGACTION.flags, true),
      restorer: v.getUint32(OLD_SIGACTION.restorer, true),
    };
  }
  if (oldVa !== 0) {
    const [b, v] = struct(OLD_SIGACTION.SIZE);
    v.setUint32(OLD_SIGACTION.handler, cur.handler, true);
    v.setUint32(OLD_SIGACTION.mask, Number(cur.mask & 0xffff_ffffn), true);
    v.setUint32(OLD_SIGACTION.flags, cur.flags, true);
    v.setUint32(OLD_SIGACTION.restorer, cur.restorer, true);
    if (p.um.copyOut(oldVa, b) < 0) return -Errno.EFAULT;
  }
  if (next) setAction(p, sig, next);
  return 0;
};

function changeMask(p: Process, how: number, set: bigint | null): number {
  if (set === null) return 0;
  if (how === 0) p.blocked |= set;
  else if (how === 1) p.blocked &= ~set;
  else if (how === 2) p.blocked = set;
  else return -Errno.EINVAL;
  p.blocked &= ~UNBLOCKABLE;
  return 0;
}

const rtSigprocmask: Handler = (_k, p, a) => {
  const [how, setVa, oldVa, size] = a;
  if (size !== 8) return -Errno.EINVAL;
  let set: bigint | null = null;
  if (setVa !== 0) {
    const v = readStruct(p, setVa, 8);
    if (typeof v === "number") return v;
    set = v.getBigUint64(0, true);
    if (how < 0 || how > 2) return -Errno.EINVAL;
  }
  if (oldVa !== 0) {
    const [b, v] = struct(8);
    v.setBigUint64(0, p.blocked, true);
    if (p.um.copyOut(oldVa, b) < 0) return -Errno.EFAULT;
  }
  return changeMask(p, how, set);
};

const sigprocmask: Handler = (_k, p, a) => {
  const [how, setVa, oldVa] = a;
  let set: bigint | null = null;
  if (setVa !== 0) {
    const v = p.um.read32(setVa);
    if (v === null) return -Errno.EFAULT;
    set = BigInt(v >>> 0);
    if (how < 0 || how > 2) return -Errno.EINVAL;
    if (how === 2) set |= p.blocked & ~0xffff_ffffn;
  }
  if (oldVa !== 0 && p.um.write32(oldVa, Number(p.blocked & 0xffff_ffffn)) < 0) {
    return -Errno.EFAULT;
  }
  return changeMask(p, how, set);
};

/** May `p` signal `t`? (same real/effective uid, or root) */
function maySignal(p: Process, t: Process): boolean {
  return p.euid === 0 || p.uid === t.uid || p.euid === t.uid || p.uid === t.suid;
}

const kill: Handler = (k, p, a) => {
  const [pid, sig] = a;
  if (sig < 0 || sig > NSIG) return -Errno.EINVAL;
  const targets = [...k.procs.values()].filter((t) => {
    if (t.state === State.Zombie && pid <= 0) return false;
    if (pid > 0) return t.pid === pid;
    if (pid === 0) return t.pgid === p.pgid;
    if (pid === -1) return t.pid !== 1 && t !== p;
    return t.pgid === -pid;
  });
  if (targets.length === 0) return -Errno.ESRCH;
  const allowed = targets.filter((t) => maySignal(p, t));
  if (allowed.length === 0) return -Errno.EPERM;
  for (const t of allowed) sendSignal(k, t, sig, { code: SiCode.USER, pid: p.pid, uid: p.uid });
  return 0;
};

const tgkill: Handler = (k, p, a) => {
  const [tgid, tid, sig] = a;
  if (tid <= 0 || tgid <= 0 || sig < 0 || sig > NSIG) return -Errno.EINVAL;
  const t = k.procs.get(tid);
  if (!t || t.pid !== tgid || t.state === State.Zombie) return -Errno.ESRCH;
  sendSignal(k, t, sig, { code: SiCode.TKILL, pid: p.pid, uid: p.uid });
  return 0;
};

const tkill: Handler = (k, p, a) => tgkill(k, p, Int32Array.of(a[0], a[0], a[1]));

function badFrame(k: Kernel, p: Process): number {
  exitProcess(k, p, Sig.SIGSEGV | 0x80);
  return NO_RETURN;
}

const sigaltstack: Handler = (k, p, a) => {
  const [ssVa, oldVa] = a;
  const esp = k.cpu.regs[4] >>> 0;
  const alt = p.altStack;
  const onStack = alt.flags === 0 && esp > alt.sp && esp <= alt.sp + alt.size;
  if (oldVa !== 0) {
    const [b, v] = struct(STACK_T.SIZE);
    v.setUint32(STACK_T.sp, alt.sp, true);
    v.setInt32(STACK_T.flags, onStack ? SS_ONSTACK : alt.flags, true);
    v.setUint32(STACK_T.size, alt.size, true);
    if (p.um.copyOut(oldVa, b) < 0) return -Errno.EFAULT;
  }
  if (ssVa !== 0) {
    const v = readStruct(p, ssVa, STACK_T.SIZE);
    if (typeof v === "number") return v;
    if (onStack) return -Errno.EPERM;
    const flags = v.getInt32(STACK_T.flags, true);
    if (flags !== 0 && flags !== SS_DISABLE && flags !== SS_ONSTACK) return -Errno.EINVAL;
    if (flags === SS_DISABLE) p.altStack = { sp: 0, size: 0, flags: SS_DISABLE };
    else {
      const size = v.getUint32(STACK_T.size, true);
      if (size < MINSIGSTKSZ) return -Errno.ENOMEM;
      p.altStack = { sp: v.getUint32(STACK_T.sp, true), size, flags: 0 };
    }
  }
  return 0;
};

const forever = new WaitQueue();

const pause: Handler = (_k, p) => {
  p.noRestart = true;
  return p.sleepOn(forever);
};

const rtSigsuspend: Handler = (_k, p, a) => {
  if (a[1] !== 8) return -Errno.EINVAL;
  if (p.savedMask === null) {
    const v = readStruct(p, a[0], 8);
    if (typeof v === "number") return v;
    p.savedMask = p.blocked;
    p.blocked = v.getBigUint64(0, true) & ~UNBLOCKABLE;
  }
  p.noRestart = true;
  return p.sleepOn(forever);
};

const rtSigpending: Handler = (_k, p, a) => {
  if (a[1] !== 8) return -Errno.EINVAL;
  const [b, v] = struct(8);
  v.setBigUint64(0, p.pending & p.blocked, true);
  return p.um.copyOut(a[0], b) < 0 ? -Errno.EFAULT : 0;
};

export const SIGNAL_HANDLERS: Readonly<Record<string, Handler>> = {
  rt_sigaction: rtSigaction,
  sigaction,
  rt_sigprocmask: rtSigprocmask,
  sigprocmask,
  rt_sigpending: rtSigpending,
  kill,
  tgkill,
  tkill,
  sigreturn: (k, p) => (sigreturn(k, p) ? NO_RETURN : badFrame(k, p)),
  rt_sigreturn: (k, p) => (rtSigreturn(k, p) ? NO_RETURN : badFrame(k, p)),
  sigaltstack,
  pause,
  rt_sigsuspend: rtSigsuspend,
};
