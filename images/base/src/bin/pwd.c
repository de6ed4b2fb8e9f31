/*
 * pwd [-LP]: print the current working directory (the physical path from
 * getcwd; -L and -P are accepted, both print the physical path).
 */
#include <stdio.h>
#include <unistd.h>

#include "util.h"

int main(int argc, char **argv) {
  char buf[4096];
  struct opt o = {0};
  int c;
  set_prog(argv[0]);
  while ((c = opt_next(&o, argc, argv, "LP")) != -1)
    if (c == '?') return 1;
  if (!getcwd(buf, sizeof buf)) {
    warn_errno("getcwd");
    return 1;
  }
  puts(buf);
  return 0;
}
