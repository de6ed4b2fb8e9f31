/*
 * Signals. struct sigaction is the kernel's i386 layout, so sigaction passes
 * it to rt_sigaction (8-byte mask) after adding SA_RESTORER with a restorer
 * matching the frame the kernel builds (rt_sigreturn for SA_SIGINFO, sigreturn
 * otherwise). signal() installs a
 * handler with SA_RESTART, as glibc's BSD semantics do.
 */
#include <signal.h>
#include <string.h>
#include <errno.h>
#include "../internal/syscall.h"

void __sigrestore(void);
void __sigrestore_rt(void);

int sigaction(int sig, const struct sigaction *act, struct sigaction *old) {
  struct sigaction k;
  if (act) {
    k = *act;
    k.sa_flags |= SA_RESTORER;
    k.sa_restorer = k.sa_flags & SA_SIGINFO ? __sigrestore_rt : __sigrestore;
    act = &k;
  }
  return (int)__sys_ret(SYS4(NR_rt_sigaction, sig, act, old, 8));
}

sighandler_t signal(int sig, sighandler_t handler) {
  struct sigaction sa, old;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = handler;
  sa.sa_flags = SA_RESTART;
  if (sigaction(sig, &sa, &old) < 0) return SIG_ERR;
  return old.sa_handler;
}

int sigprocmask(int how, const sigset_t *set, sigset_t *old) {
  return (int)__sys_ret(SYS4(NR_rt_sigprocmask, how, set, old, 8));
}

int sigpending(sigset_t *set) { return (int)__sys_ret(SYS2(NR_rt_sigpending, set, 8)); }
int sigsuspend(const sigset_t *mask) { return (int)__sys_ret(SYS2(NR_rt_sigsuspend, mask, 8)); }

int sigemptyset(sigset_t *set) {
  set->__bits[0] = set->__bits[1] = 0;
  return 0;
}

int sigfillset(sigset_t *set) {
  set->__bits[0] = set->__bits[1] = ~0UL;
  return 0;
}

static int bad_signal(int sig) {
  if (sig > 0 && sig < _NSIG) return 0;
  errno = EINVAL;
  return 1;
}

int sigaddset(sigset_t *set, int sig) {
  if (bad_signal(sig)) return -1;
  set->__bits[(sig - 1) / 32] |= 1UL << ((sig - 1) % 32);
  return 0;
}

int sigdelset(sigset_t *set, int sig) {
  if (bad_signal(sig)) return -1;
  set->__bits[(sig - 1) / 32] &= ~(1UL << ((sig - 1) % 32));
  return 0;
}

int sigismember(const sigset_t *set, int sig) {
  if (bad_signal(sig)) return -1;
  return (set->__bits[(sig - 1) / 32] >> ((sig - 1) % 32)) & 1;
}
