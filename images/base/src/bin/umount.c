/*
 * umount [-l] DIR...: unmount file systems (umount2(2); -l detaches
 * lazily). Needs umount2 (sys/mount.h). Exit 32 if any unmount failed.
 */
#include <errno.h>
#include <string.h>
#include <sys/mount.h>

#include "util.h"

int main(int argc, char **argv) {
  struct opt o = {0};
  int c, fl = 0, rc = 0;
  set_prog(argv[0]);
  while ((c = opt_next(&o, argc, argv, "l")) != -1) {
    if (c == 'l') fl = MNT_DETACH;
    else return 1;
  }
  if (o.ind >= argc) die(1, "usage: umount [-l] DIR...");
  for (int i = o.ind; i < argc; i++) {
    if (umount2(argv[i], fl) != 0) {
      warn_msg("%s: %s", argv[i], strerror(errno));
      rc = 32;
    }
  }
  return rc;
}
