/*
 * Internal: system call numbers of Linux i386 and the wrappers' helpers.
 * __syscall6 (crt/syscall.s) returns the raw kernel result; __sys_ret turns
 * -4095..-1 into errno and -1, as every POSIX wrapper must.
 */
#ifndef _LIBC_SYSCALL_H
#define _LIBC_SYSCALL_H
long __syscall6(long n, long a, long b, long c, long d, long e, long f);
long __sys_ret(long r);
#define SYS0(n) __syscall6(n, 0, 0, 0, 0, 0, 0)
#define SYS1(n, a) __syscall6(n, (long)(a), 0, 0, 0, 0, 0)
#define SYS2(n, a, b) __syscall6(n, (long)(a), (long)(b), 0, 0, 0, 0)
#define SYS3(n, a, b, c) __syscall6(n, (long)(a), (long)(b), (long)(c), 0, 0, 0)
#define SYS4(n, a, b, c, d) __syscall6(n, (long)(a), (long)(b), (long)(c), (long)(d), 0, 0)
#define SYS5(n, a, b, c, d, e) __syscall6(n, (long)(a), (long)(b), (long)(c), (long)(d), (long)(e), 0)
#define SYS6(n, a, b, c, d, e, f) \
  __syscall6(n, (long)(a), (long)(b), (long)(c), (long)(d), (long)(e), (long)(f))
enum {
  NR_exit = 1, NR_fork = 2, NR_read = 3, NR_write = 4, NR_open = 5, NR_close = 6,
  NR_waitpid = 7, NR_creat = 8, NR_link = 9, NR_unlink = 10, NR_execve = 11,
  NR_chdir = 12, NR_time = 13, NR_mknod = 14, NR_chmod = 15, NR_mount = 21, NR_utime = 30, NR_lseek = 19,
  NR_getpid = 20, NR_alarm = 27, NR_pause = 29, NR_access = 33, NR_sync = 36,
  NR_kill = 37, NR_rename = 38, NR_mkdir = 39, NR_rmdir = 40, NR_dup = 41,
  NR_pipe = 42, NR_times = 43, NR_brk = 45, NR_umount2 = 52, NR_ioctl = 54, NR_fcntl = 55,
  NR_setpgid = 57, NR_umask = 60, NR_dup2 = 63, NR_getppid = 64, NR_getpgrp = 65,
  NR_setsid = 66, NR_setrlimit = 75, NR_getrusage = 77, NR_sethostname = 74, NR_gettimeofday = 78, NR_symlink = 83,
  NR_readlink = 85, NR_munmap = 91, NR_fchmod = 94, NR_setitimer = 104,
  NR_getitimer = 105, NR_wait4 = 114, NR_fsync = 118, NR_uname = 122,
  NR_mprotect = 125, NR_getpgid = 132, NR_fchdir = 133, NR_llseek = 140,
  NR_newselect = 142, NR_readv = 145, NR_writev = 146, NR_getsid = 147, NR_nanosleep = 162, NR_poll = 168,
  NR_rt_sigreturn = 173, NR_rt_sigaction = 174, NR_rt_sigprocmask = 175,
  NR_rt_sigpending = 176, NR_rt_sigsuspend = 179, NR_pread64 = 180,
  NR_pwrite64 = 181, NR_getcwd = 183, NR_vfork = 190, NR_ugetrlimit = 191, NR_mmap2 = 192,
  NR_truncate64 = 193, NR_ftruncate64 = 194, NR_stat64 = 195, NR_lstat64 = 196,
  NR_fstat64 = 197, NR_getuid32 = 199, NR_getgid32 = 200, NR_geteuid32 = 201,
  NR_getegid32 = 202, NR_chown32 = 212, NR_setuid32 = 213, NR_getgroups32 = 205, NR_setgroups32 = 206, NR_setgid32 = 214,
  NR_getdents64 = 220, NR_fcntl64 = 221, NR_gettid = 224, NR_tkill = 238,
  NR_set_thread_area = 243, NR_exit_group = 252, NR_clock_gettime = 265,
  NR_clock_getres = 266, NR_statfs64 = 268, NR_fstatfs64 = 269, NR_utimes = 271, NR_openat = 295, NR_utimensat = 320, NR_pipe2 = 331
};
#endif
