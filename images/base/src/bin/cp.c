/*
 * cp [-rRp] SOURCE DEST | cp [-rRp] SOURCE... DIRECTORY: copy files.
 *   -r/-R  copy directories recursively (symbolic links are copied as links)
 *   -p     preserve mode, ownership (when permitted) and timestamps
 * A DEST that is a directory receives SOURCE under its own name.
 * Exit 1 if anything could not be copied.
 */
#include <stdlib.h>
#include <string.h>

#include "fsutil.h"
#include "util.h"

int main(int argc, char **argv) {
  struct opt o = {0};
  int c, flags = 0, rc = 0;
  set_prog(argv[0]);
  while ((c = opt_next(&o, argc, argv, "rRp")) != -1) {
    if (c == 'r' || c == 'R') flags |= CP_RECURSIVE;
    else if (c == 'p') flags |= CP_PRESERVE;
    else return 1;
  }
  int n = argc - o.ind;
  if (n < 2) die(1, n ? "missing destination file operand after '%s'" : "missing file operand",
                 n ? argv[o.ind] : "");
  const char *dest = argv[argc - 1];
  int into = is_dir(dest);
  if (n > 2 && !into) die(1, "target '%s' is not a directory", dest);
  for (int i = o.ind; i < argc - 1; i++) {
    if (!into) {
      rc |= copy_path(argv[i], dest, flags);
      continue;
    }
    char *b = base_name(argv[i]), *t = path_join(dest, b);
    rc |= copy_path(argv[i], t, flags);
    free(b), free(t);
  }
  return rc;
}
