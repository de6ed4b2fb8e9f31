/*
 * pattern.c - shell pattern matching (POSIX 2.13): * ? [...] [!...] (not [^...], as dash),
 * ranges, character classes like [[:digit:]], and backslash escapes (the
 * expander escapes quoted characters so they match literally).
 * Example: pmatch("a\\*[0-9]?", "a*5x") == 1.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "sh.h"

static const struct {
  const char *name;
  int (*fn)(int);
} classes[] = {
    {"alpha", isalpha}, {"digit", isdigit}, {"alnum", isalnum}, {"upper", isupper},
    {"lower", islower}, {"space", isspace}, {"punct", ispunct}, {"print", isprint},
    {"xdigit", isxdigit}, {"cntrl", iscntrl}, {"graph", isgraph}, {"blank", NULL},
};

static int class_match(const char *name, size_t len, int c) {
  for (size_t i = 0; i < sizeof classes / sizeof classes[0]; i++) {
    if (strlen(classes[i].name) != len || strncmp(classes[i].name, name, len) != 0) continue;
    if (!classes[i].fn) return c == ' ' || c == '\t';
    return classes[i].fn(c) != 0;
  }
  return 0;
}

/* Matches a bracket expression at p (just after '['). Returns the position
 * after ']' and sets *ok, or NULL when the bracket is not closed. */
static const char *bracket(const char *p, int c, int *ok) {
  int neg = 0, found = 0;
  if (*p == '!') {
    neg = 1;
    p++;
  }
  const char *start = p;
  while (*p && (*p != ']' || p == start)) {
    if (p[0] == '[' && p[1] == ':') {
      const char *e = strstr(p + 2, ":]");
      if (e) {
        if (class_match(p + 2, (size_t)(e - p - 2), c)) found = 1;
        p = e + 2;
        continue;
      }
    }
    int lo = (unsigned char)*p;
    if (lo == '\\' && p[1]) lo = (unsigned char)*++p;
    p++;
    int hi = lo;
    if (p[0] == '-' && p[1] && p[1] != ']') {
      hi = (unsigned char)p[1];
      p += 2;
      if (hi == '\\' && *p) hi = (unsigned char)*p++;
    }
    if (c >= lo && c <= hi) found = 1;
  }
  if (*p != ']') return NULL;
  *ok = found != neg;
  return p + 1;
}

int pmatch(const char *pat, const char *s) {
  const char *star_p = NULL, *star_s = NULL;
  for (;;) {
    int c = (unsigned char)*pat;
    if (c == '*') {
      while (*pat == '*') pat++;
      if (!*pat) return 1;
      star_p = pat;
      star_s = s;
      continue;
    }
    if (!*s) {
      if (!c) return 1;
      goto backtrack;
    }
    if (c == '?') {
      pat++;
      s++;
      continue;
    }
    if (c == '[') {
      int ok = 0;
      const char *e = bracket(pat + 1, (unsigned char)*s, &ok);
      if (e) {
        if (!ok) goto backtrack;
        pat = e;
        s++;
        continue;
      }
    }
    if (c == '\\' && pat[1]) c = (unsigned char)*++pat;
    if (c && c == (unsigned char)*s) {
      pat++;
      s++;
      continue;
    }
  backtrack:
    if (!star_p || !*star_s) return 0;
    pat = star_p;
    s = ++star_s;
  }
}

int has_meta(const char *p) {
  for (; *p; p++) {
    if (*p == '\\' && p[1]) {
      p++;
      continue;
    }
    if (*p == '*' || *p == '?') return 1;
    if (*p == '[' && strchr(p + 1, ']')) return 1;
  }
  return 0;
}

char *pat_unescape(const char *p) {
  char *r = xmalloc(strlen(p) + 1), *q = r;
  for (; *p; p++) {
    if (*p == '\\' && p[1]) p++;
    *q++ = *p;
  }
  *q = 0;
  return r;
}
