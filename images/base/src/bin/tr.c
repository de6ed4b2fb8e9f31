/*
 * tr [-cds] SET1 [SET2]: translate, delete or squeeze bytes from standard
 * input to standard output. Sets take ranges (a-z), escapes (\n \t \\ \NNN)
 * and classes ([:alpha:] [:digit:] [:lower:] [:upper:] [:space:] [:blank:]
 * [:alnum:] [:punct:] [:print:] [:graph:] [:cntrl:] [:xdigit:]).
 *   -c complement SET1;  -d delete bytes in SET1;
 *   -s squeeze runs of a repeated byte in the last given set (after translation)
 * SET2 shorter than SET1 is padded with its last byte.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "util.h"

static const struct { const char *name; int (*fn)(int); } classes[] = {
  {"alpha", isalpha}, {"digit", isdigit}, {"alnum", isalnum}, {"upper", isupper},
  {"lower", islower}, {"space", isspace}, {"blank", isblank}, {"punct", ispunct},
  {"print", isprint}, {"graph", isgraph}, {"cntrl", iscntrl}, {"xdigit", isxdigit},
};

/* Reads one possibly escaped byte from *pp. */
static int next_char(const char **pp) {
  const char *p = *pp;
  int c = (unsigned char)*p++;
  if (c == '\\' && *p) {
    static const char from[] = "\\abfnrtv", to[] = "\\\a\b\f\n\r\t\v";
    const char *e = strchr(from, *p);
    if (*p >= '0' && *p <= '7') {
      c = 0;
      for (int k = 0; k < 3 && *p >= '0' && *p <= '7'; k++) c = c * 8 + (*p++ - '0');
    } else if (e) {
      c = (unsigned char)to[e - from], p++;
    } else {
      c = (unsigned char)*p++;
    }
  }
  *pp = p;
  return c;
}

/* Expands a set description into out (up to 4096 bytes); returns its length. */
static int expand(const char *s, unsigned char *out) {
  int n = 0;
  while (*s && n < 4000) {
    if (s[0] == '[' && s[1] == ':') {
      const char *end = strstr(s + 2, ":]");
      size_t len = end ? (size_t)(end - s - 2) : 0;
      size_t i = 0;
      for (; end && i < sizeof classes / sizeof classes[0]; i++)
        if (strlen(classes[i].name) == len && strncmp(classes[i].name, s + 2, len) == 0) break;
      if (end && i < sizeof classes / sizeof classes[0]) {
        for (int c = 0; c < 256; c++)
          if (classes[i].fn(c)) out[n++] = (unsigned char)c;
        s = end + 2;
        continue;
      }
      if (end) die(1, "invalid character class '%.*s'", (int)len, s + 2);
    }
    int lo = next_char(&s);
    if (*s == '-' && s[1]) {
      s++;
      int hi = next_char(&s);
      if (hi < lo) die(1, "range-endpoints of '%c-%c' are in reverse collating sequence order", lo, hi);
      for (int c = lo; c <= hi; c++) out[n++] = (unsigned char)c;
    } else {
      out[n++] = (unsigned char)lo;
    }
  }
  return n;
}

int main(int argc, char **argv) {
  struct opt o = {0};
  int c, comp = 0, del = 0, squeeze = 0;
  unsigned char s1[4096], s2[4096], in1[256] = {0}, insq[256] = {0}, map[256];
  set_prog(argv[0]);
  while ((c = opt_next(&o, argc, argv, "cCds")) != -1) {
    if (c == 'c' || c == 'C') comp = 1;
    else if (c == 'd') del = 1;
    else if (c == 's') squeeze = 1;
    else return 1;
  }
  int nargs = argc - o.ind, need = del && squeeze ? 2 : del || (squeeze && nargs == 1) ? 1 : 2;
  if (nargs < need) die(1, nargs ? "missing operand after '%s'" : "missing operand", argv[argc - 1]);
  if (nargs > need) die(1, "extra operand '%s'", argv[o.ind + need]);
  int n1 = expand(argv[o.ind], s1), n2 = nargs > 1 ? expand(argv[o.ind + 1], s2) : 0;
  for (int i = 0; i < n1; i++) in1[s1[i]] = 1;
  if (comp) {
    n1 = 0;
    for (int i = 0; i < 256; i++)
      if (!in1[i]) s1[n1++] = (unsigned char)i;
    memset(in1, 0, sizeof in1);
    for (int i = 0; i < n1; i++) in1[s1[i]] = 1;
  }
  for (int i = 0; i < 256; i++) map[i] = (unsigned char)i;
  int translate = !del && nargs == 2;
  if (translate) {
    if (n2 == 0) die(1, "when not truncating set1, string2 must be non-empty");
    for (int i = 0; i < n1; i++) map[s1[i]] = s2[i < n2 ? i : n2 - 1];
  }
  const unsigned char *sq = nargs == 2 ? s2 : s1;
  int nsq = nargs == 2 ? n2 : n1;
  for (int i = 0; i < nsq; i++) insq[sq[i]] = 1;
  int last = -1;
  while ((c = getchar()) != EOF) {
    if (del && in1[c]) continue;
    c = map[c];
    if (squeeze && insq[c] && c == last) continue;
    last = c;
    putchar(c);
  }
  return 0;
}
