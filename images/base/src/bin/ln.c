/*
 * ln [-sf] TARGET LINK | ln [-sf] TARGET... DIRECTORY | ln [-sf] TARGET:
 * make hard links, or symbolic links with -s; -f removes existing
 * destinations first. A destination directory receives links named after
 * the targets; with one operand the link goes in the current directory.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fsutil.h"
#include "util.h"

static int sym, force;

static int make_link(const char *target, const char *name) {
  struct stat st;
  if (force && lstat(name, &st) == 0 && !S_ISDIR(st.st_mode)) unlink(name);
  if ((sym ? symlink(target, name) : link(target, name)) == 0) return 0;
  char msg[8400];
  snprintf(msg, sizeof msg, "failed to create %s link '%s'", sym ? "symbolic" : "hard", name);
  warn_errno(msg);
  return 1;
}

int main(int argc, char **argv) {
  struct opt o = {0};
  int c, rc = 0;
  set_prog(argv[0]);
  while ((c = opt_next(&o, argc, argv, "sf")) != -1) {
    if (c == 's') sym = 1;
    else if (c == 'f') force = 1;
    else return 1;
  }
  int n = argc - o.ind;
  if (n < 1) die(1, "missing file operand");
  if (n == 1) {
    char *b = base_name(argv[o.ind]);
    rc = make_link(argv[o.ind], b);
    free(b);
    return rc;
  }
  const char *dest = argv[argc - 1];
  struct stat st;
  int into = stat(dest, &st) == 0 && S_ISDIR(st.st_mode);
  if (into && force && n == 2 && lstat(dest, &st) == 0 && S_ISLNK(st.st_mode)) into = 0;
  if (n > 2 && !into) die(1, "target '%s' is not a directory", dest);
  for (int i = o.ind; i < argc - 1; i++) {
    if (!into) {
      rc |= make_link(argv[i], dest);
      continue;
    }
    char *b = base_name(argv[i]), *t = path_join(dest, b);
    rc |= make_link(argv[i], t);
    free(b), free(t);
  }
  return rc;
}
