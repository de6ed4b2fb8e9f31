/*
 * builtin_test.c - test and [ (POSIX test with the XSI -a -o ( ) forms).
 *
 * Grammar, by recursive descent over the argument list:
 *   expr := and ('-o' and)*    and := not ('-a' not)*
 *   not  := '!' not | '(' expr ')' | primary
 *   primary := unary-op arg | arg binary-op arg | arg
 * With 1-4 arguments the POSIX count rules decide first (so `test -n` and
 * `test ! = x` work). Exit status 0 true, 1 false, 2 error.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sh.h"

typedef struct {
  char **a;
  int n, i;
  int err;
} T;

static const char *unops = "bcdefghLnprsStuwxzO G";
static const char *binops[] = {"=", "!=", "-eq", "-ne", "-lt", "-le", "-gt", "-ge", "-nt", "-ot", "-ef", "==", NULL};

static int is_unop(const char *s) {
  return s && s[0] == '-' && s[1] && !s[2] && strchr(unops, s[1]) && s[1] != ' ';
}

static int is_binop(const char *s) {
  if (!s) return 0;
  for (int i = 0; binops[i]; i++)
    if (strcmp(s, binops[i]) == 0) return 1;
  return 0;
}

static long long to_num(T *t, const char *s) {
  char *end;
  while (*s == ' ' || *s == '\t') s++;
  long long v = strtoll(s, &end, 10);
  while (*end == ' ' || *end == '\t') end++;
  if (*end || end == s) {
    sh_warn("test: Illegal number: %s", s);
    t->err = 1;
  }
  return v;
}

static int unary(const char *op, const char *arg) {
  struct stat st;
  int c = op[1];
  if (c == 'n') return *arg != 0;
  if (c == 'z') return *arg == 0;
  if (c == 't') return isatty(atoi(arg));
  if (c == 'r') return access(arg, R_OK) == 0;
  if (c == 'w') return access(arg, W_OK) == 0;
  if (c == 'x') return access(arg, X_OK) == 0;
  if (c == 'h' || c == 'L') return lstat(arg, &st) == 0 && S_ISLNK(st.st_mode);
  if (stat(arg, &st) != 0) return 0;
  switch (c) {
    case 'e': return 1;
    case 'f': return S_ISREG(st.st_mode);
    case 'd': return S_ISDIR(st.st_mode);
    case 'b': return S_ISBLK(st.st_mode);
    case 'c': return S_ISCHR(st.st_mode);
    case 'p': return S_ISFIFO(st.st_mode);
    case 'S': return S_ISSOCK(st.st_mode);
    case 's': return st.st_size > 0;
    case 'g': return (st.st_mode & S_ISGID) != 0;
    case 'u': return (st.st_mode & S_ISUID) != 0;
    case 'O': return st.st_uid == geteuid();
    case 'G': return st.st_gid == getegid();
  }
  return 0;
}

static int binary(T *t, const char *l, const char *op, const char *r) {
  if (strcmp(op, "=") == 0 || strcmp(op, "==") == 0) return strcmp(l, r) == 0;
  if (strcmp(op, "!=") == 0) return strcmp(l, r) != 0;
  if (strcmp(op, "-nt") == 0 || strcmp(op, "-ot") == 0 || strcmp(op, "-ef") == 0) {
    struct stat a, b;
    int ha = stat(l, &a) == 0, hb = stat(r, &b) == 0;
    if (op[1] == 'e') return ha && hb && a.st_dev == b.st_dev && a.st_ino == b.st_ino;
    if (op[1] == 'n') return ha && (!hb || a.st_mtime > b.st_mtime);
    return hb && (!ha || a.st_mtime < b.st_mtime);
  }
  long long x = to_num(t, l), y = to_num(t, r);
  if (strcmp(op, "-eq") == 0) return x == y;
  if (strcmp(op, "-ne") == 0) return x != y;
  if (strcmp(op, "-lt") == 0) return x < y;
  if (strcmp(op, "-le") == 0) return x <= y;
  if (strcmp(op, "-gt") == 0) return x > y;
  return x >= y;
}

static const char *arg(T *t, int k) { return t->i + k < t->n ? t->a[t->i + k] : NULL; }

static int expr(T *t);

static int primary(T *t) {
  const char *a = arg(t, 0);
  if (!a) {
    t->err = 1;
    return 0;
  }
  if (strcmp(a, "!") == 0 && arg(t, 1)) {
    t->i++;
    return !primary(t);
  }
  if (strcmp(a, "(") == 0 && !(is_binop(arg(t, 1)) && arg(t, 2))) {
    t->i++;
    int v = expr(t);
    if (!arg(t, 0) || strcmp(arg(t, 0), ")") != 0) t->err = 1;
    t->i++;
    return v;
  }
  if (is_binop(arg(t, 1)) && arg(t, 2)) {
    t->i += 3;
    return binary(t, a, t->a[t->i - 2], t->a[t->i - 1]);
  }
  if (is_unop(a) && arg(t, 1)) {
    t->i += 2;
    return unary(a, t->a[t->i - 1]);
  }
  t->i++;
  return *a != 0;
}

static int and_expr(T *t) {
  int v = primary(t);
  while (arg(t, 0) && strcmp(arg(t, 0), "-a") == 0) {
    t->i++;
    int w = primary(t);
    v = v && w;
  }
  return v;
}

static int expr(T *t) {
  int v = and_expr(t);
  while (arg(t, 0) && strcmp(arg(t, 0), "-o") == 0) {
    t->i++;
    int w = and_expr(t);
    v = v || w;
  }
  return v;
}

/* The POSIX rules for up to four arguments. Returns -1 if not decided. */
static int by_count(T *t) {
  char **a = t->a;
  switch (t->n) {
    case 0: return 0;
    case 1: return *a[0] != 0;
    case 2:
      if (strcmp(a[0], "!") == 0) return *a[1] == 0;
      if (is_unop(a[0])) return unary(a[0], a[1]);
      return -1;
    case 3:
      if (is_binop(a[1])) return binary(t, a[0], a[1], a[2]);
      if (strcmp(a[0], "!") == 0) {
        T u = {a + 1, 2, 0, 0};
        int v = by_count(&u);
        t->err = u.err;
        return v < 0 ? v : !v;
      }
      if (strcmp(a[0], "(") == 0 && strcmp(a[2], ")") == 0) return *a[1] != 0;
      return -1;
    case 4:
      if (strcmp(a[0], "!") == 0) {
        T u = {a + 1, 3, 0, 0};
        int v = by_count(&u);
        t->err = u.err;
        return v < 0 ? v : !v;
      }
      if (strcmp(a[0], "(") == 0 && strcmp(a[3], ")") == 0) {
        T u = {a + 1, 2, 0, 0};
        int v = by_count(&u);
        t->err = u.err;
        return v;
      }
      return -1;
  }
  return -1;
}

int b_test(char **argv) {
  int n = 0;
  while (argv[n]) n++;
  if (strcmp(argv[0], "[") == 0) {
    if (strcmp(argv[n - 1], "]") != 0) {
      sh_warn("[: missing ]");
      return 2;
    }
    n--;
  }
  T t = {argv + 1, n - 1, 0, 0};
  int v = by_count(&t);
  if (v < 0) {
    v = expr(&t);
    if (t.i < t.n) t.err = 1;
  }
  if (t.err) {
    if (t.i < t.n || v < 0) sh_warn("test: syntax error");
    return 2;
  }
  return !v;
}
