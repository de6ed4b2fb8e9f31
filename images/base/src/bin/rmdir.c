/*
 * rmdir [-p] DIR...: remove empty directories; -p also removes each parent
 * named in the path ("a/b/c" removes c, b, a). Exit 1 on any failure.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "util.h"

static int remove_one(const char *path) {
  if (rmdir(path) == 0) return 0;
  char msg[4200];
  snprintf(msg, sizeof msg, "failed to remove '%s'", path);
  warn_errno(msg);
  return 1;
}

int main(int argc, char **argv) {
  struct opt o = {0};
  int c, parents = 0, rc = 0;
  set_prog(argv[0]);
  while ((c = opt_next(&o, argc, argv, "p")) != -1) {
    if (c == 'p') parents = 1;
    else return 1;
  }
  if (o.ind >= argc) die(1, "missing operand");
  for (int i = o.ind; i < argc; i++) {
    char *p = argv[i];
    if (remove_one(p)) {
      rc = 1;
      continue;
    }
    while (parents) {
      size_t n = strlen(p);
      while (n > 0 && p[n - 1] == '/') n--;
      while (n > 0 && p[n - 1] != '/') n--;
      while (n > 0 && p[n - 1] == '/') n--;
      if (n == 0) break;
      p[n] = 0;
      if (remove_one(p)) {
        rc = 1;
        break;
      }
    }
  }
  return rc;
}
