/*
 * kill [-s SIGNAL | -SIGNAL | -NUMBER] PID... : send a signal (default
 * TERM) to processes (negative PID: a process group; use "--" before it).
 * kill -l [SIGNAL]: list signal names (two lines, as procps kill), or
 * convert a number to a name and a name to a number (only the first
 * operand, and exit 0 even for unknown names, as procps kill).
 * Exit 1 if any signal could not be sent.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#include "signames.h"
#include "util.h"

static int list(int argc, char **argv) {
  if (argc == 0) {
    for (int i = 1; i <= SIG_COUNT; i++) printf("%s%c", sig_name(i), i == 16 || i == SIG_COUNT ? '\n' : ' ');
    return 0;
  }
  int rc = 0;
  for (int i = 0; i < 1; i++) { /* like procps: only the first operand */
    int n = sig_number(argv[i]);
    if (n < 0 || !sig_name(n)) {
      warn_msg("unknown signal name %s", argv[i]); /* procps still exits 0 */
    } else if (argv[i][0] >= '0' && argv[i][0] <= '9') {
      puts(sig_name(n));
    } else {
      printf("%d\n", n);
    }
  }
  return rc;
}

int main(int argc, char **argv) {
  int sig = SIGTERM, i = 1, rc = 0;
  set_prog(argv[0]);
  if (i < argc && strcmp(argv[i], "-l") == 0) return list(argc - 2, argv + 2);
  if (i < argc && strcmp(argv[i], "-s") == 0) {
    if (i + 1 >= argc || (sig = sig_number(argv[i + 1])) < 0) die(1, "unknown signal name %s", i + 1 < argc ? argv[i + 1] : "");
    i += 2;
  } else if (i < argc && argv[i][0] == '-' && argv[i][1] && strcmp(argv[i], "--") != 0) {
    if ((sig = sig_number(argv[i] + 1)) < 0) die(1, "unknown signal name %s", argv[i] + 1);
    i++;
  }
  if (i < argc && strcmp(argv[i], "--") == 0) i++;
  if (i >= argc) die(1, "not enough arguments");
  for (; i < argc; i++) {
    char *end;
    long pid = strtol(argv[i], &end, 10);
    if (!*argv[i] || *end) {
      warn_msg("cannot find process \"%s\"", argv[i]);
      rc = 1;
      continue;
    }
    if (kill((pid_t)pid, sig) != 0) {
      warn_msg("sending signal to %ld failed: %s", pid, strerror(errno));
      rc = 1;
    }
  }
  return rc;
}
