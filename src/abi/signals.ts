/**
 * Linux i386 signal numbers, names and default actions (signal(7)).
 *
 * Contract: signals are 1..64; `SIG_DEFAULT[sig]` is the action taken when the
 * disposition is SIG_DFL. Real-time signals (32..64) terminate by default.
 */
export const enum Sig {
  SIGHUP = 1,
  SIGINT = 2,
  SIGQUIT = 3,
  SIGILL = 4,
  SIGTRAP = 5,
  SIGABRT = 6,
  SIGBUS = 7,
  SIGFPE = 8,
  SIGKILL = 9,
  SIGUSR1 = 10,
  SIGSEGV = 11,
  SIGUSR2 = 12,
  SIGPIPE = 13,
  SIGALRM = 14,
  SIGTERM = 15,
  SIGSTKFLT = 16,
  SIGCHLD = 17,
  SIGCONT = 18,
  SIGSTOP = 19,
  SIGTSTP = 20,
  SIGTTIN = 21,
  SIGTTOU = 22,
  SIGURG = 23,
  SIGXCPU = 24,
  SIGXFSZ = 25,
  SIGVTALRM = 26,
  SIGPROF = 27,
  SIGWINCH = 28,
  SIGIO = 29,
  SIGPWR = 30,
  SIGSYS = 31,
}

/** Highest signal number (_NSIG). */
export const NSIG = 64;

/** What SIG_DFL does. */
export const enum SigAction {
  Terminate = 1,
  Core = 2,
  Ignore = 3,
  Stop = 4,
  Continue = 5,
}

const NAMES = [
  "",
  "SIGHUP",
  "SIGINT",
  "SIGQUIT",
  "SIGILL",
  "SIGTRAP",
  "SIGABRT",
  "SIGBUS",
  "SIGFPE",
  "SIGKILL",
  "SIGUSR1",
  "SIGSEGV",
  "SIGUSR2",
  "SIGPIPE",
  "SIGALRM",
  "SIGTERM",
  "SIGSTKFLT",
  "SIGCHLD",
  "SIGCONT",
  "SIGSTOP",
  "SIGTSTP",
  "SIGTTIN",
  "SIGTTOU",
  "SIGURG",
  "SIGXCPU",
  "SIGXFSZ",
  "SIGVTALRM",
  "SIGPROF",
  "SIGWINCH",
  "SIGIO",
  "SIGPWR",
  "SIGSYS",
];

/** "SIGSEGV" for 11, "SIGRT<n>" for real-time signals. */
export function signalName(sig: number): string {
  return NAMES[sig] ?? `SIGRT${sig - 32}`;
}

/** Default action of each signal (SIG_DFL), signal(7). */
export function defaultAction(sig: number): SigAction {
  switch (sig) {
    case Sig.SIGQUIT:
    case Sig.SIGILL:
    case Sig.SIGTRAP:
    case Sig.SIGABRT:
    case Sig.SIGBUS:
    case Sig.SIGFPE:
    case Sig.SIGSEGV:
    case Sig.SIGXCPU:
    case Sig.SIGXFSZ:
    case Sig.SIGSYS:
      return SigAction.Core;
    case Sig.SIGCHLD:
    case Sig.SIGURG:
    case Sig.SIGWINCH:
      return SigAction.Ignore;
    case Sig.SIGSTOP:
    case Sig.SIGTSTP:
    case Sig.SIGTTIN:
    case Sig.SIGTTOU:
      return SigAction.Stop;
    case Sig.SIGCONT:
      return SigAction.Continue;
    default:
      return SigAction.Terminate;
  }
}

/** sigaction sa_flags bits. */
export const enum SaFlag {
  NOCLDSTOP = 1,
  NOCLDWAIT = 2,
  SIGINFO = 4,
  RESTORER = 0x0400_0000,
  ONSTACK = 0x0800_0000,
  RESTART = 0x1000_0000,
  NODEFER = 0x4000_0000,
  RESETHAND = 0x8000_0000,
}

/** si_code values used for fault signals and kill. */
export const enum SiCode {
  USER = 0,
  KERNEL = 0x80,
  TKILL = -6,
  SEGV_MAPERR = 1,
  SEGV_ACCERR = 2,
  BUS_ADRERR = 2,
  ILL_ILLOPN = 2,
  FPE_INTDIV = 1,
  TRAP_BRKPT = 1,
  CLD_EXITED = 1,
  CLD_KILLED = 2,
  CLD_DUMPED = 3,
  CLD_STOPPED = 5,
  CLD_CONTINUED = 6,
}
