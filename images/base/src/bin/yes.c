/*
 * yes [STRING...]: print the arguments joined by spaces (default "y") and a
 * newline, forever, until the output fails (e.g. the pipe reader exits).
 */
#include <string.h>
#include <unistd.h>

#include "util.h"

int main(int argc, char **argv) {
  char buf[8192];
  size_t len = 0, one;
  set_prog(argv[0]);
  if (argc < 2) {
    memcpy(buf, "y\n", 2), len = 2;
  } else {
    for (int i = 1; i < argc; i++) {
      size_t n = strlen(argv[i]);
      if (len + n + 1 > sizeof buf) n = sizeof buf - len - 1;
      memcpy(buf + len, argv[i], n), len += n;
      buf[len++] = i + 1 < argc ? ' ' : '\n';
      if (len >= sizeof buf - 1) break;
    }
  }
  one = len;
  while (len + one <= sizeof buf) memcpy(buf + len, buf, one), len += one;
  for (;;)
    if (write_all(1, buf, len) < 0) return 1;
}
