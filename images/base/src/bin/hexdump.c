/*
 * hexdump -C [FILE...]: canonical hex+ASCII display of the concatenated
 * input: "%08x" offset, 16 bytes as two groups of 8 hex pairs, then
 * "|printable|" ('.' for the rest). Repeated identical lines print one "*".
 * The final line is the total length. Without -C the same format is used
 * (the classic 2-byte default display is not implemented).
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "util.h"

static void line(unsigned long off, const unsigned char *b, int n) {
  printf("%08lx ", off);
  for (int i = 0; i < 16; i++) {
    if (i == 8) putchar(' ');
    if (i < n) printf(" %02x", b[i]);
    else fputs("   ", stdout);
  }
  fputs("  |", stdout);
  for (int i = 0; i < n; i++) putchar(isprint(b[i]) ? b[i] : '.');
  puts("|");
}

int main(int argc, char **argv) {
  struct opt o = {0};
  int c, rc = 0, star = 0, have_prev = 0;
  unsigned char buf[16], prev[16];
  unsigned long off = 0;
  int n = 0;
  set_prog(argv[0]);
  while ((c = opt_next(&o, argc, argv, "C")) != -1)
    if (c != 'C') return 1;
  char *dash[] = {"-"};
  char **names = o.ind < argc ? argv + o.ind : dash;
  int nfiles = o.ind < argc ? argc - o.ind : 1;
  for (int i = 0; i < nfiles; i++) {
    FILE *f = strcmp(names[i], "-") == 0 ? stdin : fopen(names[i], "r");
    if (!f) {
      warn_errno(names[i]);
      rc = 1;
      continue;
    }
    while ((c = getc(f)) != EOF) {
      buf[n++] = (unsigned char)c;
      if (n < 16) continue;
      if (have_prev && memcmp(buf, prev, 16) == 0) {
        if (!star) puts("*"), star = 1;
      } else {
        line(off, buf, 16);
        star = 0;
      }
      memcpy(prev, buf, 16), have_prev = 1;
      off += 16, n = 0;
    }
    if (f != stdin) fclose(f);
  }
  if (n) line(off, buf, n), off += (unsigned long)n;
  if (off || n || have_prev) printf("%08lx\n", off);
  return rc;
}
