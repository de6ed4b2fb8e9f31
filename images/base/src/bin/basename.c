/*
 * basename NAME [SUFFIX]: print NAME without leading directories (and
 * without SUFFIX when it is a proper suffix), as POSIX/GNU basename:
 * "/usr/lib/" -> "lib", "/" -> "/", "" -> "".
 */
#include <stdio.h>
#include <string.h>

#include "util.h"

int main(int argc, char **argv) {
  set_prog(argv[0]);
  if (argc < 2 || argc > 3) {
    warn_msg(argc < 2 ? "missing operand" : "extra operand '%s'", argc < 2 ? "" : argv[3]);
    return 1;
  }
  char *s = argv[1];
  size_t n = strlen(s);
  while (n > 1 && s[n - 1] == '/') n--;
  s[n] = 0;
  if (strcmp(s, "/") != 0) {
    char *slash = strrchr(s, '/');
    if (slash) s = slash + 1;
    n = strlen(s);
    if (argc == 3) {
      size_t k = strlen(argv[2]);
      if (k < n && strcmp(s + n - k, argv[2]) == 0) s[n - k] = 0;
    }
  }
  puts(s);
  return 0;
}
