/**
 * Signals: sending, delivery on the way back to user mode, Linux i386 signal frames
 * (sigframe and rt_sigframe with their restorer trampolines) and sigreturn.
 *
 * Contract:
 * - `sendSignal` queues a signal (one instance per number, as Linux for standard
 *   signals), wakes an interruptible sleeper if the signal is deliverable, and applies
 *   SIGCONT/SIGKILL's immediate effects on stopped processes.
 * - `forceSignal` is for synchronous faults: a blocked or ignored fault signal is reset
 *   to SIG_DFL and unblocked first (Linux force_sig_fault), so the process dies.
 * - `deliverSignals` runs before every return to user mode. A process sleeping in an
 *   interrupted syscall gets -EINTR, or the call restarts after the handler when the
 *   handler has SA_RESTART (never for pause/sigsuspend/nanosleep).
 * - A frame that cannot be written (bad stack) kills the process with SIGSEGV.
 */
import { Errno } from "../../abi/errno.ts";
import { RT_SIGFRAME, SIGCONTEXT as SC, SIGFRAME, SIGINFO, UCONTEXT } from "../../abi/layouts.ts";
import { defaultAction, SaFlag, SiCode, Sig, SigAction } from "../../abi/signals.ts";
import { Reg, Seg } from "../../machine/cpu/regs.ts";
import type { Kernel } from "../kernel.ts";
import { type Process, sigbit, type SigInfo, State } from "./process.ts";
import { exitProcess, notifyParent } from "./lifecycle.ts";

const SIG_DFL = 0;
const SIG_IGN = 1;
const UNBLOCKABLE = sigbit(Sig.SIGKILL) | sigbit(Sig.SIGSTOP);
/** int 0x80 is two bytes. */
const INT80_LEN = 2;
/** popl %eax; movl $119, %eax; int $0x80 */
const SIGRETURN_CODE = [0x58, 0xb8, 119, 0, 0, 0, 0xcd, 0x80];
/** movl $173, %eax; int $0x80 */
const RT_SIGRETURN_CODE = [0xb8, 173, 0, 0, 0, 0xcd, 0x80, 0];

/** Is `sig` ignored by `p` (explicitly, or by default)? */
function ignored(p: Process, sig: number): boolean {
  const h = p.actions[sig].handler;
  return h === SIG_IGN || (h === SIG_DFL && defaultAction(sig) === SigAction.Ignore);
}

/** Queues `sig` for `p`; see the module contract. */
export function sendSignal(k: Kernel, p: Process, sig: number, info?: Partial<SigInfo>): void {
  if (p.state === State.Zombie || sig === 0) return;
  if (sig === Sig.SIGCONT || sig === Sig.SIGKILL) {
    if (sig === Sig.SIGCONT) p.pending &= ~(sigbit(Sig.SIGSTOP) | sigbit(Sig.SIGTSTP));
    if (p.state === State.Stopped) continueProcess(k, p);
  }
  if (isStopSignal(sig)) p.pending &= ~sigbit(Sig.SIGCONT);
  if (ignored(p, sig) && sig !== Sig.SIGCONT) return;
  p.pending |= sigbit(sig);
  if (!p.pendingInfo.has(sig)) {
    p.pendingInfo.set(sig, {
      signo: sig,
      code: SiCode.USER,
      pid: 0,
      uid: 0,
      addr: 0,
      status: 0,
      ...info,
    });
  }
  const deferred = p.vforkChild !== null && sig !== Sig.SIGKILL;
  if ((p.deliverable & sigbit(sig)) !== 0n && p.state === State.Sleeping && !deferred) p.wake();
  if (sig === Sig.SIGKILL && p.state === State.Sleeping) p.wake();
}

/** Sends a fault signal that cannot be blocked or ignored. */
export function forceSignal(k: Kernel, p: Process, sig: number, code: number, addr: number): void {
  const bit = sigbit(sig);
  if ((p.blocked & bit) !== 0n || p.actions[sig].handler === SIG_IGN) {
    p.actions[sig] = { handler: SIG_DFL, flags: 0, restorer: 0, mask: 0n };
    p.blocked &= ~bit;
  }
  p.pendingInfo.delete(sig);
  sendSignal(k, p, sig, { code, addr });
}

function isStopSignal(sig: number): boolean {
  return sig === Sig.SIGSTOP || sig === Sig.SIGTSTP || sig === Sig.SIGTTIN || sig === Sig.SIGTTOU;
}

function continueProcess(k: Kernel, p: Process): void {
  p.state = State.Runnable;
  p.waitReport = "continued";
  notifyParent(k, p, SiCode.CLD_CONTINUED, Sig.SIGCONT);
  k.enqueue(p);
}

/** Lowest deliverable signal, SIGKILL first. */
function nextSignal(p: Process): number {
  const d = p.deliverable;
  if (d === 0n) return 0;
  if (d & sigbit(Sig.SIGKILL)) return Sig.SIGKILL;
  for (let s = 1; s <= 64; s++) if (d & sigbit(s)) return s;
  return 0;
}

/** Delivers pending signals to the loaded process `p`; see the module contract. */
export function deliverSignals(k: Kernel, p: Process): void {
  // A vfork parent waits for its child uninterruptibly (only SIGKILL gets through).
  if (p.vforkChild && (p.pending & sigbit(Sig.SIGKILL)) === 0n) return;
  for (;;) {
    const sig = nextSignal(p);
    if (sig === 0) return;
    p.pending &= ~sigbit(sig);
    const info = p.pendingInfo.get(sig) ??
      { signo: sig, code: 0, pid: 0, uid: 0, addr: 0, status: 0 };
    p.pendingInfo.delete(sig);
    const act = p.actions[sig];
    if (act.handler === SIG_IGN && sig !== Sig.SIGKILL && sig !== Sig.SIGSTOP) continue;
    if (act.handler === SIG_DFL || sig === Sig.SIGKILL || sig === Sig.SIGSTOP) {
      if (defaultActionTaken(k, p, sig)) return;
      continue;
    }
    endInterruptedSyscall(k, p, (act.flags & SaFlag.RESTART) !== 0);
    if (!setupFrame(k, p, sig, info)) {
      exitProcess(k, p, Sig.SIGSEGV | 0x80);
      return;
    }
    return;
  }
}

/** Applies SIG_DFL; returns true when the process stopped running. */
function defaultActionTaken(k: Kernel, p: Process, sig: number): boolean {
  switch (sig === Sig.SIGKILL ? SigAction.Terminate : defaultAction(sig)) {
    case SigAction.Ignore:
    case SigAction.Continue:
      return false;
    case SigAction.Stop:
      p.state = State.Stopped;
      p.waitReport = "stopped";
      p.exitStatus = (sig << 8) | 0x7f;
      notifyParent(k, p, SiCode.CLD_STOPPED, sig);
      return true;
    case SigAction.Core:
      exitProcess(k, p, sig | 0x80);
      return true;
    default:
      exitProcess(k, p, sig);
      return true;
  }
}

/** A sleeping syscall was interrupted by a handled signal: EINTR or restart. */
function endInterruptedSyscall(k: Kernel, p: Process, restart: boolean): void {
  if (!p.inSyscall) return;
  p.inSyscall = false;
  p.wakeAt = 0;
  if (restart && !p.noRestart) {
    p.onEintr = null;
    return;
  }
  p.onEintr?.();
  p.onEintr = null;
  p.noRestart = false;
  k.cpu.regs[Reg.EAX] = -Errno.EINTR;
  k.cpu.eip = (k.cpu.eip + INT80_LEN) | 0;
}

/** Writes a sigcontext for the current registers at `at` in `buf` (view base offset). */
function fillSigcontext(k: Kernel, v: DataView, at: number, mask: bigint, cr2: number): void {
  const c = k.cpu;
  const r = c.regs;
  const put = (off: number, x: number) => v.setUint32(at + off, x >>> 0, true);
  put(SC.gs, c.sregs[Seg.GS]);
  put(SC.fs, c.sregs[Seg.FS]);
  put(SC.es, c.sregs[Seg.ES]);
  put(SC.ds, c.sregs[Seg.DS]);
  put(SC.edi, r[Reg.EDI]);
  put(SC.esi, r[Reg.ESI]);
  put(SC.ebp, r[Reg.EBP]);
  put(SC.esp, r[Reg.ESP]);
  put(SC.ebx, r[Reg.EBX]);
  put(SC.edx, r[Reg.EDX]);
  put(SC.ecx, r[Reg.ECX]);
  put(SC.eax, r[Reg.EAX]);
  put(SC.trapno, 14);
  put(SC.eip, c.eip);
  put(SC.cs, c.sregs[Seg.CS]);
  put(SC.eflags, c.getEflags());
  put(SC.espAtSignal, r[Reg.ESP]);
  put(SC.ss, c.sregs[Seg.SS]);
  put(SC.oldmask, Number(mask & 0xffff_ffffn));
  put(SC.cr2, cr2);
}

function fillSiginfo(v: DataView, at: number, info: SigInfo): void {
  v.setInt32(at + SIGINFO.signo, info.signo, true);
  v.setInt32(at + SIGINFO.code, info.code, true);
  if (info.addr !== 0 || info.signo === Sig.SIGSEGV || info.signo === Sig.SIGBUS) {
    v.setUint32(at + SIGINFO.addr, info.addr >>> 0, true);
  } else {
    v.setInt32(at + SIGINFO.pid, info.pid, true);
    v.setInt32(at + SIGINFO.uid, info.uid, true);
    v.setInt32(at + SIGINFO.status, info.status, true);
  }
}

/** Where a frame of `size` bytes goes: the alternate stack when asked for and not on it. */
function frameAddress(k: Kernel, p: Process, flags: number, size: number) {
  let sp = k.cpu.regs[Reg.ESP] >>> 0;
  const alt = p.altStack;
  const onAlt = alt.flags === 0 && sp > alt.sp && sp <= alt.sp + alt.size;
  if ((flags & SaFlag.ONSTACK) && alt.flags === 0 && !onAlt) sp = alt.sp + alt.size;
  // Linux's i386 alignment: (sp + 4) is 16-byte aligned at handler entry.
  return { sp: ((((sp - size + 4) & ~15) >>> 0) - 4) >>> 0, onAlt };
}

/** An rt_sigframe (SA_SIGINFO): siginfo, ucontext with the saved registers and mask. */
function rtFrame(k: Kernel, p: Process, info: SigInfo, sp: number, mask: bigint, onAlt: boolean) {
  const buf = new Uint8Array(RT_SIGFRAME.SIZE);
  const v = new DataView(buf.buffer);
  const alt = p.altStack;
  v.setUint32(RT_SIGFRAME.pinfo, sp + RT_SIGFRAME.info, true);
  v.setUint32(RT_SIGFRAME.puc, sp + RT_SIGFRAME.uc, true);
  fillSiginfo(v, RT_SIGFRAME.info, info);
  const uc = RT_SIGFRAME.uc;
  v.setUint32(uc + UCONTEXT.stack, alt.sp, true);
  v.setInt32(uc + UCONTEXT.stack + 4, onAlt ? 1 : alt.flags, true);
  v.setUint32(uc + UCONTEXT.stack + 8, alt.size, true);
  fillSigcontext(k, v, uc + UCONTEXT.mcontext, mask, info.addr);
  v.setBigUint64(uc + UCONTEXT.sigmask, mask, true);
  buf.set(RT_SIGRETURN_CODE, RT_SIGFRAME.retcode);
  return buf;
}

/** A classic sigframe: sigcontext plus the high half of the mask in extramask. */
function classicFrame(k: Kernel, info: SigInfo, mask: bigint) {
  const buf = new Uint8Array(SIGFRAME.SIZE);
  const v = new DataView(buf.buffer);
  fillSigcontext(k, v, SIGFRAME.sc, mask, info.addr);
  v.setUint32(SIGFRAME.extramask, Number(mask >> 32n), true);
  buf.set(SIGRETURN_CODE, SIGFRAME.retcode);
  return buf;
}

/** Builds the signal frame and points the CPU at the handler; false if the stack is bad. */
function setupFrame(k: Kernel, p: Process, sig: number, info: SigInfo): boolean {
  const act = p.actions[sig];
  const rt = (act.flags & SaFlag.SIGINFO) !== 0;
  const layout = rt ? RT_SIGFRAME : SIGFRAME;
  const { sp, onAlt } = frameAddress(k, p, act.flags, layout.SIZE);
  const mask = p.savedMask ?? p.blocked;
  p.savedMask = null;
  const buf = rt ? rtFrame(k, p, info, sp, mask, onAlt) : classicFrame(k, info, mask);
  const v = new DataView(buf.buffer);
  v.setUint32(0, act.flags & SaFlag.RESTORER ? act.restorer : sp + layout.retcode, true);
  v.setInt32(4, sig, true);
  if (p.um.copyOut(sp, buf) < 0) return false;
  const c = k.cpu;
  c.regs[Reg.ESP] = sp;
  c.regs[Reg.EAX] = sig;
  c.regs[Reg.EDX] = rt ? sp + RT_SIGFRAME.info : 0;
  c.regs[Reg.ECX] = rt ? sp + RT_SIGFRAME.uc : 0;
  c.eip = act.handler;
  c.setEflags(c.getEflags() & ~(0x100 | 0x400));
  p.blocked = (mask | act.mask | ((act.flags & SaFlag.NODEFER) ? 0n : sigbit(sig))) & ~UNBLOCKABLE;
  if (act.flags & SaFlag.RESETHAND) {
    p.actions[sig] = { handler: 0, flags: 0, restorer: 0, mask: 0n };
  }
  return true;
}

/** Restores registers from a sigcontext at user `at`; false if unreadable or invalid. */
function restoreSigcontext(k: Kernel, p: Process, at: number): boolean {
  const buf = new Uint8Array(SC.SIZE);
  if (p.um.copyIn(at, buf) < 0) return false;
  const v = new DataView(buf.buffer);
  const get = (off: number) => v.getInt32(off, true);
  const c = k.cpu;
  if (!c.loadSegment(Seg.GS, get(SC.gs) & 0xffff) || !c.loadSegment(Seg.FS, get(SC.fs) & 0xffff)) {
    return false;
  }
  const r = c.regs;
  r[Reg.EDI] = get(SC.edi);
  r[Reg.ESI] = get(SC.esi);
  r[Reg.EBP] = get(SC.ebp);
  r[Reg.ESP] = get(SC.esp);
  r[Reg.EBX] = get(SC.ebx);
  r[Reg.EDX] = get(SC.edx);
  r[Reg.ECX] = get(SC.ecx);
  r[Reg.EAX] = get(SC.eax);
  c.eip = get(SC.eip);
  c.setEflags(get(SC.eflags));
  return true;
}

/** sigreturn(2): esp points just past the popped signal number. Returns NO_RETURN or -errno. */
export function sigreturn(k: Kernel, p: Process): boolean {
  const frame = (k.cpu.regs[Reg.ESP] - 8) >>> 0;
  const sc = frame + SIGFRAME.sc;
  const lo = p.um.read32(sc + SC.oldmask);
  const hi = p.um.read32(frame + SIGFRAME.extramask);
  if (lo === null || hi === null || !restoreSigcontext(k, p, sc)) return false;
  p.blocked = ((BigInt(hi >>> 0) << 32n) | BigInt(lo >>> 0)) & ~UNBLOCKABLE;
  return true;
}

/** rt_sigreturn(2): esp points just past the popped return address. */
export function rtSigreturn(k: Kernel, p: Process): boolean {
  const frame = (k.cpu.regs[Reg.ESP] - 4) >>> 0;
  const uc = frame + RT_SIGFRAME.uc;
  const m = new Uint8Array(8);
  if (p.um.copyIn(uc + UCONTEXT.sigmask, m) < 0) return false;
  if (!restoreSigcontext(k, p, uc + UCONTEXT.mcontext)) return false;
  p.blocked = new DataView(m.buffer).getBigUint64(0, true) & ~UNBLOCKABLE;
  return true;
}
