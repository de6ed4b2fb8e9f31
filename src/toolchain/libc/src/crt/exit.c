/*
 * Process exit: exit runs atexit handlers (last registered first), flushes
 * stdio and calls _exit; _Exit and _exit skip both. abort raises SIGABRT and
 * falls back to exit status 127 if the signal returns.
 */
#include <stdlib.h>
#include <signal.h>
#include <unistd.h>
#include "../internal/libc.h"
#include "../internal/syscall.h"

#define ATEXIT_MAX 64
static void (*handlers[ATEXIT_MAX])(void);
static int count;

int atexit(void (*fn)(void)) {
  if (count == ATEXIT_MAX) return -1;
  handlers[count++] = fn;
  return 0;
}

_Noreturn void exit(int status) {
  while (count > 0) handlers[--count]();
  __stdio_exit();
  _exit(status);
}

_Noreturn void _exit(int status) {
  for (;;) {
    SYS1(NR_exit_group, status);
    SYS1(NR_exit, status);
  }
}

_Noreturn void _Exit(int status) { _exit(status); }

_Noreturn void abort(void) {
  sigset_t set;
  struct sigaction sa;
  sigemptyset(&set);
  sigaddset(&set, SIGABRT);
  sigprocmask(SIG_UNBLOCK, &set, NULL);
  raise(SIGABRT);
  sa.sa_handler = SIG_DFL;
  sa.sa_flags = 0;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGABRT, &sa, NULL);
  raise(SIGABRT);
  _exit(127);
}
