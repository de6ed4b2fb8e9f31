/*
 * cut -f LIST [-d C] [-s] | -c LIST | -b LIST [FILE...]: print selected
 * fields (separated by C, default TAB) or characters (bytes) of each line.
 * LIST is comma-separated N, N-M, N-, -M (1-based). Lines without the
 * delimiter are printed whole with -f (dropped with -s). Selected fields
 * are joined by the delimiter.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

static unsigned char *sel; /* sel[i] for position i (1-based) */
static size_t nsel;
static long open_from; /* "N-": every position >= N (0: none) */

static int selected(size_t i) { return (open_from && (long)i >= open_from) || (i < nsel && sel[i]); }

static void parse_list(const char *list) {
  const char *p = list;
  while (*p) {
    char *end;
    long a = 1, b;
    if (*p != '-') {
      a = strtol(p, &end, 10);
      if (end == p || a < 1) die(1, "fields and positions are numbered from 1");
      p = end;
    }
    b = a;
    if (*p == '-') {
      p++;
      if (*p >= '0' && *p <= '9') b = strtol(p, &end, 10), p = end;
      else b = -1;
    }
    if (b < 0) {
      if (!open_from || a < open_from) open_from = a;
    } else {
      if (b < a) die(1, "invalid decreasing range");
      if ((size_t)b + 1 > nsel) {
        sel = xrealloc(sel, (size_t)b + 1);
        memset(sel + nsel, 0, (size_t)b + 1 - nsel);
        nsel = (size_t)b + 1;
      }
      for (long i = a; i <= b; i++) sel[i] = 1;
    }
    if (*p == ',') p++;
    else if (*p) die(1, "invalid field value '%s'", list);
  }
}

static void cut_fields(const char *s, size_t n, char delim, int only) {
  if (!memchr(s, delim, n)) {
    if (!only) fwrite(s, 1, n, stdout), putchar('\n');
    return;
  }
  size_t field = 1, start = 0;
  int first = 1;
  for (size_t i = 0; i <= n; i++) {
    if (i < n && s[i] != delim) continue;
    if (selected(field)) {
      if (!first) putchar(delim);
      fwrite(s + start, 1, i - start, stdout);
      first = 0;
    }
    field++, start = i + 1;
  }
  putchar('\n');
}

static void cut_chars(const char *s, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (selected(i + 1)) putchar(s[i]);
  putchar('\n');
}

int main(int argc, char **argv) {
  struct opt o = {0};
  int c, mode = 0, only = 0, rc = 0;
  char delim = '\t';
  set_prog(argv[0]);
  while ((c = opt_next(&o, argc, argv, "b:c:d:f:s")) != -1) {
    switch (c) {
    case 'b': case 'c': case 'f':
      if (mode) die(1, "only one type of list may be specified");
      mode = c == 'f' ? 'f' : 'c';
      parse_list(o.arg);
      break;
    case 'd':
      if (strlen(o.arg) > 1) die(1, "the delimiter must be a single character");
      delim = o.arg[0];
      break;
    case 's': only = 1; break;
    default: return 1;
    }
  }
  if (!mode) die(1, "you must specify a list of bytes, characters, or fields");
  char *dash[] = {"-"};
  char **names = o.ind < argc ? argv + o.ind : dash;
  int nfiles = o.ind < argc ? argc - o.ind : 1;
  char *buf = NULL;
  size_t cap = 0;
  for (int i = 0; i < nfiles; i++) {
    FILE *f = strcmp(names[i], "-") == 0 ? stdin : fopen(names[i], "r");
    long n;
    if (!f) {
      warn_errno(names[i]);
      rc = 1;
      continue;
    }
    while ((n = read_line(f, &buf, &cap)) >= 0) {
      if (n > 0 && buf[n - 1] == '\n') n--;
      if (mode == 'f') cut_fields(buf, (size_t)n, delim, only);
      else cut_chars(buf, (size_t)n);
    }
    if (f != stdin) fclose(f);
  }
  free(buf);
  return rc;
}
