/*
 * cmp [-l] [-s] FILE1 [FILE2]: compare two files byte by byte ("-" or a
 * missing FILE2 is standard input). Prints "F1 F2 differ: char N, line L"
 * at the first difference ("char" as in the POSIX locale); -l lists every differing byte ("N o1 o2" in
 * octal), -s prints nothing. A shorter file gives "EOF on F after byte N"
 * on stderr. Exit 0 same, 1 different, 2 trouble.
 */
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "util.h"

static FILE *open_in(const char *name) {
  if (strcmp(name, "-") == 0) return stdin;
  FILE *f = fopen(name, "r");
  if (!f) {
    warn_errno(name);
    return NULL;
  }
  return f;
}

int main(int argc, char **argv) {
  struct opt o = {0};
  int c, list = 0, silent = 0, differ = 0;
  set_prog(argv[0]);
  while ((c = opt_next(&o, argc, argv, "ls")) != -1) {
    if (c == 'l') list = 1;
    else if (c == 's') silent = 1;
    else return 2;
  }
  int n = argc - o.ind;
  if (n < 1) die(2, "missing operand after '%s'", argv[0]);
  if (n > 2) die(2, "invalid --ignore-initial value '%s'", argv[o.ind + 2]);
  const char *n1 = argv[o.ind], *n2 = n > 1 ? argv[o.ind + 1] : "-";
  FILE *a = open_in(n1), *b = open_in(n2);
  if (!a || !b) return 2;
  int width = 1;
  if (list) {
    struct stat sa, sb;
    if (fstat(fileno(a), &sa) == 0 && fstat(fileno(b), &sb) == 0) {
      long long m = sa.st_size < sb.st_size ? sa.st_size : sb.st_size;
      for (; m >= 10; m /= 10) width++;
    }
  }
  long long byte = 0, line = 1;
  for (;;) {
    int x = getc(a), y = getc(b);
    if (x == EOF || y == EOF) {
      if (x == y) break;
      if (!silent) {
        fflush(stdout);
        if (list || byte == 0) fprintf(stderr, "%s: EOF on %s after byte %lld\n", prog_name, x == EOF ? n1 : n2, byte);
        else fprintf(stderr, "%s: EOF on %s after byte %lld, line %lld\n", prog_name, x == EOF ? n1 : n2, byte, line - (x == EOF ? 0 : 0));
      }
      return 1;
    }
    byte++;
    if (x != y) {
      differ = 1;
      if (silent) return 1;
      if (!list) {
        printf("%s %s differ: char %lld, line %lld\n", n1, n2, byte, line);
        return 1;
      }
      printf("%*lld %3o %3o\n", width, byte, x, y);
    }
    if (x == '\n') line++;
  }
  return differ;
}
