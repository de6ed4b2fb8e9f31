/*
 * trap.c - signal names and the trap builtin.
 *
 * A trapped signal only sets a flag in the handler; trap_check runs the
 * pending actions between commands (and when a wait is interrupted), with
 * $? preserved. The EXIT trap (number 0) runs once from sh_exit. Subshells
 * reset trapped (non-ignored) signals to their defaults.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sh.h"

#define MAXSIG 65

static char *traps[MAXSIG];
static volatile int pending[MAXSIG];
volatile int trap_pending;
volatile int trap_last; /* the most recent trapped signal */
int got_sigint;
static int in_trap;

static const struct {
  const char *name;
  int num;
} signames[] = {
    {"EXIT", 0},     {"HUP", SIGHUP},   {"INT", SIGINT},     {"QUIT", SIGQUIT},
    {"ILL", SIGILL}, {"TRAP", SIGTRAP}, {"ABRT", SIGABRT},   {"BUS", SIGBUS},
    {"FPE", SIGFPE}, {"KILL", SIGKILL}, {"USR1", SIGUSR1},   {"SEGV", SIGSEGV},
    {"USR2", SIGUSR2}, {"PIPE", SIGPIPE}, {"ALRM", SIGALRM}, {"TERM", SIGTERM},
    {"CHLD", SIGCHLD}, {"CONT", SIGCONT}, {"STOP", SIGSTOP}, {"TSTP", SIGTSTP},
    {"TTIN", SIGTTIN}, {"TTOU", SIGTTOU}, {"URG", SIGURG},   {"XCPU", SIGXCPU},
    {"XFSZ", SIGXFSZ}, {"VTALRM", SIGVTALRM}, {"PROF", SIGPROF}, {"WINCH", SIGWINCH},
    {"IO", SIGIO},     {"PWR", SIGPWR},   {"SYS", SIGSYS},
};
#define NSIGNAMES (sizeof signames / sizeof signames[0])

int sig_number(const char *name) {
  if (name[0] >= '0' && name[0] <= '9') {
    int n = atoi(name);
    return n < MAXSIG ? n : -1;
  }
  if (strncmp(name, "SIG", 3) == 0) name += 3;
  for (size_t i = 0; i < NSIGNAMES; i++)
    if (strcmp(signames[i].name, name) == 0) return signames[i].num;
  return -1;
}

const char *sig_name(int sig) {
  for (size_t i = 0; i < NSIGNAMES; i++)
    if (signames[i].num == sig) return signames[i].name;
  return NULL;
}

static void on_signal(int sig) {
  trap_last = sig;
  if (sig == SIGINT) got_sigint = 1;
  if (sig > 0 && sig < MAXSIG) pending[sig] = 1;
  trap_pending = 1;
}

static void set_handler(int sig, void (*fn)(int)) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = fn;
  sigemptyset(&sa.sa_mask);
  sigaction(sig, &sa, NULL);
}

void trap_init(void) {
  if (interactive) {
    set_handler(SIGINT, on_signal);
    signal(SIGQUIT, SIG_IGN);
    signal(SIGTERM, SIG_IGN);
  }
}

void trap_check(void) {
  if (in_trap || !trap_pending) return;
  trap_pending = 0;
  in_trap = 1;
  int saved = exitstatus;
  for (int s = 1; s < MAXSIG; s++) {
    if (!pending[s]) continue;
    pending[s] = 0;
    if (traps[s] && *traps[s]) {
      char *t = xstrdup(traps[s]);
      exec_string(t, NULL);
      free(t);
      exitstatus = saved;
    }
  }
  in_trap = 0;
  if (got_sigint && !traps[SIGINT] && interactive) {
    got_sigint = 0;
    sh_interrupt();
  }
  got_sigint = 0;
}

void trap_exit(void) {
  char *t = traps[0];
  if (!t) return;
  traps[0] = NULL;
  int saved = exitstatus;
  exec_string(t, NULL);
  exitstatus = saved;
  free(t);
}

void trap_reset_subshell(void) {
  for (int s = 0; s < MAXSIG; s++) {
    if (!traps[s] || !*traps[s]) continue;
    free(traps[s]);
    traps[s] = NULL;
    if (s) signal(s, SIG_DFL);
  }
  trap_pending = 0;
}

static void print_traps(void) {
  for (int s = 0; s < MAXSIG; s++) {
    if (!traps[s]) continue;
    printf("trap -- '");
    for (const char *p = traps[s]; *p; p++) {
      if (*p == '\'') fputs("'\\''", stdout);
      else putchar(*p);
    }
    printf("' %s\n", sig_name(s) ? sig_name(s) : "?");
  }
}

static void set_trap(int s, const char *action) {
  free(traps[s]);
  traps[s] = action ? xstrdup(action) : NULL;
  if (s == 0) return;
  if (!action) signal(s, (s == SIGINT && interactive) ? SIG_DFL : SIG_DFL);
  else if (!*action) signal(s, SIG_IGN);
  else set_handler(s, on_signal);
  if (!action && s == SIGINT && interactive) set_handler(SIGINT, on_signal);
}

/* trap [action] [signal...] */
int b_trap(char **argv) {
  int i = 1;
  if (argv[i] && strcmp(argv[i], "--") == 0) i++;
  if (!argv[i]) {
    print_traps();
    return 0;
  }
  const char *action = argv[i];
  if (sig_number(action) >= 0 && action[0] >= '0' && action[0] <= '9') action = NULL;
  else i++;
  if (action && strcmp(action, "-") == 0) action = NULL;
  int st = 0;
  for (; argv[i]; i++) {
    int s = sig_number(argv[i]);
    if (s < 0 || s == SIGKILL || s == SIGSTOP) {
      sh_warn("trap: %s: bad trap", argv[i]);
      st = 1;
      continue;
    }
    set_trap(s, action);
  }
  return st;
}
