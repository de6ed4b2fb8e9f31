/* Process system calls: fork, wait, ids, sessions, kill. */
#include <unistd.h>
#include <signal.h>
#include <sys/wait.h>
#include <sys/resource.h>
#include <grp.h>
#include "../internal/syscall.h"

pid_t fork(void) { return (pid_t)__sys_ret(SYS0(NR_fork)); }
pid_t vfork(void) { return fork(); }
pid_t getpid(void) { return (pid_t)SYS0(NR_getpid); }
pid_t getppid(void) { return (pid_t)SYS0(NR_getppid); }
pid_t getpgrp(void) { return (pid_t)SYS0(NR_getpgrp); }
pid_t getpgid(pid_t pid) { return (pid_t)__sys_ret(SYS1(NR_getpgid, pid)); }
int setpgid(pid_t pid, pid_t pgid) { return (int)__sys_ret(SYS2(NR_setpgid, pid, pgid)); }
pid_t setsid(void) { return (pid_t)__sys_ret(SYS0(NR_setsid)); }
pid_t getsid(pid_t pid) { return (pid_t)__sys_ret(SYS1(NR_getsid, pid)); }
uid_t getuid(void) { return (uid_t)SYS0(NR_getuid32); }
uid_t geteuid(void) { return (uid_t)SYS0(NR_geteuid32); }
gid_t getgid(void) { return (gid_t)SYS0(NR_getgid32); }
gid_t getegid(void) { return (gid_t)SYS0(NR_getegid32); }
int setuid(uid_t uid) { return (int)__sys_ret(SYS1(NR_setuid32, uid)); }
int setgid(gid_t gid) { return (int)__sys_ret(SYS1(NR_setgid32, gid)); }
int kill(pid_t pid, int sig) { return (int)__sys_ret(SYS2(NR_kill, pid, sig)); }
int killpg(pid_t pgrp, int sig) { return kill(-pgrp, sig); }
int raise(int sig) { return (int)__sys_ret(SYS2(NR_tkill, SYS0(NR_gettid), sig)); }
int pause(void) { return (int)__sys_ret(SYS0(NR_pause)); }
unsigned alarm(unsigned seconds) { return (unsigned)SYS1(NR_alarm, seconds); }

pid_t waitpid(pid_t pid, int *status, int options) {
  return (pid_t)__sys_ret(SYS4(NR_wait4, pid, status, options, 0));
}

pid_t wait(int *status) { return waitpid(-1, status, 0); }

int getrlimit(int res, struct rlimit *r) { return (int)__sys_ret(SYS2(NR_ugetrlimit, res, r)); }
int setrlimit(int res, const struct rlimit *r) { return (int)__sys_ret(SYS2(NR_setrlimit, res, r)); }
int getrusage(int who, struct rusage *u) { return (int)__sys_ret(SYS2(NR_getrusage, who, u)); }

pid_t wait4(pid_t pid, int *status, int options, struct rusage *u) {
  return (pid_t)__sys_ret(SYS4(NR_wait4, pid, status, options, u));
}

pid_t wait3(int *status, int options, struct rusage *u) { return wait4(-1, status, options, u); }

int getgroups(int size, gid_t list[]) { return (int)__sys_ret(SYS2(NR_getgroups32, size, list)); }
int setgroups(size_t size, const gid_t *list) { return (int)__sys_ret(SYS2(NR_setgroups32, size, list)); }
