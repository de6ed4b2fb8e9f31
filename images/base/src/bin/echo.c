/*
 * echo [-neE] [STRING...]: print the strings separated by spaces and a
 * newline. -n: no newline; -e: interpret \\ \a \b \c (stop output) \e \f \n
 * \r \t \v \0NNN \xHH; -E: no interpretation (default). Like GNU /bin/echo,
 * only arguments made entirely of these letters count as options.
 */
#include <stdio.h>
#include <string.h>

#include "util.h"

static int is_opt(const char *s) {
  if (s[0] != '-' || s[1] == 0) return 0;
  return strspn(s + 1, "neE") == strlen(s + 1);
}

static int hexval(int c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

/* Prints s with escapes; returns 1 when \c asked to stop all output. */
static int put_escaped(const char *s) {
  static const char from[] = "\\abefnrtv", to[] = "\\\a\b\033\f\n\r\t\v";
  for (; *s; s++) {
    const char *e;
    if (*s != '\\' || !s[1]) {
      putchar(*s);
      continue;
    }
    s++;
    if (*s == 'c') return 1;
    if ((e = strchr(from, *s)) != NULL) {
      putchar(to[e - from]);
    } else if (*s == '0') {
      int v = 0;
      for (int k = 0; k < 3 && s[1] >= '0' && s[1] <= '7'; k++) v = v * 8 + (*++s - '0');
      putchar(v);
    } else if (*s == 'x' && hexval(s[1]) >= 0) {
      int v = hexval(*++s);
      if (hexval(s[1]) >= 0) v = v * 16 + hexval(*++s);
      putchar(v);
    } else {
      putchar('\\');
      putchar(*s);
    }
  }
  return 0;
}

int main(int argc, char **argv) {
  int newline = 1, escapes = 0, i = 1;
  set_prog(argv[0]);
  for (; i < argc && is_opt(argv[i]); i++) {
    for (const char *p = argv[i] + 1; *p; p++) {
      if (*p == 'n') newline = 0;
      else escapes = *p == 'e';
    }
  }
  for (int first = 1; i < argc; i++, first = 0) {
    if (!first) putchar(' ');
    if (escapes ? put_escaped(argv[i]) : (fputs(argv[i], stdout), 0)) return fflush(stdout), 0;
  }
  if (newline) putchar('\n');
  return fflush(stdout) != 0;
}
