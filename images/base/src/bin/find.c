/*
 * find [PATH...] [EXPRESSION]: walk directory trees (default ".") and
 * evaluate an expression for every file; with no action, -print is implied.
 * Tests: -name PAT, -iname PAT (wildcards * ? [..]), -type [fdlcbps],
 * -path PAT; actions: -print; operators: ! / -not, -a / -and (implicit),
 * -o / -or, ( ). Global options: -maxdepth N, -mindepth N.
 * Symbolic links are not followed. Directories are visited before their
 * contents, in directory order. Exit 1 if a path could not be read.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "glob.h"
#include "util.h"

enum kind { K_NAME, K_INAME, K_TYPE, K_PATH, K_PRINT, K_TRUE, K_NOT, K_AND, K_OR };
struct node { int kind; const char *arg; struct node *l, *r; };

static char **toks;
static int ntoks, pos, has_action, rc;
static long maxdepth = -1, mindepth;

static struct node *mk(int kind, const char *arg, struct node *l, struct node *r) {
  struct node *n = xmalloc(sizeof *n);
  n->kind = kind, n->arg = arg, n->l = l, n->r = r;
  return n;
}

static struct node *parse_or(void);

static const char *need_arg(const char *opt) {
  if (pos >= ntoks) die(1, "missing argument to `%s'", opt);
  return toks[pos++];
}

static struct node *parse_primary(void) {
  const char *t = toks[pos++];
  if (strcmp(t, "(") == 0) {
    struct node *n = parse_or();
    if (pos >= ntoks || strcmp(toks[pos], ")") != 0) die(1, "invalid expression; I was expecting to find a ')'");
    pos++;
    return n;
  }
  if (strcmp(t, "!") == 0 || strcmp(t, "-not") == 0) return mk(K_NOT, NULL, parse_primary(), NULL);
  if (strcmp(t, "-name") == 0) return mk(K_NAME, need_arg(t), NULL, NULL);
  if (strcmp(t, "-iname") == 0) return mk(K_INAME, need_arg(t), NULL, NULL);
  if (strcmp(t, "-path") == 0) return mk(K_PATH, need_arg(t), NULL, NULL);
  if (strcmp(t, "-type") == 0) {
    const char *a = need_arg(t);
    if (strlen(a) != 1 || !strchr("fdlcbps", a[0])) die(1, "Unknown argument to -type: %s", a);
    return mk(K_TYPE, a, NULL, NULL);
  }
  if (strcmp(t, "-print") == 0) {
    has_action = 1;
    return mk(K_PRINT, NULL, NULL, NULL);
  }
  if (strcmp(t, "-maxdepth") == 0 || strcmp(t, "-mindepth") == 0) {
    const char *a = need_arg(t);
    char *end;
    long v = strtol(a, &end, 10);
    if (*end || v < 0 || !*a) die(1, "Expected a positive decimal integer argument to %s, but got `%s'", t, a);
    if (t[2] == 'a') maxdepth = v;
    else mindepth = v;
    return mk(K_TRUE, NULL, NULL, NULL);
  }
  die(1, "unknown predicate `%s'", t);
}

static int at(const char *s) { return pos < ntoks && strcmp(toks[pos], s) == 0; }

static struct node *parse_and(void) {
  struct node *n = parse_primary();
  while (pos < ntoks && !at("-o") && !at("-or") && !at(")")) {
    if (at("-a") || at("-and")) pos++;
    n = mk(K_AND, NULL, n, parse_primary());
  }
  return n;
}

static struct node *parse_or(void) {
  struct node *n = parse_and();
  while (at("-o") || at("-or")) {
    pos++;
    n = mk(K_OR, NULL, n, parse_and());
  }
  return n;
}

static int type_char(mode_t m) {
  if (S_ISDIR(m)) return 'd';
  if (S_ISLNK(m)) return 'l';
  if (S_ISCHR(m)) return 'c';
  if (S_ISBLK(m)) return 'b';
  if (S_ISFIFO(m)) return 'p';
  if (S_ISSOCK(m)) return 's';
  return 'f';
}

static int eval(const struct node *n, const char *path, const char *name, const struct stat *st) {
  switch (n->kind) {
  case K_NAME: return glob_match(n->arg, name, 0);
  case K_INAME: return glob_match(n->arg, name, GLOB_ICASE);
  case K_PATH: return glob_match(n->arg, path, 0);
  case K_TYPE: return type_char(st->st_mode) == n->arg[0];
  case K_PRINT: puts(path); return 1;
  case K_TRUE: return 1;
  case K_NOT: return !eval(n->l, path, name, st);
  case K_AND: return eval(n->l, path, name, st) && eval(n->r, path, name, st);
  default: return eval(n->l, path, name, st) || eval(n->r, path, name, st);
  }
}

static void visit(const char *path, long depth, const struct node *expr) {
  struct stat st;
  if (lstat(path, &st) != 0) {
    char msg[4200];
    snprintf(msg, sizeof msg, "'%s'", path);
    warn_errno(msg);
    rc = 1;
    return;
  }
  const char *slash = strrchr(path, '/');
  const char *name = slash && slash[1] ? slash + 1 : path;
  if (depth >= mindepth) {
    int r = eval(expr, path, name, &st);
    if (r && !has_action) puts(path);
  }
  if (!S_ISDIR(st.st_mode) || (maxdepth >= 0 && depth >= maxdepth)) return;
  DIR *d = opendir(path);
  struct dirent *de;
  if (!d) {
    char msg[4200];
    snprintf(msg, sizeof msg, "'%s'", path);
    warn_errno(msg);
    rc = 1;
    return;
  }
  while ((de = readdir(d)) != NULL) {
    if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0) continue;
    char *p = path_join(path, de->d_name);
    visit(p, depth + 1, expr);
    free(p);
  }
  closedir(d);
}

int main(int argc, char **argv) {
  int first_expr = 1;
  set_prog(argv[0]);
  while (first_expr < argc && argv[first_expr][0] != '-' && strcmp(argv[first_expr], "!") != 0 &&
         strcmp(argv[first_expr], "(") != 0)
    first_expr++;
  toks = argv + first_expr, ntoks = argc - first_expr;
  struct node *expr = ntoks ? parse_or() : mk(K_TRUE, NULL, NULL, NULL);
  if (pos < ntoks) die(1, "unexpected `%s'", toks[pos]);
  if (first_expr == 1) visit(".", 0, expr);
  for (int i = 1; i < first_expr; i++) visit(argv[i], 0, expr);
  return rc;
}
