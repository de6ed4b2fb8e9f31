/*
 * glob: expands a pattern component by component. Literal components are
 * appended as they are; a component with wildcards (* ? [) is matched with
 * fnmatch against the entries of the directory built so far (names starting
 * with '.' only when the component does, or with GLOB_PERIOD, which lets
 * wildcards match "." and ".." in the last component only). Paths made
 * only of literal components must exist. Results are sorted with strcmp
 * unless GLOB_NOSORT. Example: "src/*.c" lists the C files of src.
 */
#include <glob.h>
#include <fnmatch.h>
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <limits.h>
#include <sys/stat.h>

struct ctx {
  glob_t *g;
  int flags;
  int (*errfunc)(const char *, int);
  int error;
};

static int has_magic(const char *s, size_t n, int flags) {
  for (size_t i = 0; i < n; i++) {
    if (s[i] == '*' || s[i] == '?' || s[i] == '[') return 1;
    if (s[i] == '\\' && !(flags & GLOB_NOESCAPE) && i + 1 < n) i++;
  }
  return 0;
}

static int add(glob_t *g, const char *path, int mark) {
  size_t n = strlen(path);
  char *copy = malloc(n + 2);
  char **v = realloc(g->gl_pathv, (g->gl_offs + g->gl_pathc + 2) * sizeof *v);
  if (!copy || !v) {
    free(copy);
    if (v) g->gl_pathv = v;
    return GLOB_NOSPACE;
  }
  memcpy(copy, path, n + 1);
  if (mark) strcpy(copy + n, "/");
  g->gl_pathv = v;
  v[g->gl_offs + g->gl_pathc++] = copy;
  v[g->gl_offs + g->gl_pathc] = NULL;
  return 0;
}

/* Copies a literal component into out, dropping escapes. */
static void unescape(char *out, const char *s, size_t n, int flags) {
  size_t k = 0;
  for (size_t i = 0; i < n; i++) {
    if (s[i] == '\\' && !(flags & GLOB_NOESCAPE) && i + 1 < n) i++;
    out[k++] = s[i];
  }
  out[k] = 0;
}

static int is_dir(const char *path) {
  struct stat st;
  return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static void expand(struct ctx *c, char *path, size_t len, const char *rest, int matched);

/* Matches one wildcard component against the directory `path`. */
static void expand_dir(struct ctx *c, char *path, size_t len, const char *comp, size_t n, const char *rest) {
  char pat[NAME_MAX + 1];
  if (n > NAME_MAX) return;
  memcpy(pat, comp, n);
  pat[n] = 0;
  DIR *d = opendir(len ? path : ".");
  if (!d) {
    if ((c->errfunc && c->errfunc(len ? path : ".", errno)) || (c->flags & GLOB_ERR)) c->error = GLOB_ABORTED;
    return;
  }
  int fl = (c->flags & GLOB_PERIOD ? 0 : FNM_PERIOD) | (c->flags & GLOB_NOESCAPE ? FNM_NOESCAPE : 0);
  struct dirent *e;
  while (!c->error && (e = readdir(d))) {
    size_t m = strlen(e->d_name);
    if (len + m + 2 >= PATH_MAX || fnmatch(pat, e->d_name, fl) != 0) continue;
    if (*rest && (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))) continue; /* only last */
    memcpy(path + len, e->d_name, m + 1);
    expand(c, path, len + m, rest, 1);
  }
  closedir(d);
  path[len] = 0;
}

/* Expands the pattern rest after path[0..len); matched says whether the last component came from readdir. */
static void expand(struct ctx *c, char *path, size_t len, const char *rest, int matched) {
  if (*rest == '/' && len > 0 && !is_dir(path)) return; /* "x/" needs x to be a directory */
  while (*rest == '/') {
    if (len + 1 >= PATH_MAX) return;
    path[len++] = '/', path[len] = 0, rest++;
  }
  if (!*rest) {
    struct stat st;
    if (matched || lstat(path, &st) == 0) {
      int r = add(c->g, path, (c->flags & GLOB_MARK) && is_dir(path)); /* "d/" marks as "d//", as glibc */
      if (r) c->error = r;
    }
    return;
  }
  size_t n = strcspn(rest, "/");
  if (has_magic(rest, n, c->flags)) {
    expand_dir(c, path, len, rest, n, rest + n);
    return;
  }
  if (len + n + 1 >= PATH_MAX) return;
  unescape(path + len, rest, n, c->flags);
  size_t added = strlen(path + len);
  if (rest[n] && !is_dir(path)) return;
  expand(c, path, len + added, rest + n, 0);
}

static int cmp(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

int glob(const char *pattern, int flags, int (*errfunc)(const char *, int), glob_t *g) {
  char path[PATH_MAX];
  struct ctx c = {g, flags, errfunc, 0};
  if (!(flags & GLOB_APPEND)) {
    g->gl_pathc = 0;
    g->gl_pathv = NULL;
    if (!(flags & GLOB_DOOFFS)) g->gl_offs = 0;
    g->gl_pathv = calloc(g->gl_offs + 1, sizeof(char *));
    if (!g->gl_pathv) return GLOB_NOSPACE;
  }
  size_t start = g->gl_pathc;
  path[0] = 0;
  expand(&c, path, 0, pattern, 0);
  if (c.error) return c.error;
  if (g->gl_pathc == start) {
    if (!(flags & GLOB_NOCHECK)) return GLOB_NOMATCH;
    if (add(g, pattern, 0)) return GLOB_NOSPACE;
  }
  if (!(flags & GLOB_NOSORT))
    qsort(g->gl_pathv + g->gl_offs + start, g->gl_pathc - start, sizeof(char *), cmp);
  g->gl_flags = flags;
  return 0;
}

void globfree(glob_t *g) {
  for (size_t i = 0; i < g->gl_pathc; i++) free(g->gl_pathv[g->gl_offs + i]);
  free(g->gl_pathv);
  g->gl_pathv = NULL;
  g->gl_pathc = 0;
}
