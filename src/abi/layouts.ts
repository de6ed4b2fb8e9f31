/**
 * Byte layouts of the Linux i386 structures the kernel reads and writes in user memory.
 * Each namespace-like object lists field offsets and the total `SIZE` (from the kernel's
 * arch/x86 uapi headers; i386 longs and pointers are 4 bytes, `long long` 8 and only
 * 4-byte aligned inside structs).
 */

/** struct stat64 (asm/stat.h, i386). */
export const STAT64 = {
  dev: 0,
  ino32: 12,
  mode: 16,
  nlink: 20,
  uid: 24,
  gid: 28,
  rdev: 32,
  size: 44,
  blksize: 52,
  blocks: 56,
  atime: 64,
  atimeNsec: 68,
  mtime: 72,
  mtimeNsec: 76,
  ctime: 80,
  ctimeNsec: 84,
  ino: 88,
  SIZE: 96,
} as const;

/** struct timespec (32-bit time_t) and struct __kernel_timespec (64-bit). */
export const TIMESPEC = { sec: 0, nsec: 4, SIZE: 8 } as const;
export const TIMESPEC64 = { sec: 0, nsec: 8, SIZE: 16 } as const;
/** struct timeval. */
export const TIMEVAL = { sec: 0, usec: 4, SIZE: 8 } as const;
/** struct tms: four clock_t. */
export const TMS = { utime: 0, stime: 4, cutime: 8, cstime: 12, SIZE: 16 } as const;
/** struct rusage: two timevals then 14 longs. */
export const RUSAGE = { utime: 0, stime: 8, maxrss: 16, minflt: 24, majflt: 28, SIZE: 72 } as const;
/** struct new_utsname: six 65-byte fields. */
export const UTSNAME = { FIELD: 65, SIZE: 390 } as const;
/** struct iovec. */
export const IOVEC = { base: 0, len: 4, SIZE: 8 } as const;
/** struct rlimit (32-bit) and struct rlimit64. */
export const RLIMIT = { cur: 0, max: 4, SIZE: 8 } as const;
export const RLIMIT64 = { cur: 0, max: 8, SIZE: 16 } as const;
/** struct sysinfo (i386). */
export const SYSINFO = {
  uptime: 0,
  loads: 4,
  totalram: 16,
  freeram: 20,
  sharedram: 24,
  bufferram: 28,
  totalswap: 32,
  freeswap: 36,
  procs: 40,
  totalhigh: 44,
  freehigh: 48,
  memUnit: 52,
  SIZE: 64,
} as const;
/** struct kernel_sigaction for rt_sigaction: handler, flags, restorer, 64-bit mask. */
export const K_SIGACTION = { handler: 0, flags: 4, restorer: 8, mask: 12, SIZE: 20 } as const;
/** struct old_sigaction for sigaction(67): handler, 32-bit mask, flags, restorer. */
export const OLD_SIGACTION = { handler: 0, mask: 4, flags: 8, restorer: 12, SIZE: 16 } as const;
/** stack_t. */
export const STACK_T = { sp: 0, flags: 4, size: 8, SIZE: 12 } as const;
/** struct user_desc (set_thread_area). */
export const USER_DESC = { entry: 0, base: 4, limit: 8, flags: 12, SIZE: 16 } as const;
/** Kernel struct termios (asm-generic/termbits.h): 4 flags, line, 19 cc bytes. */
export const TERMIOS = { iflag: 0, oflag: 4, cflag: 8, lflag: 12, line: 16, cc: 17, SIZE: 36 };
/** struct winsize. */
export const WINSIZE = { row: 0, col: 2, xpixel: 4, ypixel: 6, SIZE: 8 } as const;
/** struct linux_dirent64 header; the name follows at `name`, records 8-byte aligned. */
export const DIRENT64 = { ino: 0, off: 8, reclen: 16, type: 18, name: 19 } as const;
/** struct pollfd. */
export const POLLFD = { fd: 0, events: 4, revents: 6, SIZE: 8 } as const;
/** siginfo_t: 128 bytes; fields of the kill / fault / child unions. */
export const SIGINFO = {
  signo: 0,
  errno: 4,
  code: 8,
  pid: 12,
  uid: 16,
  addr: 12,
  status: 20,
  utime: 24,
  stime: 28,
  SIZE: 128,
} as const;

/** struct sigcontext (i386), the saved user registers in a signal frame. */
export const SIGCONTEXT = {
  gs: 0,
  fs: 4,
  es: 8,
  ds: 12,
  edi: 16,
  esi: 20,
  ebp: 24,
  esp: 28,
  ebx: 32,
  edx: 36,
  ecx: 40,
  eax: 44,
  trapno: 48,
  err: 52,
  eip: 56,
  cs: 60,
  eflags: 64,
  espAtSignal: 68,
  ss: 72,
  fpstate: 76,
  oldmask: 80,
  cr2: 84,
  SIZE: 88,
} as const;

/** struct _fpstate_32 size (legacy FSAVE + FXSR image) reserved in frames. */
export const FPSTATE_SIZE = 624;

/** struct sigframe (non-RT, for sa_flags without SA_SIGINFO). */
export const SIGFRAME = {
  pretcode: 0,
  sig: 4,
  sc: 8,
  fpstate: 96,
  extramask: 96 + FPSTATE_SIZE,
  retcode: 100 + FPSTATE_SIZE,
  SIZE: 108 + FPSTATE_SIZE,
} as const;

/** struct ucontext (i386). */
export const UCONTEXT = { flags: 0, link: 4, stack: 8, mcontext: 20, sigmask: 108, SIZE: 116 };

/** struct rt_sigframe (SA_SIGINFO). */
export const RT_SIGFRAME = {
  pretcode: 0,
  sig: 4,
  pinfo: 8,
  puc: 12,
  info: 16,
  uc: 144,
  retcode: 260,
  fpstate: 268,
  SIZE: 268 + FPSTATE_SIZE,
} as const;
