/*
 * xargs [-n MAX] [-t] [COMMAND [ARG...]]: read blank-separated words from
 * standard input ('...' "..." quoting and \ escapes as POSIX) and run
 * COMMAND (default echo) with as many words as fit (at most MAX with -n).
 * -t prints each command on stderr first. Empty input runs COMMAND once
 * with no words (GNU's default).
 * Exit: 0, 123 if a command exited 1-125, 124 if one exited 255,
 * 125 if one was killed, 126 not executable, 127 not found.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "util.h"

enum { MAX_BYTES = 128 * 1024 };

/* Reads the next word into a new string; returns NULL at end of input. */
static char *next_word(void) {
  size_t n = 0, cap = 64;
  char *w = NULL;
  int c, quote = 0, any = 0;
  while ((c = getchar()) != EOF && isspace(c)) {}
  if (c == EOF) return NULL;
  w = xmalloc(cap);
  for (; c != EOF; c = getchar()) {
    if (!quote && isspace(c)) break;
    if (quote && c == quote) {
      quote = 0;
      continue;
    }
    if (!quote && (c == '\'' || c == '"')) {
      quote = c, any = 1;
      continue;
    }
    if (quote && c == '\n') die(1, "unmatched %s quote; by default quotes are special to xargs unless you use the -0 option", quote == '"' ? "double" : "single");
    if (!quote && c == '\\') {
      c = getchar();
      if (c == EOF) break;
    }
    if (n + 2 > cap) w = xrealloc(w, cap *= 2);
    w[n++] = (char)c, any = 1;
  }
  if (quote) die(1, "unmatched %s quote; by default quotes are special to xargs unless you use the -0 option", quote == '"' ? "double" : "single");
  w[n] = 0;
  (void)any;
  return w;
}

static int run(char **argv, int trace) {
  if (trace) {
    for (int i = 0; argv[i]; i++) fprintf(stderr, "%s%s", i ? " " : "", argv[i]);
    fputc('\n', stderr);
  }
  fflush(stdout);
  pid_t pid = fork();
  if (pid < 0) die(1, "cannot fork");
  if (pid == 0) {
    execvp(argv[0], argv);
    int e = errno;
    warn_msg("%s: %s", argv[0], strerror(e));
    _exit(e == ENOENT ? 127 : 126);
  }
  int st;
  while (waitpid(pid, &st, 0) < 0)
    if (errno != EINTR) return 1;
  if (WIFSIGNALED(st)) {
    warn_msg("%s: terminated by signal %d", argv[0], WTERMSIG(st));
    exit(125);
  }
  int code = WEXITSTATUS(st);
  if (code == 255) {
    warn_msg("%s: exited with status 255; aborting", argv[0]);
    exit(124);
  }
  if (code == 126 || code == 127) exit(code);
  return code ? 123 : 0;
}

int main(int argc, char **argv) {
  struct opt o = {0};
  int c, trace = 0, rc = 0;
  long max = 0;
  set_prog(argv[0]);
  while ((c = opt_next(&o, argc, argv, "n:t")) != -1) {
    if (c == 'n') {
      max = strtol(o.arg, NULL, 10);
      if (max < 1) die(1, "value %s for -n option should be >= 1", o.arg);
    } else if (c == 't') trace = 1;
    else return 1;
  }
  char *echo[] = {"echo"};
  char **cmd = o.ind < argc ? argv + o.ind : echo;
  int ncmd = o.ind < argc ? argc - o.ind : 1;
  char **args = xmalloc(sizeof *args * (size_t)(ncmd + 1));
  int nargs = 0;
  size_t bytes = 0;
  char *w = next_word();
  int first = 1;
  while (w || first) {
    first = 0;
    nargs = ncmd, bytes = 0;
    memcpy(args, cmd, sizeof *args * (size_t)ncmd);
    while (w && (max == 0 || nargs - ncmd < max) && (nargs == ncmd || bytes + strlen(w) + 1 < MAX_BYTES)) {
      args = xrealloc(args, sizeof *args * (size_t)(nargs + 2));
      args[nargs++] = w, bytes += strlen(w) + 1;
      w = next_word();
    }
    args[nargs] = NULL;
    int r = run(args, trace);
    if (r) rc = r;
    for (int i = ncmd; i < nargs; i++) free(args[i]);
  }
  return rc;
}
