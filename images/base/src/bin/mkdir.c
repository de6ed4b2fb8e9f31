/*
 * mkdir [-p] [-m MODE] DIR...: create directories. -p creates missing
 * parents and accepts existing directories; -m sets the octal mode of the
 * final directory. Exit 1 if any directory could not be created.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "fsutil.h"
#include "util.h"

int main(int argc, char **argv) {
  struct opt o = {0};
  int c, parents = 0, rc = 0, have_mode = 0;
  mode_t mode = 0777;
  set_prog(argv[0]);
  while ((c = opt_next(&o, argc, argv, "pm:")) != -1) {
    if (c == 'p') parents = 1;
    else if (c == 'm') mode = (mode_t)strtol(o.arg, NULL, 8), have_mode = 1;
    else return 1;
  }
  if (o.ind >= argc) die(1, "missing operand");
  for (int i = o.ind; i < argc; i++) {
    if (parents) rc |= make_parents(argv[i], mode);
    else if (mkdir(argv[i], mode) != 0) {
      char msg[4200];
      snprintf(msg, sizeof msg, "cannot create directory '%s'", argv[i]);
      warn_errno(msg);
      rc = 1;
      continue;
    }
    if (have_mode) chmod(argv[i], mode);
  }
  return rc;
}
