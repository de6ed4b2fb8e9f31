/*
 * uname [-asnrvmpio]: print system information from uname(2): -s kernel
 * name (default), -n node name, -r release, -v version, -m machine,
 * -p processor and -i platform (printed only when known, as GNU: never),
 * -o operating system ("GNU/Linux" for Linux, else the kernel name);
 * -a all of s n r v m o, in that order.
 */
#include <stdio.h>
#include <string.h>
#include <sys/utsname.h>

#include "util.h"

enum { S = 1, N = 2, R = 4, V = 8, M = 16, P = 32, I = 64, O = 128 };

int main(int argc, char **argv) {
  struct opt o = {0};
  struct utsname u;
  int c, want = 0, first = 1;
  set_prog(argv[0]);
  while ((c = opt_next(&o, argc, argv, "asnrvmpio")) != -1) {
    switch (c) {
    case 'a': want |= S | N | R | V | M | O | 256; break;
    case 's': want |= S; break;
    case 'n': want |= N; break;
    case 'r': want |= R; break;
    case 'v': want |= V; break;
    case 'm': want |= M; break;
    case 'p': want |= P; break;
    case 'i': want |= I; break;
    case 'o': want |= O; break;
    default: return 1;
    }
  }
  if (o.ind < argc) die(1, "extra operand '%s'", argv[o.ind]);
  if (!want) want = S;
  if (uname(&u) != 0) {
    warn_errno("cannot get system name");
    return 1;
  }
  const char *os = strcmp(u.sysname, "Linux") == 0 ? "GNU/Linux" : u.sysname;
  const char *fields[] = {u.sysname, u.nodename, u.release, u.version, u.machine, "unknown", "unknown", os};
  for (int i = 0; i < 8; i++) {
    if (!(want & (1 << i))) continue;
    if ((i == 5 || i == 6) && (want & 256)) continue; /* -a omits unknown -p/-i */
    printf("%s%s", first ? "" : " ", fields[i]);
    first = 0;
  }
  putchar('\n');
  return 0;
}
