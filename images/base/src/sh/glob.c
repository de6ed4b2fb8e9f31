/*
 * glob.c - pathname expansion: matches a pattern (quoted characters
 * backslash-escaped) component by component against directory entries,
 * sorted. Leading dots only match an explicit dot. Returns nothing (the
 * caller keeps the word) when no path matches.
 */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "sh.h"

static int cmp_str(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

static void glob_rec(const char *prefix, const char *pat, StrList *out) {
  const char *slash = strchr(pat, '/');
  size_t clen = slash ? (size_t)(slash - pat) : strlen(pat);
  char *comp = xstrndup(pat, clen);
  const char *rest = slash ? slash + 1 : NULL;
  if (!has_meta(comp)) {
    char *lit = pat_unescape(comp);
    Str p = {0};
    str_adds(&p, prefix);
    str_adds(&p, lit);
    free(lit);
    struct stat st;
    if (rest) {
      str_addc(&p, '/');
      if (*rest) glob_rec(p.s, rest, out);
      else if (stat(p.s, &st) == 0) sl_add(out, xstrdup(p.s));
    } else if (lstat(p.s, &st) == 0) {
      sl_add(out, xstrdup(p.s));
    }
    free(p.s);
    free(comp);
    return;
  }
  DIR *d = opendir(*prefix ? prefix : ".");
  if (!d) {
    free(comp);
    return;
  }
  StrList names = {0};
  struct dirent *e;
  while ((e = readdir(d))) {
    if (e->d_name[0] == '.' && comp[0] != '.' && !(comp[0] == '\\' && comp[1] == '.')) continue;
    if (pmatch(comp, e->d_name)) sl_add(&names, xstrdup(e->d_name));
  }
  closedir(d);
  if (names.n) qsort(names.v, (size_t)names.n, sizeof(char *), cmp_str);
  for (int i = 0; i < names.n; i++) {
    Str p = {0};
    str_adds(&p, prefix);
    str_adds(&p, names.v[i]);
    if (rest) {
      struct stat st;
      str_addc(&p, '/');
      if (stat(p.s, &st) == 0 && S_ISDIR(st.st_mode)) {
        if (*rest) glob_rec(p.s, rest, out);
        else sl_add(out, xstrdup(p.s));
      }
    } else {
      sl_add(out, xstrdup(p.s));
    }
    free(p.s);
    free(names.v[i]);
  }
  free(names.v);
  free(comp);
}

void glob_expand(const char *pat, StrList *out) {
  if (pat[0] == '/') {
    while (pat[1] == '/') pat++;
    glob_rec("/", pat + 1, out);
  } else {
    glob_rec("", pat, out);
  }
}
