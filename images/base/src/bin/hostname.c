/*
 * hostname [-s]: print the system's host name (-s: up to the first dot).
 * Setting the name is not supported (no sethostname in denix's libc).
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "util.h"

int main(int argc, char **argv) {
  struct opt o = {0};
  int c, short_name = 0;
  char name[256];
  set_prog(argv[0]);
  while ((c = opt_next(&o, argc, argv, "s")) != -1) {
    if (c == 's') short_name = 1;
    else return 1;
  }
  if (o.ind < argc) die(1, "setting the host name is not supported");
  if (gethostname(name, sizeof name) != 0) {
    warn_errno("gethostname");
    return 1;
  }
  name[sizeof name - 1] = 0;
  if (short_name && strchr(name, '.')) *strchr(name, '.') = 0;
  puts(name);
  return 0;
}
