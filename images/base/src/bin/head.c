/*
 * head [-n N] [-c N] [FILE...]: print the first N lines (default 10) or N
 * bytes of each file. With several files each gets a "==> name <==" header
 * (separated by a blank line). Exit 1 if a file could not be read.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

static long count = 10;
static int bytes;

static int first_header = 1;

static int head_file(const char *name, int header) {
  FILE *f = strcmp(name, "-") == 0 ? stdin : fopen(name, "r");
  int c;
  if (!f) {
    char msg[4200];
    snprintf(msg, sizeof msg, "cannot open '%s' for reading", name);
    warn_errno(msg);
    return 1;
  }
  if (header) {
    printf("%s==> %s <==\n", first_header ? "" : "\n", f == stdin ? "standard input" : name);
    first_header = 0;
  }
  for (long n = 0; n < count && (c = getc(f)) != EOF;) {
    putchar(c);
    if (bytes || c == '\n') n++;
  }
  if (f != stdin) fclose(f);
  return 0;
}

static long parse_count(const char *s) {
  char *end;
  long v = strtol(s, &end, 10);
  if (*end || v < 0) die(1, "invalid number of %s: '%s'", bytes ? "bytes" : "lines", s);
  return v;
}

int main(int argc, char **argv) {
  struct opt o = {0};
  int c, rc = 0;
  set_prog(argv[0]);
  while ((c = opt_next(&o, argc, argv, "n:c:")) != -1) {
    if (c == '?') return 1;
    bytes = c == 'c';
    count = parse_count(o.arg);
  }
  int n = argc - o.ind;
  if (n == 0) return head_file("-", 0);
  for (int i = o.ind; i < argc; i++) rc |= head_file(argv[i], n > 1);
  return rc;
}
