/*
 * mv [-f] SOURCE DEST | mv [-f] SOURCE... DIRECTORY: rename files. A DEST
 * that is a directory receives SOURCE under its own name. Across file
 * systems (EXDEV) the tree is copied with its attributes and then removed.
 * -f is accepted (mv never prompts). Exit 1 on any failure.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fsutil.h"
#include "util.h"

static int move(const char *src, const char *dst) {
  struct stat st;
  if (lstat(src, &st) != 0) {
    char msg[4200];
    snprintf(msg, sizeof msg, "cannot stat '%s'", src);
    warn_errno(msg);
    return 1;
  }
  if (rename(src, dst) == 0) return 0;
  if (errno == EXDEV) {
    if (copy_path(src, dst, CP_RECURSIVE | CP_PRESERVE) != 0) return 1;
    return remove_path(src, 1, 0);
  }
  char msg[8400];
  snprintf(msg, sizeof msg, "cannot move '%s' to '%s'", src, dst);
  warn_errno(msg);
  return 1;
}

int main(int argc, char **argv) {
  struct opt o = {0};
  int c, rc = 0;
  set_prog(argv[0]);
  while ((c = opt_next(&o, argc, argv, "f")) != -1)
    if (c == '?') return 1;
  int n = argc - o.ind;
  if (n < 2) die(1, n ? "missing destination file operand after '%s'" : "missing file operand",
                 n ? argv[o.ind] : "");
  const char *dest = argv[argc - 1];
  int into = is_dir(dest);
  if (n > 2 && !into) die(1, "target '%s' is not a directory", dest);
  for (int i = o.ind; i < argc - 1; i++) {
    if (!into) {
      rc |= move(argv[i], dest);
      continue;
    }
    char *b = base_name(argv[i]), *t = path_join(dest, b);
    rc |= move(argv[i], t);
    free(b), free(t);
  }
  return rc;
}
