/*
 * builtin_io.c - echo, printf and read.
 *
 * echo follows dash (the oracle): only -n is an option and backslash
 * escapes are always interpreted (\c ends the output). printf reuses its
 * format until the arguments are used up; numeric conversions go through
 * the C library's snprintf with a rebuilt conversion spec. read takes one
 * line from fd 0 a byte at a time (so it never reads past the newline) and
 * splits it on IFS; it returns 1 at end of file.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sh.h"

/* Interprets one escape at *pp (after the backslash). Returns the char,
 * or -1 for \c. octal0: \0NNN (echo, %b) versus \NNN (printf format). */
static int escape(const char **pp, int octal0) {
  const char *p = *pp;
  int c = *p++;
  switch (c) {
    case 'a': c = '\a'; break;
    case 'b': c = '\b'; break;
    case 'c': *pp = p; return -1;
    case 'f': c = '\f'; break;
    case 'n': c = '\n'; break;
    case 'r': c = '\r'; break;
    case 't': c = '\t'; break;
    case 'v': c = '\v'; break;
    case '\\': break;
    default:
      if ((octal0 && c == '0') || (!octal0 && c >= '0' && c <= '7')) {
        int v = octal0 ? 0 : c - '0', n = octal0 ? 0 : 1;
        while (n < 3 && *p >= '0' && *p <= '7') {
          v = v * 8 + (*p++ - '0');
          n++;
        }
        c = v & 0xff;
      } else {
        p--;
        c = '\\';
      }
  }
  *pp = p;
  return c;
}

/* Writes s with escapes; returns 1 if \c was seen. */
static int put_escaped(const char *s, int octal0) {
  while (*s) {
    if (*s != '\\' || !s[1]) {
      putchar(*s++);
      continue;
    }
    s++;
    int c = escape(&s, octal0);
    if (c < 0) return 1;
    putchar(c);
  }
  return 0;
}

int b_echo(char **argv) {
  int i = 1, nl = 1;
  if (argv[i] && strcmp(argv[i], "-n") == 0) {
    nl = 0;
    i++;
  }
  for (; argv[i]; i++) {
    if (put_escaped(argv[i], 1)) return 0;
    if (argv[i + 1]) putchar(' ');
  }
  if (nl) putchar('\n');
  return 0;
}

static int pf_status;

static long long pf_int(const char *s) {
  if (!s) return 0;
  if (*s == '\'' || *s == '"') return (unsigned char)s[1];
  char *end;
  errno = 0;
  long long v = strtoll(s, &end, 0);
  if (*end == 0 && end != s && errno == 0) return v;
  unsigned long long u = strtoull(s, &end, 0);
  if (*end == 0 && end != s && *s != '-') return (long long)u;
  sh_warn("printf: %s: %s", s, *end ? "not completely converted" : "expected numeric value");
  pf_status = 1;
  return v;
}

static double pf_double(const char *s) {
  if (!s) return 0;
  if (*s == '\'' || *s == '"') return (unsigned char)s[1];
  char *end;
  double v = strtod(s, &end);
  if (*end || end == s) {
    sh_warn("printf: %s: expected numeric value", s);
    pf_status = 1;
  }
  return v;
}

/* Formats one conversion; spec is "%[flags][width][.prec]". Returns 1 on \c. */
static int pf_convert(const char *spec, int conv, const char *arg) {
  char fmt[64], buf[512];
  switch (conv) {
    case 'd':
    case 'i':
      snprintf(fmt, sizeof fmt, "%slld", spec);
      snprintf(buf, sizeof buf, fmt, pf_int(arg));
      break;
    case 'u':
    case 'o':
    case 'x':
    case 'X':
      snprintf(fmt, sizeof fmt, "%sll%c", spec, conv);
      snprintf(buf, sizeof buf, fmt, (unsigned long long)pf_int(arg));
      break;
    case 'e':
    case 'E':
    case 'f':
    case 'F':
    case 'g':
    case 'G':
      snprintf(fmt, sizeof fmt, "%s%c", spec, conv);
      snprintf(buf, sizeof buf, fmt, pf_double(arg));
      break;
    case 'c':
      snprintf(fmt, sizeof fmt, "%sc", spec);
      if (arg && *arg) snprintf(buf, sizeof buf, fmt, *arg);
      else if (strlen(spec) > 1) snprintf(buf, sizeof buf, fmt, ' ');
      else buf[0] = 0;
      break;
    case 'b': {
      Str s = {0};
      int stop = 0;
      for (const char *p = arg ? arg : ""; *p;) {
        if (*p == '\\' && p[1]) {
          p++;
          int c = escape(&p, 1);
          if (c < 0) {
            stop = 1;
            break;
          }
          str_addc(&s, c);
        } else {
          str_addc(&s, *p++);
        }
      }
      snprintf(fmt, sizeof fmt, "%ss", spec);
      printf(fmt, s.s ? s.s : "");
      free(s.s);
      return stop;
    }
    default:
      snprintf(fmt, sizeof fmt, "%ss", spec);
      printf(fmt, arg ? arg : "");
      return 0;
  }
  fputs(buf, stdout);
  return 0;
}

/* Runs the format once; *ai advances over consumed arguments. */
static int pf_once(const char *f, char **args, int *ai, int *used) {
  while (*f) {
    if (*f == '\\') {
      f++;
      int c = escape(&f, 0);
      if (c < 0) return 1;
      putchar(c);
      continue;
    }
    if (*f != '%') {
      putchar(*f++);
      continue;
    }
    if (f[1] == '%') {
      putchar('%');
      f += 2;
      continue;
    }
    char spec[48];
    size_t n = 0;
    spec[n++] = *f++;
    while (*f && strchr("-+ #0", *f) && n < 40) spec[n++] = *f++;
    for (int part = 0; part < 2; part++) {
      if (part == 1) {
        if (*f != '.') break;
        spec[n++] = *f++;
      }
      if (*f == '*') {
        f++;
        const char *a = args[*ai];
        if (a) (*ai)++;
        n += (size_t)snprintf(spec + n, sizeof spec - n, "%d", (int)pf_int(a));
        *used = 1;
      } else {
        while (isdigit((unsigned char)*f) && n < 40) spec[n++] = *f++;
      }
    }
    spec[n] = 0;
    int conv = *f ? *f++ : 0;
    if (!conv || !strchr("diouxXeEfFgGcsb", conv)) {
      sh_warn("printf: %%%c: invalid directive", conv);
      pf_status = 1;
      return 1;
    }
    const char *a = args[*ai];
    if (a) (*ai)++;
    *used = 1;
    if (pf_convert(spec, conv, a)) return 1;
  }
  return 0;
}

int b_printf(char **argv) {
  int i = 1;
  if (argv[i] && strcmp(argv[i], "--") == 0) i++;
  if (!argv[i]) {
    sh_warn("printf: usage: printf format [arg ...]");
    return 2;
  }
  const char *fmt = argv[i++];
  char **args = argv + i;
  int ai = 0;
  pf_status = 0;
  for (;;) {
    int used = 0;
    if (pf_once(fmt, args, &ai, &used)) break;
    if (!used || !args[ai]) break;
  }
  return pf_status;
}

static int is_ifs_ws(int c) { return c == ' ' || c == '\t' || c == '\n'; }

/* Reads a line; esc[i] marks backslash-escaped characters. Returns 0 at EOF
 * with nothing read. */
static int read_line(int raw, Str *line, Str *esc, int *eof) {
  *eof = 0;
  for (;;) {
    char c;
    ssize_t n = read(0, &c, 1);
    if (n < 0 && errno == EINTR) {
      if (trap_pending) trap_check();
      continue;
    }
    if (n <= 0) {
      *eof = 1;
      return line->n > 0;
    }
    if (c == '\n') return 1;
    if (c == '\\' && !raw) {
      n = read(0, &c, 1);
      if (n <= 0) {
        *eof = 1;
        return line->n > 0;
      }
      if (c == '\n') continue;
      str_addc(line, c);
      str_addc(esc, 1);
      continue;
    }
    str_addc(line, c);
    str_addc(esc, 0);
  }
}

int b_read(char **argv) {
  int i = 1, raw = 0;
  const char *prompt = NULL;
  for (; argv[i] && argv[i][0] == '-' && argv[i][1]; i++) {
    if (strcmp(argv[i], "-r") == 0) raw = 1;
    else if (strcmp(argv[i], "-p") == 0 && argv[i + 1]) prompt = argv[++i];
    else if (strcmp(argv[i], "--") == 0) {
      i++;
      break;
    } else {
      sh_warn("read: Illegal option %s", argv[i]);
      return 2;
    }
  }
  static char *reply[] = {(char *)"REPLY", NULL};
  char **vars = argv[i] ? argv + i : reply;
  if (prompt && isatty(0)) {
    fputs(prompt, stderr);
    fflush(stderr);
  }
  Str line = {0}, esc = {0};
  int eof;
  int got = read_line(raw, &line, &esc, &eof);
  const char *ifs = var_get("IFS");
  if (!ifs) ifs = " \t\n";
  const char *s = line.s ? line.s : "";
  const char *e = esc.s ? esc.s : "";
  size_t n = line.n, p = 0;
  while (p < n && !e[p] && strchr(ifs, s[p]) && is_ifs_ws(s[p])) p++;
  for (int v = 0; vars[v]; v++) {
    Str val = {0};
    if (!vars[v + 1]) {
      size_t end = n;
      while (end > p && !e[end - 1] && strchr(ifs, s[end - 1]) && is_ifs_ws(s[end - 1])) end--;
      str_addn(&val, s + p, end - p);
      if (!val.s) str_adds(&val, "");
      p = n;
    } else {
      while (p < n && (e[p] || !strchr(ifs, s[p]))) str_addc(&val, s[p++]);
      if (!val.s) str_adds(&val, "");
      while (p < n && !e[p] && strchr(ifs, s[p]) && is_ifs_ws(s[p])) p++;
      if (p < n && !e[p] && strchr(ifs, s[p])) p++;
      while (p < n && !e[p] && strchr(ifs, s[p]) && is_ifs_ws(s[p])) p++;
    }
    if (var_set(vars[v], val.s, 0) < 0) {
      free(val.s);
      return 2;
    }
    free(val.s);
  }
  free(line.s);
  free(esc.s);
  return got && !eof ? 0 : 1;
}
