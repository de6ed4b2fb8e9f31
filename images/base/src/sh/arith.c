/*
 * arith.c - evaluates $((...)) expressions: C integer operators on long
 * long (POSIX requires at least signed long) with C precedence:
 *   , = += -= *= /= %= <<= >>= &= ^= |=   ?:   ||   &&   |   ^   &
 *   == !=   < <= > >=   << >>   + -   * / %   unary + - ! ~ ++ --
 * Variable names evaluate to their value (empty or unset is 0); numbers
 * may be decimal, 0octal or 0xhex. Errors (division by zero, syntax) call
 * sh_error. Example: arith_eval("x = 3, x << 2 | 1") == 13.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sh.h"

typedef struct {
  const char *p;
  int noeval; /* inside the unevaluated branch of && || ?: */
} Ar;

static long long assign_expr(Ar *a);

static void ws(Ar *a) {
  while (isspace((unsigned char)*a->p)) a->p++;
}

static int accept(Ar *a, const char *op) {
  ws(a);
  size_t n = strlen(op);
  if (strncmp(a->p, op, n) != 0) return 0;
  /* do not take "<" from "<<" or "<=", "&" from "&&", and so on */
  if (n == 1 && a->p[1] && strchr("<>&|=", op[0]) && (a->p[1] == op[0] || a->p[1] == '=')) {
    if (!(op[0] == '=' && a->p[1] != '=')) return 0;
  }
  if (n == 1 && strchr("+-*/%^!", op[0]) && a->p[1] == '=') return 0;
  if (n == 2 && strchr("<>", op[0]) && op[1] == op[0] && a->p[2] == '=') return 0;
  a->p += n;
  return 1;
}

static long long var_num(const char *name) {
  const char *v = var_get(name);
  if (!v || !*v) {
    if (!v && opt_u) sh_error("%s: parameter not set", name);
    return 0;
  }
  char *end;
  long long r = strtoll(v, &end, 0);
  while (isspace((unsigned char)*end)) end++;
  if (*end) sh_error("Illegal number: %s", v);
  return r;
}

static void set_num(Ar *a, const char *name, long long v) {
  if (a->noeval) return;
  char buf[32];
  snprintf(buf, sizeof buf, "%lld", v);
  var_set(name, buf, 0);
}

static char *read_name(Ar *a) {
  const char *s = a->p;
  while (is_name_char(*a->p)) a->p++;
  return xstrndup(s, (size_t)(a->p - s));
}

static long long primary(Ar *a) {
  ws(a);
  if (*a->p == '(') {
    a->p++;
    long long v = assign_expr(a);
    while (accept(a, ",")) v = assign_expr(a);
    if (!accept(a, ")")) sh_error("arithmetic expression: expecting ')'");
    return v;
  }
  if (isdigit((unsigned char)*a->p)) {
    char *end;
    long long v = (long long)strtoull(a->p, &end, 0);
    if (is_name_char(*end)) sh_error("arithmetic expression: bad number");
    a->p = end;
    return v;
  }
  if (is_name_start(*a->p)) {
    char *name = read_name(a);
    long long v = var_num(name);
    ws(a);
    if (strncmp(a->p, "++", 2) == 0 || strncmp(a->p, "--", 2) == 0) {
      set_num(a, name, *a->p == '+' ? v + 1 : v - 1);
      a->p += 2;
    }
    free(name);
    return v;
  }
  sh_error("arithmetic expression: syntax error: \"%s\"", a->p);
  return 0;
}

static long long unary(Ar *a) {
  ws(a);
  if (strncmp(a->p, "++", 2) == 0 || strncmp(a->p, "--", 2) == 0) {
    int inc = *a->p == '+';
    a->p += 2;
    ws(a);
    if (!is_name_start(*a->p)) sh_error("arithmetic expression: expecting variable");
    char *name = read_name(a);
    long long v = var_num(name) + (inc ? 1 : -1);
    set_num(a, name, v);
    free(name);
    return v;
  }
  if (*a->p == '-') { a->p++; return -unary(a); }
  if (*a->p == '+') { a->p++; return unary(a); }
  if (*a->p == '!') { a->p++; return !unary(a); }
  if (*a->p == '~') { a->p++; return ~unary(a); }
  return primary(a);
}

static long long divide(Ar *a, long long x, long long y, int mod) {
  if (y == 0) {
    if (a->noeval) return 0;
    sh_error("arithmetic expression: division by zero");
  }
  if (y == -1) return mod ? 0 : -x;
  return mod ? x % y : x / y;
}

/* Binary operator levels, lowest precedence first. */
static const char *levels[][5] = {
    {"|", NULL}, {"^", NULL}, {"&", NULL}, {"==", "!=", NULL},
    {"<=", ">=", "<", ">", NULL}, {"<<", ">>", NULL}, {"+", "-", NULL},
    {"*", "/", "%", NULL},
};
#define NLEVELS ((int)(sizeof levels / sizeof levels[0]))

static long long apply(Ar *a, const char *op, long long x, long long y) {
  switch (op[0]) {
    case '|': return x | y;
    case '^': return x ^ y;
    case '&': return x & y;
    case '=': return x == y;
    case '!': return x != y;
    case '<': return op[1] == '=' ? x <= y : op[1] == '<' ? (long long)((unsigned long long)x << (y & 63)) : x < y;
    case '>': return op[1] == '=' ? x >= y : op[1] == '>' ? x >> (y & 63) : x > y;
    case '+': return (long long)((unsigned long long)x + (unsigned long long)y);
    case '-': return (long long)((unsigned long long)x - (unsigned long long)y);
    case '*': return (long long)((unsigned long long)x * (unsigned long long)y);
    case '/': return divide(a, x, y, 0);
    default: return divide(a, x, y, 1);
  }
}

static long long binary(Ar *a, int level) {
  if (level == NLEVELS) return unary(a);
  long long x = binary(a, level + 1);
  for (;;) {
    const char *op = NULL;
    for (int i = 0; levels[level][i]; i++)
      if (accept(a, levels[level][i])) {
        op = levels[level][i];
        break;
      }
    if (!op) return x;
    x = apply(a, op, x, binary(a, level + 1));
  }
}

static long long logic_and(Ar *a) {
  long long x = binary(a, 0);
  while (accept(a, "&&")) {
    a->noeval += !x;
    long long y = binary(a, 0);
    a->noeval -= !x;
    x = x && y;
  }
  return x;
}

static long long logic_or(Ar *a) {
  long long x = logic_and(a);
  while (accept(a, "||")) {
    a->noeval += !!x;
    long long y = logic_and(a);
    a->noeval -= !!x;
    x = x || y;
  }
  return x;
}

static long long cond_expr(Ar *a) {
  long long c = logic_or(a);
  if (!accept(a, "?")) return c;
  a->noeval += !c;
  long long x = assign_expr(a);
  a->noeval -= !c;
  if (!accept(a, ":")) sh_error("arithmetic expression: expecting ':'");
  a->noeval += !!c;
  long long y = cond_expr(a);
  a->noeval -= !!c;
  return c ? x : y;
}

static const char *assign_ops[] = {"<<=", ">>=", "+=", "-=", "*=", "/=", "%=", "&=", "^=", "|=", "=", NULL};

static long long assign_expr(Ar *a) {
  ws(a);
  const char *save = a->p;
  if (is_name_start(*a->p)) {
    char *name = read_name(a);
    ws(a);
    for (int i = 0; assign_ops[i]; i++) {
      size_t n = strlen(assign_ops[i]);
      if (strncmp(a->p, assign_ops[i], n) != 0) continue;
      if (n == 1 && a->p[1] == '=') break;
      a->p += n;
      long long y = assign_expr(a), v = y;
      if (n > 1) {
        char op[3] = {assign_ops[i][0], assign_ops[i][0] == '<' || assign_ops[i][0] == '>' ? assign_ops[i][0] : 0, 0};
        v = apply(a, op, var_num(name), y);
      }
      set_num(a, name, v);
      free(name);
      return v;
    }
    free(name);
    a->p = save;
  }
  return cond_expr(a);
}

long long arith_eval(const char *expr) {
  Ar a = {expr, 0};
  ws(&a);
  if (!*a.p) return 0;
  long long v = assign_expr(&a);
  while (accept(&a, ",")) v = assign_expr(&a);
  ws(&a);
  if (*a.p) sh_error("arithmetic expression: syntax error: \"%s\"", expr);
  return v;
}
