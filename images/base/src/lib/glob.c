/*
 * glob.c: wildcard matching for glob.h. Iterative with one backtrack point
 * for the last '*' (linear in practice): "a*b*c" against "aXbYbZc" matches.
 */
#include "glob.h"

#include <ctype.h>
#include <string.h>

static int fold(int c, int flags) { return flags & GLOB_ICASE ? tolower(c) : c; }

static const struct { const char *name; int (*fn)(int); } classes[] = {
  {"alpha", isalpha}, {"digit", isdigit}, {"alnum", isalnum}, {"upper", isupper},
  {"lower", islower}, {"space", isspace}, {"blank", isblank}, {"punct", ispunct},
  {"print", isprint}, {"graph", isgraph}, {"cntrl", iscntrl}, {"xdigit", isxdigit},
};

/* Matches c against the bracket at *pp ('[' already consumed); advances *pp past ']'.
 * Returns 1/0, or -1 if the bracket is unterminated (then '[' is literal). */
static int bracket(const char **pp, int c, int flags) {
  const char *p = *pp;
  int neg = *p == '!' || *p == '^', hit = 0, first = 1;
  if (neg) p++;
  for (; *p && (first || *p != ']'); first = 0) {
    if (p[0] == '[' && p[1] == ':') {
      const char *end = strstr(p + 2, ":]");
      if (end) {
        size_t n = (size_t)(end - p - 2);
        for (size_t i = 0; i < sizeof classes / sizeof classes[0]; i++)
          if (strlen(classes[i].name) == n && strncmp(classes[i].name, p + 2, n) == 0 && classes[i].fn(c))
            hit = 1;
        p = end + 2;
        continue;
      }
    }
    int lo = (unsigned char)*p++;
    if (lo == '\\' && *p) lo = (unsigned char)*p++;
    if (*p == '-' && p[1] && p[1] != ']') {
      int hi = (unsigned char)p[1];
      p += 2;
      if (hi == '\\' && *p) hi = (unsigned char)*p++;
      if (fold(c, flags) >= fold(lo, flags) && fold(c, flags) <= fold(hi, flags)) hit = 1;
      if (c >= lo && c <= hi) hit = 1;
    } else if (fold(c, flags) == fold(lo, flags)) {
      hit = 1;
    }
  }
  if (!*p) return -1;
  *pp = p + 1;
  return hit != neg;
}

int glob_match(const char *pat, const char *s, int flags) {
  const char *star = NULL, *star_s = NULL;
  for (;;) {
    if (*pat == '*') {
      while (*pat == '*') pat++;
      star = pat, star_s = s;
      continue;
    }
    int ok = 0;
    if (*s) {
      const char *p = pat;
      if (*p == '?') ok = 1, p++;
      else if (*p == '[') {
        p++;
        int r = bracket(&p, (unsigned char)*s, flags);
        if (r < 0) ok = *s == '[', p = pat + 1;
        else ok = r;
      } else if (*p == '\\' && p[1]) ok = fold((unsigned char)p[1], flags) == fold((unsigned char)*s, flags), p += 2;
      else if (*p) ok = fold((unsigned char)*p, flags) == fold((unsigned char)*s, flags), p++;
      if (ok) {
        pat = p, s++;
        continue;
      }
    } else if (!*pat) {
      return 1;
    }
    if (!star || !*star_s) return 0;
    pat = star, s = ++star_s;
  }
}
