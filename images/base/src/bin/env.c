/*
 * env [-i] [-u NAME]... [NAME=VALUE]... [COMMAND [ARG]...]: run COMMAND in
 * a modified environment, or print the environment. -i (or "-") starts
 * empty; -u removes NAME. Exit 125 on env errors, 126 if COMMAND cannot run,
 * 127 if it is not found, else COMMAND's status.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util.h"

extern char **environ;

int main(int argc, char **argv) {
  int i = 1;
  set_prog(argv[0]);
  for (; i < argc && argv[i][0] == '-'; i++) {
    if (strcmp(argv[i], "-i") == 0 || strcmp(argv[i], "-") == 0) {
      static char *empty[] = {NULL};
      environ = empty;
    } else if (strcmp(argv[i], "-u") == 0 && i + 1 < argc) {
      unsetenv(argv[++i]);
    } else if (strncmp(argv[i], "-u", 2) == 0 && argv[i][2]) {
      unsetenv(argv[i] + 2);
    } else if (strcmp(argv[i], "--") == 0) {
      i++;
      break;
    } else {
      warn_msg("invalid option -- '%c'", argv[i][1]);
      return 125;
    }
  }
  for (; i < argc && strchr(argv[i], '='); i++) {
    char *eq = strchr(argv[i], '=');
    *eq = 0;
    if (setenv(argv[i], eq + 1, 1) != 0) {
      *eq = '=';
      warn_msg("cannot set '%s'", argv[i]);
      return 125;
    }
  }
  if (i >= argc) {
    for (char **e = environ; *e; e++) puts(*e);
    return 0;
  }
  execvp(argv[i], argv + i);
  int e = errno;
  warn_msg("'%s': %s", argv[i], strerror(e));
  return e == ENOENT ? 127 : 126;
}
