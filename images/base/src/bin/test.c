/*
 * test EXPRESSION / [ EXPRESSION ]: evaluate a condition; exit 0 (true),
 * 1 (false) or 2 (error). POSIX rules by argument count (0-4), else a
 * grammar: expr = and {-o and}; and = term {-a term};
 * term = ! term | ( expr ) | UNARY arg | arg BINARY arg | arg.
 * Unary: -e -f -d -r -w -x -s -L -h -b -c -p -S -g -u -k -t -z -n -O -G.
 * Binary: = != -eq -ne -lt -le -gt -ge -nt -ot -ef.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util.h"

static char **args;
static int nargs, pos;

static _Noreturn void fail(const char *fmt, const char *arg) {
  fprintf(stderr, "%s: ", prog_name);
  fprintf(stderr, fmt, arg);
  fputc('\n', stderr);
  exit(2);
}

static long long integer(const char *s) {
  const char *p = s;
  while (*p == ' ' || *p == '\t') p++;
  char *end;
  errno = 0;
  long long v = strtoll(p, &end, 10);
  while (*end == ' ' || *end == '\t') end++;
  if (end == p || *end || errno) fail("invalid integer '%s'", s);
  return v;
}

static int is_unary(const char *s) {
  return s[0] == '-' && s[1] && !s[2] && strchr("efdrwxsLhbcpSgukztnOG", s[1]);
}

static int is_binary(const char *s) {
  static const char *ops[] = {"=", "==", "!=", "-eq", "-ne", "-lt", "-le", "-gt", "-ge", "-nt", "-ot", "-ef", "<", ">"};
  for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++)
    if (strcmp(s, ops[i]) == 0) return 1;
  return 0;
}

static int unary(char op, const char *a) {
  struct stat st;
  if (op == 'z') return !*a;
  if (op == 'n') return *a != 0;
  if (op == 't') return isatty((int)integer(a));
  if (op == 'L' || op == 'h') return lstat(a, &st) == 0 && S_ISLNK(st.st_mode);
  if (stat(a, &st) != 0) return 0;
  switch (op) {
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
  case 'k': return (st.st_mode & 01000) != 0;
  case 'r': return access(a, R_OK) == 0;
  case 'w': return access(a, W_OK) == 0;
  case 'x': return access(a, X_OK) == 0;
  case 'O': return st.st_uid == geteuid();
  case 'G': return st.st_gid == getegid();
  }
  return 0;
}

static int binary(const char *a, const char *op, const char *b) {
  struct stat sa, sb;
  if (strcmp(op, "=") == 0 || strcmp(op, "==") == 0) return strcmp(a, b) == 0;
  if (strcmp(op, "!=") == 0) return strcmp(a, b) != 0;
  if (strcmp(op, "<") == 0) return strcmp(a, b) < 0;
  if (strcmp(op, ">") == 0) return strcmp(a, b) > 0;
  if (strcmp(op, "-nt") == 0 || strcmp(op, "-ot") == 0 || strcmp(op, "-ef") == 0) {
    int ha = stat(a, &sa) == 0, hb = stat(b, &sb) == 0;
    if (op[1] == 'e') return ha && hb && sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
    long long ta = ha ? (long long)sa.st_mtim.tv_sec * 1000000000LL + sa.st_mtim.tv_nsec : 0;
    long long tb = hb ? (long long)sb.st_mtim.tv_sec * 1000000000LL + sb.st_mtim.tv_nsec : 0;
    if (op[1] == 'n') return ha && (!hb || ta > tb);
    return hb && (!ha || ta < tb);
  }
  long long x = integer(a), y = integer(b);
  if (strcmp(op, "-eq") == 0) return x == y;
  if (strcmp(op, "-ne") == 0) return x != y;
  if (strcmp(op, "-lt") == 0) return x < y;
  if (strcmp(op, "-le") == 0) return x <= y;
  if (strcmp(op, "-gt") == 0) return x > y;
  return x >= y;
}

static int expr(void);

static const char *next(void) {
  if (pos >= nargs) fail("%s", "argument expected");
  return args[pos++];
}

static int term(void) {
  const char *a = next();
  if (strcmp(a, "!") == 0) return !term();
  if (strcmp(a, "(") == 0) {
    int r = expr();
    if (pos >= nargs || strcmp(args[pos], ")") != 0) fail("'%s' expected", ")");
    pos++;
    return r;
  }
  if (pos + 1 < nargs && is_binary(args[pos])) {
    const char *op = args[pos++];
    return binary(a, op, next());
  }
  if (is_unary(a) && pos < nargs) return unary(a[1], next());
  return *a != 0;
}

static int and_expr(void) {
  int r = term();
  while (pos < nargs && strcmp(args[pos], "-a") == 0) {
    pos++;
    int t = term();
    r = r && t;
  }
  return r;
}

static int expr(void) {
  int r = and_expr();
  while (pos < nargs && strcmp(args[pos], "-o") == 0) {
    pos++;
    int t = and_expr();
    r = r || t;
  }
  return r;
}

/* POSIX evaluation for 1-4 arguments starting at args[at]; -1 to fall back to expr(). */
static int posix(int at, int n) {
  char **a = args + at;
  switch (n) {
  case 0: return 0;
  case 1: return *a[0] != 0;
  case 2:
    if (strcmp(a[0], "!") == 0) return *a[1] == 0;
    if (is_unary(a[0])) return unary(a[0][1], a[1]);
    fail("'%s': unary operator expected", a[0]);
  case 3:
    if (is_binary(a[1])) return binary(a[0], a[1], a[2]);
    if (strcmp(a[0], "!") == 0) return !posix(at + 1, 2);
    if (strcmp(a[0], "(") == 0 && strcmp(a[2], ")") == 0) return *a[1] != 0;
    return -1;
  case 4:
    if (strcmp(a[0], "!") == 0) return !posix(at + 1, 3);
    if (strcmp(a[0], "(") == 0 && strcmp(a[3], ")") == 0) return posix(at + 1, 2);
    return -1;
  }
  return -1;
}

int main(int argc, char **argv) {
  set_prog(argv[0]);
  args = argv + 1, nargs = argc - 1;
  if (strcmp(prog_name, "[") == 0) {
    if (nargs < 1 || strcmp(args[nargs - 1], "]") != 0) fail("%s", "missing ']'");
    nargs--;
  }
  int r = posix(0, nargs);
  if (r < 0) {
    pos = 0;
    r = expr();
    if (pos < nargs) fail("extra argument '%s'", args[pos]);
  }
  return !r;
}
