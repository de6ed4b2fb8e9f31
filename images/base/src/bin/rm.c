/*
 * rm [-rRf] FILE...: remove files. -r/-R removes directories and their
 * contents; -f ignores missing files and never fails for lack of operands.
 * Refuses "." and "..", and "/" with -r (as GNU's --preserve-root).
 * Exit 1 if anything was not removed.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fsutil.h"
#include "util.h"

int main(int argc, char **argv) {
  struct opt o = {0};
  int c, rec = 0, force = 0, rc = 0;
  set_prog(argv[0]);
  while ((c = opt_next(&o, argc, argv, "rRf")) != -1) {
    if (c == 'r' || c == 'R') rec = 1;
    else if (c == 'f') force = 1;
    else return 1;
  }
  if (o.ind >= argc && !force) die(1, "missing operand");
  for (int i = o.ind; i < argc; i++) {
    char *b = base_name(argv[i]);
    int dots = strcmp(b, ".") == 0 || strcmp(b, "..") == 0;
    free(b);
    if (dots) {
      warn_msg("refusing to remove '.' or '..' directory: skipping '%s'", argv[i]);
      rc = 1;
      continue;
    }
    struct stat st, root;
    if (rec && stat(argv[i], &st) == 0 && stat("/", &root) == 0 && st.st_dev == root.st_dev &&
        st.st_ino == root.st_ino) {
      warn_msg("it is dangerous to operate recursively on '%s'", argv[i]);
      warn_msg("use --no-preserve-root to override this failsafe");
      rc = 1;
      continue;
    }
    rc |= remove_path(argv[i], rec, force);
  }
  return rc;
}
