/*
 * tee [-a] [FILE...]: copy standard input to standard output and to each
 * FILE (truncated, or appended to with -a). Exit 1 if a file failed.
 */
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

#include "util.h"

int main(int argc, char **argv) {
  struct opt o = {0};
  int c, flags = O_WRONLY | O_CREAT | O_TRUNC, rc = 0;
  set_prog(argv[0]);
  while ((c = opt_next(&o, argc, argv, "a")) != -1) {
    if (c == 'a') flags = O_WRONLY | O_CREAT | O_APPEND;
    else return 1;
  }
  int n = argc - o.ind;
  int *fds = xmalloc(sizeof *fds * (size_t)(n + 1));
  fds[0] = 1;
  for (int i = 0; i < n; i++) {
    fds[i + 1] = open(argv[o.ind + i], flags, 0666);
    if (fds[i + 1] < 0) warn_errno(argv[o.ind + i]), rc = 1;
  }
  char buf[8192];
  long got;
  while ((got = read(0, buf, sizeof buf)) > 0) {
    for (int i = 0; i <= n; i++)
      if (fds[i] >= 0 && write_all(fds[i], buf, (size_t)got) < 0) {
        warn_errno(i ? argv[o.ind + i - 1] : "standard output");
        fds[i] = -1, rc = 1;
      }
  }
  free(fds);
  return rc;
}
