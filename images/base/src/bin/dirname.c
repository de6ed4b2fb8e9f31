/*
 * dirname NAME...: print each NAME without its last component, as POSIX:
 * "/usr/lib" -> "/usr", "lib" -> ".", "/" -> "/", "a//b/" -> "a".
 */
#include <stdio.h>
#include <string.h>

#include "util.h"

static void dirname_of(char *s) {
  size_t n = strlen(s);
  while (n > 1 && s[n - 1] == '/') n--;
  while (n > 0 && s[n - 1] != '/') n--;
  if (n == 0) {
    puts(".");
    return;
  }
  while (n > 1 && s[n - 1] == '/') n--;
  s[n] = 0;
  puts(s);
}

int main(int argc, char **argv) {
  set_prog(argv[0]);
  if (argc < 2) {
    warn_msg("missing operand");
    return 1;
  }
  for (int i = 1; i < argc; i++) dirname_of(argv[i]);
  return 0;
}
