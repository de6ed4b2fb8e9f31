/*
 * fnmatch: shell wildcards (* ? [set] [!set] [^set] ranges, backslash
 * escapes) with FNM_NOESCAPE, FNM_PATHNAME ('/' only matched literally),
 * FNM_PERIOD (a leading '.' only matched literally), FNM_CASEFOLD and
 * FNM_LEADING_DIR. Returns 0 on a match, FNM_NOMATCH otherwise. Example:
 * fnmatch("*.c", "main.c", 0) is 0; with FNM_PATHNAME, "*" does not match
 * "a/b". Backtracking only for '*', so the cost is O(|pattern| * |s|).
 */
#include <fnmatch.h>
#include <ctype.h>
#include <string.h>

static int fold(int c, int flags) { return flags & FNM_CASEFOLD ? tolower(c) : c; }

/* A leading period of s (at the start or after '/' with FNM_PATHNAME) needing a literal match. */
static int leading_period(const char *s, const char *start, int flags) {
  if (!(flags & FNM_PERIOD) || *s != '.') return 0;
  return s == start || ((flags & FNM_PATHNAME) && s[-1] == '/');
}

/* Matches one bracket expression at *pp (just after '[') against c; -1 if malformed. */
static int bracket(const char **pp, int c, int flags) {
  const char *p = *pp;
  int neg = *p == '!' || *p == '^', ok = 0;
  if (neg) p++;
  int first = 1;
  for (; *p && (*p != ']' || first); first = 0) {
    int lo = (unsigned char)*p++;
    if (lo == '\\' && !(flags & FNM_NOESCAPE) && *p) lo = (unsigned char)*p++;
    int hi = lo;
    if (*p == '-' && p[1] && p[1] != ']') {
      p++;
      hi = (unsigned char)*p++;
      if (hi == '\\' && !(flags & FNM_NOESCAPE) && *p) hi = (unsigned char)*p++;
    }
    if (fold(c, flags) >= fold(lo, flags) && fold(c, flags) <= fold(hi, flags)) ok = 1;
    if (c >= lo && c <= hi) ok = 1;
  }
  if (*p != ']') return -1;
  *pp = p + 1;
  return ok != neg;
}

static int match(const char *p, const char *s, const char *start, int flags) {
  const char *star_p = NULL, *star_s = NULL;
  for (;;) {
    int c = (unsigned char)*p;
    if (c == '*') {
      if (leading_period(s, start, flags)) goto backtrack;
      while (*p == '*') p++;
      star_p = p, star_s = s;
      continue;
    }
    if (!c) {
      if (!*s || ((flags & FNM_LEADING_DIR) && *s == '/')) return 0;
      goto backtrack;
    }
    if (!*s) return FNM_NOMATCH;
    if ((flags & FNM_PATHNAME) && *s == '/' && c != '/') goto backtrack;
    if (c == '?') {
      if (leading_period(s, start, flags)) goto backtrack;
      p++, s++;
      continue;
    }
    if (c == '[') {
      const char *q = p + 1;
      if (leading_period(s, start, flags)) goto backtrack;
      int r = bracket(&q, (unsigned char)*s, flags);
      if (r < 0) {
        if (*s != '[') goto backtrack;
        p++, s++;
        continue;
      }
      if (!r) goto backtrack;
      p = q, s++;
      continue;
    }
    if (c == '\\' && !(flags & FNM_NOESCAPE)) {
      if (!p[1]) return FNM_NOMATCH; /* a trailing escape matches nothing, as in glibc */
      c = (unsigned char)*++p;
    }
    if (fold(c, flags) != fold((unsigned char)*s, flags)) goto backtrack;
    p++, s++;
    continue;
  backtrack:
    if (!star_p || !*star_s || ((flags & FNM_PATHNAME) && *star_s == '/')) return FNM_NOMATCH;
    p = star_p;
    s = ++star_s;
  }
}

int fnmatch(const char *pattern, const char *s, int flags) { return match(pattern, s, s, flags); }
