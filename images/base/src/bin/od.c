/*
 * od [-c] [-x] [-o] [FILE...]: dump the concatenated input, 16 bytes per
 * line after a 7-digit octal offset, in each requested format (one line
 * each, aligned in columns): -c characters (escapes \0 \a \b \f \n \r \t
 * \v, octal for other non-printables), -x hex 2-byte words, -o octal 2-byte
 * words (the default). Repeated lines print one "*"; the last line is the
 * total length in octal.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "util.h"

struct fmt { char kind; int size, width; };
static struct fmt fmts[8];
static int nfmts;

static void field_c(int b, int w) {
  static const char from[] = "\a\b\f\n\r\t\v", *to[] = {"\\a", "\\b", "\\f", "\\n", "\\r", "\\t", "\\v"};
  const char *e = b ? memchr(from, b, 7) : NULL;
  char s[8];
  if (b == 0) snprintf(s, sizeof s, "\\0");
  else if (e) snprintf(s, sizeof s, "%s", to[e - from]);
  else if (isprint(b)) snprintf(s, sizeof s, "%c", b);
  else snprintf(s, sizeof s, "%03o", b);
  printf("%*s", w, s);
}

static void line(unsigned long off, const unsigned char *b, int n) {
  for (int k = 0; k < nfmts; k++) {
    struct fmt *f = &fmts[k];
    if (k == 0) printf("%07lo", off);
    else printf("       ");
    for (int i = 0; i < n; i += f->size) {
      if (f->kind == 'c') {
        field_c(b[i], f->width);
        continue;
      }
      unsigned v = b[i] | (i + 1 < n ? b[i + 1] : 0) << 8;
      printf(f->kind == 'x' ? "%*.4x" : "%*.6o", f->width, v);
    }
    putchar('\n');
  }
}

static void add(char kind) {
  if (nfmts == 8) return;
  fmts[nfmts].kind = kind, fmts[nfmts].size = kind == 'c' ? 1 : 2;
  nfmts++;
}

/* Gives every format the same width per byte: the widest need (GNU od's alignment). */
static void align(void) {
  int per2 = 0;
  for (int k = 0; k < nfmts; k++) {
    int need = fmts[k].kind == 'c' ? 8 : fmts[k].kind == 'x' ? 5 : 7; /* per 2 bytes */
    if (need > per2) per2 = need;
  }
  if (nfmts == 1) per2 = fmts[0].kind == 'c' ? 8 : fmts[0].kind == 'x' ? 5 : 7;
  for (int k = 0; k < nfmts; k++) fmts[k].width = fmts[k].size == 1 ? per2 / 2 : per2;
}

int main(int argc, char **argv) {
  struct opt o = {0};
  int c, rc = 0, star = 0, have_prev = 0, n = 0, opened = 0;
  unsigned char buf[16], prev[16];
  unsigned long off = 0;
  set_prog(argv[0]);
  while ((c = opt_next(&o, argc, argv, "cxo")) != -1) {
    if (c == '?') return 1;
    add((char)c);
  }
  if (!nfmts) add('o');
  align();
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
    opened = 1;
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
  if (opened) printf("%07lo\n", off); /* GNU prints nothing when no input could be read */
  return rc;
}
