/*
 * subst.c - command substitution: runs the command text in a forked
 * subshell with stdout on a pipe, collects the output and strips trailing
 * newlines. The child's exit status is kept in lastcmdsubst_status (the
 * status of a command made only of assignments).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "sh.h"

char *cmd_subst(const char *src) {
  int fds[2];
  fflush(stdout);
  if (pipe(fds) < 0) sh_error("pipe: %s", strerror(errno));
  pid_t pid = fork();
  if (pid < 0) sh_error("fork: %s", strerror(errno));
  if (pid == 0) {
    close(fds[0]);
    if (fds[1] != 1) {
      dup2(fds[1], 1);
      close(fds[1]);
    }
    enter_subshell(0);
    sh_exit(exec_string(src, NULL));
  }
  close(fds[1]);
  Str out = {0};
  char buf[4096];
  for (;;) {
    ssize_t n = read(fds[0], buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    str_addn(&out, buf, (size_t)n);
  }
  close(fds[0]);
  lastcmdsubst_status = job_wait_pid(pid);
  while (out.n && out.s[out.n - 1] == '\n') out.s[--out.n] = 0;
  return str_take(&out);
}
